/**
 * The data of `cdk8s-kubevirt plan` (see `plan.ts`): the six classes and their order, one effect and one
 * changed object, the identity of an object across BEFORE and AFTER, the conditions a `live` effect names,
 * and the small JSON helpers the classifiers share.
 */
import { SourceObject } from './yaml-source';
/** The classes, mildest first. */
export const PLAN_CLASSES = ['none', 'live', 'restart', 'ignored', 'data-loss', 'rejected'] as const;
/** One of PLAN_CLASSES. */
export type PlanClass = typeof PLAN_CLASSES[number];

/** One consequence of a change. */
export interface PlanEffect {
  readonly class: PlanClass;
  /** Dotted path inside the object, or `(object)`. */
  readonly path: string;
  /** What happens, one sentence. */
  readonly message: string;
  /** For `live`: what must hold for it to be applied live. */
  readonly conditions?: string[];
  /** The upstream file and function behind the classification. */
  readonly source: string;
}

/** One object added, removed or changed. */
export interface PlanChange {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** The most severe class among the effects. */
  readonly class: PlanClass;
  readonly effects: PlanEffect[];
}
export const rank = (c: PlanClass): number => PLAN_CLASSES.indexOf(c);
export const worst = (classes: PlanClass[]): PlanClass => classes.reduce<PlanClass>((w, c) => (rank(c) > rank(w) ? c : w), 'none');

// ---- small JSON helpers ------------------------------------------------------------------------------

export function isObj(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
export function obj(v: unknown): Record<string, any> {
  return isObj(v) ? v : {};
}
export function list(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every(k => k in b && same(a[k], b[k]));
  }
  return false;
}
export function show(v: unknown): string {
  if (v === undefined) return '(unset)';
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
export function join(p: string, key: string | number): string {
  if (typeof key === 'number') return `${p}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key) ? (p ? `${p}.${key}` : key) : `${p}[${JSON.stringify(key)}]`;
}
export function byName(items: unknown, key: (x: any) => unknown = x => obj(x).name): Map<string, any> {
  const m = new Map<string, any>();
  for (const item of list(items)) {
    const n = key(item);
    if (typeof n === 'string') m.set(n, item);
  }
  return m;
}

/** Leaf-level differences between two JSON values: `[path, before, after]`; lists compare whole. */
export function leafDiffs(b: unknown, a: unknown, p: string, out: Array<[string, unknown, unknown]> = []): Array<[string, unknown, unknown]> {
  if (same(b, a)) return out;
  if (isObj(b) && isObj(a)) {
    for (const k of [...new Set([...Object.keys(b), ...Object.keys(a)])]) leafDiffs(b[k], a[k], join(p, k), out);
    return out;
  }
  out.push([p, b, a]);
  return out;
}

// ---- identity ------------------------------------------------------------------------------------------

export interface Obj {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly value: any;
}

export function identify(objects: SourceObject[]): Map<string, Obj> {
  const m = new Map<string, Obj>();
  for (const o of objects) {
    const v = o.value;
    if (!isObj(v) || typeof v.kind !== 'string' || typeof v.apiVersion !== 'string') continue;
    const meta = obj(v.metadata);
    const name = typeof meta.name === 'string' ? meta.name : '';
    const namespace = typeof meta.namespace === 'string' ? meta.namespace : '';
    const group = v.apiVersion.includes('/') ? v.apiVersion.split('/')[0] : '';
    m.set(`${group}|${v.kind}|${namespace}|${name}`, { kind: v.kind, namespace, name, value: v });
  }
  return m;
}

export const LIVE_UPDATE = 'the KubeVirt CR\'s vmRolloutStrategy is LiveUpdate (the default since v1.6; pkg/virt-config/virt-config.go IsVMRolloutStrategyLiveUpdate)';
export const MIGRATION = 'the VM is live-migratable and gets migrated: the KubeVirt CR lists LiveMigrate in workloadUpdateStrategy.workloadUpdateMethods, or someone runs virtctl migrate (workload-updater.go getUpdateData)';
export const NO_RESTART_PENDING = 'no other change to this VM needs a restart (a pending RestartRequired holds back CPU, memory, affinity and toleration updates: vm.go sync)';
