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
 * `gotypes.generated.ts`. `intstr.IntOrString` holds an int32 when given a number.
 */
import { INTEGER_PATHS } from './gotypes.generated';
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

/** Calls `visit(value, path)` for every value at a gotypes path (`a.b[].c{}`), expanding lists and maps. */
function walk(root: unknown, typePath: string, visit: (value: unknown, path: string) => void): void {
  const segments = typePath.split('.');
  const step = (value: unknown, i: number, at: string): void => {
    if (i === segments.length) {
      visit(value, at);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    let seg = segments[i];
    const expand: string[] = [];
    while (seg.endsWith('[]') || seg.endsWith('{}')) {
      expand.unshift(seg.slice(-2));
      seg = seg.slice(0, -2);
    }
    const child = (value as Record<string, unknown>)[seg];
    if (child === undefined) return;
    const childAt = at ? `${at}.${seg}` : seg;
    const expandFrom = (v: unknown, k: number, p: string): void => {
      if (k === expand.length) {
        step(v, i + 1, p);
        return;
      }
      if (expand[k] === '[]') {
        if (Array.isArray(v)) v.forEach((item, n) => expandFrom(item, k + 1, `${p}[${n}]`));
      } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        for (const key of Object.keys(v).sort()) {
          const keyAt = /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key) ? `${p}.${key}` : `${p}[${JSON.stringify(key)}]`;
          expandFrom((v as Record<string, unknown>)[key], k + 1, keyAt);
        }
      }
    };
    expandFrom(child, 0, childAt);
  };
  step(root, 0, '');
}

/** Every number in `manifest` that does not fit its field's Go integer type. */
export function intRangeViolations(manifest: any): Violation[] {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest) || typeof manifest.kind !== 'string') return [];
  const table = INTEGER_PATHS[SAME_TYPES[manifest.kind] ?? manifest.kind];
  if (!table) return [];
  const out: Violation[] = [];
  for (const [typePath, goType] of Object.entries(table.paths)) {
    const range = RANGES[goType];
    if (!range) continue;
    walk(manifest, typePath, (value, path) => {
      if (typeof value !== 'number') return;
      const allowed = `an integer from ${RANGE_TEXT[goType]}`;
      if (!Number.isInteger(value)) {
        out.push(violation('int-range', path, `must be a whole number (Go type ${goTypeName(goType)})`, value, allowed));
      } else if (value < range[0] || value > range[1] || (range[1] >= 2 ** 63 && value >= range[1])) {
        out.push(violation('int-range', path, `must fit the Go type ${goTypeName(goType)}`, value, allowed));
      }
    });
  }
  return out;
}

export const INT_RANGE_RULES: Rule[] = [
  {
    id: 'int-range',
    source: 'Go encoding/json decoding into kubevirt.io/api and CDI api types (field types: ../shared/kubevirt/gotypes, via gotypes.generated.ts)',
    summary: 'rejects a number that does not fit its field\'s Go integer type (int32, int64, uint32, …), or has a fraction where Go wants an integer',
    kinds: [...Object.keys(INTEGER_PATHS), ...Object.keys(SAME_TYPES)].sort(),
    check: intRangeViolations,
  },
];
