/**
 * KubeVirt v1.9 / CDI v1.66 admission rules as pure functions over plain manifest JSON.
 *
 * `checkManifest(manifest)` runs every rule that applies to the manifest's kind and returns every
 * violation; it never throws and never mutates its input. Rules that depend on cluster settings
 * (feature gates, KubeVirt configuration) are skipped unless `clusterDependent: true`.
 * See README.md in this folder for the table of rules.
 */
import { CPU_MEMORY_RULES } from './cpu-memory';
import { DATA_VOLUME_TEMPLATE_RULES } from './data-volume-templates';
import { DEVICE_RULES } from './devices';
import { DISK_RULES } from './disks';
import { FIRMWARE_RULES } from './firmware';
import { INSTANCETYPE_RULES } from './instancetype';
import { INT_RANGE_RULES } from './int-ranges';
import { NAME_RULES } from './names';
import { NETWORK_RULES } from './networks';
import { POOL_RULES } from './pool';
import { TEMPLATE_RULES } from './template';
import { Rule, runSpecCheck, runVmCheck, ScopedRule, SpecContext, Violation, VmSpecContext, vmiSpecs, vmSpecs } from './types';
import { VM_RULES } from './vm';
import { VOLUME_RULES } from './volumes';
import { formatProblem } from '../private/errors';

export type { Rule, Violation } from './types';

/** Every rule, in a stable order: VM and pool first, then the VMI spec by topic. */
export const RULES: Rule[] = [
  ...VM_RULES,
  ...POOL_RULES,
  ...DATA_VOLUME_TEMPLATE_RULES,
  ...INSTANCETYPE_RULES,
  ...VOLUME_RULES,
  ...DISK_RULES,
  ...NETWORK_RULES,
  ...FIRMWARE_RULES,
  ...CPU_MEMORY_RULES,
  ...DEVICE_RULES,
  ...TEMPLATE_RULES,
  ...NAME_RULES,
  ...INT_RANGE_RULES,
];

/** Options of `checkManifest`. */
export interface CheckOptions {
  /**
   * Also run the rules whose outcome depends on cluster settings, assuming KubeVirt's defaults
   * (feature gates off, bridge on the pod network not permitted).
   * @default false
   */
  readonly clusterDependent?: boolean;
}

/**
 * How `checkManifest` runs one rule: over the VMI specs (`specRule`), over the VM specs (`vmRule`), or
 * over the whole manifest. One shape for every rule keeps the loop below cheap.
 */
interface Step {
  readonly spec: ((ctx: SpecContext) => Violation[]) | undefined;
  readonly vm: ((vmSpec: any, vmPath: string, namespace: string | undefined) => Violation[]) | undefined;
  readonly rule: Rule;
}

function index(rules: Rule[]): Map<string, Step[]> {
  const byKind = new Map<string, Step[]>();
  for (const rule of rules as ScopedRule[]) {
    const step: Step = { spec: rule.specCheck, vm: rule.specCheck === undefined ? rule.vmCheck : undefined, rule };
    for (const kind of rule.kinds) {
      if (!byKind.has(kind)) byKind.set(kind, []);
      byKind.get(kind)!.push(step);
    }
  }
  return byKind;
}

const BY_KIND_ALL = index(RULES);
const BY_KIND_STATIC = index(RULES.filter(r => !r.clusterDependent));

/** Checks one manifest against every rule for its kind. Unknown kinds, and anything not an object, give []. */
export function checkManifest(manifest: any, options?: CheckOptions): Violation[] {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest) || typeof manifest.kind !== 'string') return [];
  const steps = (options?.clusterDependent ? BY_KIND_ALL : BY_KIND_STATIC).get(manifest.kind);
  if (!steps) return [];
  const out: Violation[] = [];
  // The VMI and VM specs are found once here and shared by the rules over them (with the views of
  // spec-view.ts cached on them); each rule's result is what its `check(manifest)` would return.
  let specs: SpecContext[] | undefined;
  let vms: VmSpecContext[] | undefined;
  for (let r = 0; r < steps.length; r++) {
    const step = steps[r];
    let found: Violation[];
    if (step.spec !== undefined) {
      if (specs === undefined) specs = vmiSpecs(manifest);
      found = specs.length === 1 ? step.spec(specs[0]) : runSpecCheck(step.spec, specs);
    } else if (step.vm !== undefined) {
      if (vms === undefined) vms = vmSpecs(manifest);
      found = vms.length === 1 ? step.vm(vms[0].vmSpec, vms[0].vmPath, vms[0].namespace) : runVmCheck(step.vm, vms);
    } else {
      found = step.rule.check(manifest);
    }
    for (let i = 0; i < found.length; i++) out.push(found[i]);
  }
  return out;
}

/** `<path> <problem>: got <value>; <allowed> (<rule id>)`, the library's one message format. */
export function formatViolation(v: Violation): string {
  return formatProblem({ property: v.path, problem: v.problem, value: v.value, allowed: v.allowed, ruleId: v.ruleId });
}
