/**
 * The vocabulary of the rules: what a rule is, what it reports, and the few accessors every rule uses to
 * read untrusted manifest JSON without throwing.
 *
 * Rules read plain JSON that may be anything (hand-written YAML, a fuzzer's output), so every accessor
 * here tolerates `null`, arrays and wrong types, and nothing ever mutates its input.
 */

/** One broken rule, at one place in a manifest. */
export interface Violation {
  /** The id of the rule, e.g. `disk-bus`. */
  readonly ruleId: string;
  /** Dotted JSON path with indexes, e.g. `spec.template.spec.domain.devices.disks[1].bus`. */
  readonly path: string;
  /** What is wrong, lowercase, starting with a verb phrase, e.g. `must be one of …`. */
  readonly problem: string;
  /** The value found at `path`. */
  readonly value: unknown;
  /** What is allowed instead. */
  readonly allowed: string;
}

/** A KubeVirt / CDI admission rule, as a pure function over a manifest. */
export interface Rule {
  /** Kebab-case, unique, e.g. `disk-bus`. */
  readonly id: string;
  /** The upstream file the rule comes from, e.g. `pkg/storage/admitters/disks.go`. */
  readonly source: string;
  /** One line: what the rule rejects. */
  readonly summary: string;
  /** The kinds it applies to. */
  readonly kinds: string[];
  /** True when the outcome depends on cluster settings (feature gates, KubeVirt config); skipped by default. */
  readonly clusterDependent?: boolean;
  /** Returns every violation of this rule in the manifest; never throws. */
  check(manifest: any): Violation[];
}

/** Where a VMI spec sits in a manifest, and what around it matters to the rules. */
export interface SpecContext {
  /** The VMI spec (`template.spec`); always an object (empty when missing or malformed). */
  readonly spec: any;
  /** Its dotted path, e.g. `spec.template.spec`. */
  readonly path: string;
  /** The enclosing VM spec, when there is one (for `instancetype`, `dataVolumeTemplates`). */
  readonly vmSpec?: any;
  /** The enclosing VM spec's path, e.g. `spec` or `spec.virtualMachineTemplate.spec`. */
  readonly vmPath?: string;
  /** The VMI template's metadata (labels), when there is one. */
  readonly templateMeta?: any;
  /** The manifest's `metadata.namespace`, when it is a string. */
  readonly namespace?: string;
  /**
   * Views of the spec that several rules need (lists by name, paths, parsed quantities), computed on
   * first use by `spec-view.ts` and shared by every rule of one `checkManifest` call. A context is made
   * fresh for each call and rules never mutate their input, so a view cannot go stale.
   */
  readonly memo: SpecMemo;
}

/** The slots of `SpecContext.memo`; filled and read only by `spec-view.ts` and the rule files. */
export interface SpecMemo {
  [key: string]: unknown;
}

/**
 * A fresh memo with every slot the rule files use, so that every memo has one shape from the start
 * (slots added one by one in varying order would make each read site see many shapes).
 */
function newMemo(): SpecMemo {
  return {
    disks: undefined,
    interfaces: undefined,
    networks: undefined,
    volumes: undefined,
    volumesByName: undefined,
    networksByName: undefined,
    interfaceNetworks: undefined,
    cloudInits: undefined,
    cpuMemory: undefined,
  };
}

const EMPTY_OBJECT: any = Object.freeze({});
const EMPTY_LIST: readonly any[] = Object.freeze([]);

/** The value when it is a plain JSON object, else an empty frozen object. */
export function obj(value: unknown): any {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : EMPTY_OBJECT;
}

/** True when the value is a JSON object (not null, not an array). */
export function isObj(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value when it is an array, else an empty frozen array. */
export function list(value: unknown): readonly any[] {
  return Array.isArray(value) ? value : EMPTY_LIST;
}

/** True when the value is set: neither undefined nor null. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** The keys of `o` among `keys` whose values are set, in the order of `keys`. */
export function setKeys(o: any, keys: readonly string[]): string[] {
  const out: string[] = [];
  for (const k of keys) if (isSet(o[k])) out.push(k);
  return out;
}

/** How many of `keys` are set in `o`: `setKeys(o, keys).length`, without building the list. */
export function countSet(o: any, keys: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < keys.length; i++) if (isSet(o[keys[i]])) n++;
  return n;
}

/** `one of a, b, c` for messages. */
export function oneOf(values: readonly string[]): string {
  return `one of ${values.join(', ')}`;
}

/** The item's name for messages: `disk "data"`, or `disk 2` when it has no string name. */
export function itemName(what: string, item: any, index: number): string {
  const name = obj(item).name;
  return typeof name === 'string' ? `${what} ${JSON.stringify(name)}` : `${what} ${index}`;
}

/** Builds a violation. */
export function violation(ruleId: string, path: string, problem: string, value: unknown, allowed: string): Violation {
  return { ruleId, path, problem, value, allowed };
}

/** The VMI specs in a manifest, with their paths and context: one for a VM, a VMI or a pool. */
export function vmiSpecs(manifest: any): SpecContext[] {
  const m = obj(manifest);
  const namespace = typeof obj(m.metadata).namespace === 'string' ? m.metadata.namespace : undefined;
  switch (m.kind) {
    case 'VirtualMachine': {
      const vmSpec = obj(m.spec);
      if (!isObj(vmSpec.template)) return [];
      return [{ spec: obj(vmSpec.template.spec), path: 'spec.template.spec', vmSpec, vmPath: 'spec', templateMeta: obj(vmSpec.template.metadata), namespace, memo: newMemo() }];
    }
    case 'VirtualMachinePool': {
      const vmTemplate = obj(obj(m.spec).virtualMachineTemplate);
      const vmSpec = obj(vmTemplate.spec);
      if (!isObj(vmSpec.template)) return [];
      return [{
        spec: obj(vmSpec.template.spec),
        path: 'spec.virtualMachineTemplate.spec.template.spec',
        vmSpec,
        vmPath: 'spec.virtualMachineTemplate.spec',
        templateMeta: obj(vmSpec.template.metadata),
        namespace,
        memo: newMemo(),
      }];
    }
    case 'VirtualMachineInstance':
      return isObj(m.spec) ? [{ spec: m.spec, path: 'spec', templateMeta: obj(m.metadata), namespace, memo: newMemo() }] : [];
    default:
      return [];
  }
}

/** A VM spec in a manifest, with its path and the manifest's namespace. */
export interface VmSpecContext { readonly vmSpec: any; readonly vmPath: string; readonly namespace?: string }

/** The VM specs in a manifest (a VM's `spec`, a pool's `spec.virtualMachineTemplate.spec`). */
export function vmSpecs(manifest: any): VmSpecContext[] {
  const m = obj(manifest);
  const namespace = typeof obj(m.metadata).namespace === 'string' ? m.metadata.namespace : undefined;
  if (m.kind === 'VirtualMachine') return isObj(m.spec) ? [{ vmSpec: m.spec, vmPath: 'spec', namespace }] : [];
  if (m.kind === 'VirtualMachinePool') {
    const vmTemplate = obj(obj(m.spec).virtualMachineTemplate);
    return isObj(vmTemplate.spec) ? [{ vmSpec: vmTemplate.spec, vmPath: 'spec.virtualMachineTemplate.spec', namespace }] : [];
  }
  return [];
}

/** The kinds whose manifests carry a VMI spec. */
export const VMI_SPEC_KINDS = ['VirtualMachine', 'VirtualMachinePool', 'VirtualMachineInstance'];
/** The kinds whose manifests carry a VM spec. */
export const VM_SPEC_KINDS = ['VirtualMachine', 'VirtualMachinePool'];

/** Options of a rule over a VMI spec. */
export interface SpecRuleOptions {
  readonly id: string;
  readonly source: string;
  readonly summary: string;
  readonly clusterDependent?: boolean;
  /** Checks one VMI spec; `ctx.spec` is always an object. */
  readonly check: (ctx: SpecContext) => Violation[];
}

/**
 * A rule as `specRule` and `vmRule` make it: besides `check(manifest)`, the check over the VMI spec or
 * VM spec alone, so that `checkManifest` finds the specs of a manifest once for all its rules.
 */
export interface ScopedRule extends Rule {
  readonly specCheck?: (ctx: SpecContext) => Violation[];
  readonly vmCheck?: (vmSpec: any, vmPath: string, namespace: string | undefined) => Violation[];
}

/** What `specRule`'s `check` returns for these VMI specs (from `vmiSpecs`). */
export function runSpecCheck(check: (ctx: SpecContext) => Violation[], specs: SpecContext[]): Violation[] {
  if (specs.length === 0) return [];
  if (specs.length === 1) return check(specs[0]);
  return specs.flatMap(ctx => check(ctx));
}

/** What `vmRule`'s `check` returns for these VM specs (from `vmSpecs`). */
export function runVmCheck(check: (vmSpec: any, vmPath: string, namespace: string | undefined) => Violation[], specs: VmSpecContext[]): Violation[] {
  if (specs.length === 0) return [];
  if (specs.length === 1) return check(specs[0].vmSpec, specs[0].vmPath, specs[0].namespace);
  const out: Violation[] = [];
  for (const s of specs) out.push(...check(s.vmSpec, s.vmPath, s.namespace));
  return out;
}

/** A rule written once over a VMI spec, applied to a VM, a VMI and a pool. */
export function specRule(o: SpecRuleOptions): Rule {
  const rule: ScopedRule = {
    id: o.id,
    source: o.source,
    summary: o.summary,
    kinds: VMI_SPEC_KINDS,
    ...(o.clusterDependent ? { clusterDependent: true } : {}),
    specCheck: o.check,
    check(manifest: any): Violation[] {
      return runSpecCheck(o.check, vmiSpecs(manifest));
    },
  };
  return rule;
}

/** Options of a rule over a VM spec. */
export interface VmRuleOptions {
  readonly id: string;
  readonly source: string;
  readonly summary: string;
  readonly clusterDependent?: boolean;
  /** Checks one VM spec (always an object) at `vmPath`. */
  readonly check: (vmSpec: any, vmPath: string, namespace: string | undefined) => Violation[];
}

/** A rule written once over a VM spec, applied to a VM and to a pool's VM template. */
export function vmRule(o: VmRuleOptions): Rule {
  const rule: ScopedRule = {
    id: o.id,
    source: o.source,
    summary: o.summary,
    kinds: VM_SPEC_KINDS,
    ...(o.clusterDependent ? { clusterDependent: true } : {}),
    vmCheck: o.check,
    check(manifest: any): Violation[] {
      return runVmCheck(o.check, vmSpecs(manifest));
    },
  };
  return rule;
}

/** `domain.devices` of a VMI spec, always an object. */
export function devices(spec: any): any {
  return obj(obj(spec.domain).devices);
}

/** Counts the volumes, disks, networks, … by name: returns a Set of names that are strings. */
export function namesOf(items: readonly any[]): Set<string> {
  const names = new Set<string>();
  for (const item of items) {
    const name = obj(item).name;
    if (typeof name === 'string') names.add(name);
  }
  return names;
}
