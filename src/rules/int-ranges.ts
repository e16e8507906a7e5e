/**
 * Every number in a KubeVirt/CDI object must fit the Go integer type of its field.
 *
 * The API server decodes a VirtualMachine into `kubevirt.io/api/core/v1` types in the mutating webhook
 * (`pkg/virt-api/webhooks/mutating-webhook/mutators/vm-mutator.go` `VMsMutator.Mutate`), and KubeVirt's and
 * CDI's controllers decode every other kind into theirs. Go's `encoding/json` refuses a number that
 * overflows the field's type or has a fraction where an integer is wanted ("cannot unmarshal number …
 * into Go struct field … of type int32"): the write is rejected, or the controller cannot read the object.
 * The CRD schemas say `type: integer` with `format: int32`/`int64` at best, and nothing for `uint32`, so
 * `cores: 1000000000000` passes the schema.
 *
 * The Go type of every path comes from `../shared/kubevirt/gotypes/` (KubeVirt v1.9.0, CDI v1.66.0), via
 * `int-paths.generated.ts` (the integer paths only; gotypes.generated.ts re-exports them with the round-trip
 * simulator's larger table, which a synthesis does not need). `intstr.IntOrString` holds an int32 when given a number.
 */
import type { INTEGER_PATHS } from './int-paths.generated';
import { Rule, Violation, violation } from './types';

/** Inclusive bounds of each Go integer type, as JS numbers (64-bit bounds are the nearest doubles). */
const RANGES: Record<string, readonly [number, number]> = {
  int8: [-(2 ** 7), 2 ** 7 - 1],
  int16: [-(2 ** 15), 2 ** 15 - 1],
  int32: [-(2 ** 31), 2 ** 31 - 1],
  intorstring: [-(2 ** 31), 2 ** 31 - 1],
  int64: [-(2 ** 63), 2 ** 63],
  int: [-(2 ** 63), 2 ** 63],
  uint8: [0, 2 ** 8 - 1],
  uint16: [0, 2 ** 16 - 1],
  uint32: [0, 2 ** 32 - 1],
  uint64: [0, 2 ** 64],
  uint: [0, 2 ** 64],
};

/** The bounds as written in messages (exact, not rounded through doubles). */
const RANGE_TEXT: Record<string, string> = {
  int8: '-128 to 127',
  int16: '-32768 to 32767',
  int32: '-2147483648 to 2147483647',
  intorstring: '-2147483648 to 2147483647',
  int64: '-9223372036854775808 to 9223372036854775807',
  int: '-9223372036854775808 to 9223372036854775807',
  uint8: '0 to 255',
  uint16: '0 to 65535',
  uint32: '0 to 4294967295',
  uint64: '0 to 18446744073709551615',
  uint: '0 to 18446744073709551615',
};

/** Cluster-scoped kinds that share a namespaced kind's Go types. */
const SAME_TYPES: Record<string, string> = {
  VirtualMachineClusterInstancetype: 'VirtualMachineInstancetype',
  VirtualMachineClusterPreference: 'VirtualMachinePreference',
};

function goTypeName(t: string): string {
  return t === 'intorstring' ? 'int32 (intstr.IntOrString)' : t;
}

/**
 * The integer paths of one kind as a tree, built once per kind: a manifest is then walked once, along
 * the branches it has, instead of once per path (a VirtualMachine has hundreds of integer paths).
 * `a.b[].c{}` is key `a`, key `b`, every list item, key `c`, every map value.
 */
interface PathNode {
  /** Children by key. */
  keys?: Map<string, PathNode>;
  /** Every item of a list. */
  items?: PathNode;
  /** Every value of a map (in sorted key order). */
  values?: PathNode;
  /** The value here has this Go type, and its path is the `order`th of the table. */
  leaf?: { goType: string; order: number };
}

const TREES = new Map<string, PathNode | null>();

function treeOf(kind: string): PathNode | null {
  let tree = TREES.get(kind);
  if (tree !== undefined) return tree;
  // Loaded on first use: only synthesis and `lint` need the table.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const paths: typeof INTEGER_PATHS = require('./int-paths.generated').INTEGER_PATHS;
  const table = paths[SAME_TYPES[kind] ?? kind];
  tree = table ? {} : null;
  if (tree) {
    let order = 0;
    for (const [typePath, goType] of Object.entries(table.paths)) {
      order++;
      if (!RANGES[goType]) continue;
      let node: PathNode = tree;
      for (let seg of typePath.split('.')) {
        const expand: string[] = [];
        while (seg.endsWith('[]') || seg.endsWith('{}')) {
          expand.unshift(seg.slice(-2));
          seg = seg.slice(0, -2);
        }
        node.keys ??= new Map();
        let next = node.keys.get(seg);
        if (!next) node.keys.set(seg, next = {});
        node = next;
        for (const e of expand) node = e === '[]' ? (node.items ??= {}) : (node.values ??= {});
      }
      node.leaf = { goType, order };
    }
  }
  TREES.set(kind, tree);
  return tree;
}

interface Found { readonly order: number; readonly seq: number; readonly violation: Violation }

/**
 * Where the walk is: pairs of (step kind, key or index), turned into a path string only for a
 * violation. `pathOf` builds exactly the string the walk used to build step by step.
 */
type Steps = Array<number | string>;
// `steps` holds `depth` pairs; deeper entries are stale and ignored (set in place, never truncated).
const KEY = 0;
const ITEM = 1;
const MAP_KEY = 2;

function pathOf(steps: Steps, depth: number): string {
  let at = '';
  for (let i = 0; i < depth * 2; i += 2) {
    const kind = steps[i];
    const step = steps[i + 1];
    if (kind === KEY) at = at ? `${at}.${step}` : step as string;
    else if (kind === ITEM) at = `${at}[${step}]`;
    else at = /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(step as string) ? `${at}.${step}` : `${at}[${JSON.stringify(step)}]`;
  }
  return at;
}

/** Checks `value` at `steps` (`depth` deep) against `node`, then its children: keys of objects, items of lists, values of maps. */
function visit(value: unknown, steps: Steps, depth: number, node: PathNode, out: Found[]): void {
  const leaf = node.leaf;
  if (leaf !== undefined && typeof value === 'number') {
    const { goType, order } = leaf;
    const range = RANGES[goType];
    if (!Number.isInteger(value)) {
      out.push({
        order,
        seq: out.length,
        violation: violation('int-range', pathOf(steps, depth), `must be a whole number (Go type ${goTypeName(goType)})`, value,
          `an integer from ${RANGE_TEXT[goType]}`),
      });
    } else if (value < range[0] || value > range[1] || (range[1] >= 2 ** 63 && value >= range[1])) {
      out.push({
        order,
        seq: out.length,
        violation: violation('int-range', pathOf(steps, depth), `must fit the Go type ${goTypeName(goType)}`, value,
          `an integer from ${RANGE_TEXT[goType]}`),
      });
    }
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    const items = node.items;
    if (items !== undefined) {
      for (let n = 0; n < value.length; n++) {
        if (!(n in value)) continue; // forEach skipped holes; so does the walk
        steps[depth * 2] = ITEM;
        steps[depth * 2 + 1] = n;
        visit(value[n], steps, depth + 1, items, out);
      }
    }
    return;
  }
  // The object's own keys, each looked up among the node's children: an object holds a few of the
  // many keys its node may have, and reads in for…in use V8's enum cache where reads by the node's key
  // list were megamorphic keyed loads. The order of keys does not change the result: violations are
  // sorted by their path's place in the table, and two of one path differ only in list indexes and map
  // keys, which are walked in order either way. (Manifests are plain JSON: no inherited enumerable keys.)
  const keys = node.keys;
  if (keys !== undefined) {
    for (const key in value as Record<string, unknown>) {
      const child = keys.get(key);
      if (child === undefined) continue;
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) {
        steps[depth * 2] = KEY;
        steps[depth * 2 + 1] = key;
        visit(v, steps, depth + 1, child, out);
      }
    }
  }
  if (node.values) {
    for (const key of Object.keys(value).sort()) {
      steps[depth * 2] = MAP_KEY;
      steps[depth * 2 + 1] = key;
      visit((value as Record<string, unknown>)[key], steps, depth + 1, node.values, out);
    }
  }
}

/** Every number in `manifest` that does not fit its field's Go integer type, in the order of the table's paths. */
export function intRangeViolations(manifest: any): Violation[] {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest) || typeof manifest.kind !== 'string') return [];
  const tree = treeOf(manifest.kind);
  if (!tree) return [];
  const found: Found[] = [];
  visit(manifest, [], 0, tree, found);
  if (found.length === 0) return [];
  return found.sort((a, b) => a.order - b.order || a.seq - b.seq).map(f => f.violation);
}

/**
 * The kinds gotypes.generated.ts has integer paths for, and the kinds that share their types, sorted.
 * Written out so that loading the rules does not load the generated table (test/rules/int-ranges.test.ts
 * checks it against the table).
 */
export const INT_RANGE_KINDS: string[] = [
  'DataImportCron', 'DataSource', 'DataVolume', 'VirtualMachine', 'VirtualMachineClone', 'VirtualMachineClusterInstancetype',
  'VirtualMachineClusterPreference', 'VirtualMachineExport', 'VirtualMachineInstancetype', 'VirtualMachinePool',
  'VirtualMachinePreference', 'VirtualMachineRestore', 'VirtualMachineSnapshot',
];

export const INT_RANGE_RULES: Rule[] = [
  {
    id: 'int-range',
    source: 'Go encoding/json decoding into kubevirt.io/api and CDI api types (field types: ../shared/kubevirt/gotypes, via gotypes.generated.ts)',
    summary: 'rejects a number that does not fit its field\'s Go integer type (int32, int64, uint32, …), or has a fraction where Go wants an integer',
    kinds: INT_RANGE_KINDS,
    check: intRangeViolations,
  },
];
