/**
 * The shapes and helpers shared by the Kubernetes checks (k8s-validation.ts and the k8s-*-checks.ts files):
 * a violation in a list of manifests, the check options, property paths, and throwing the first
 * violation as a KubevirtError.
 */
import { IConstruct } from 'constructs';
import { fail } from './errors';
import { Violation } from '../rules/types';
/** A violation in one manifest of a list, with the manifest's kind and name. */
export interface KubernetesViolation extends Violation {
  /** The manifest's kind, or `''` when it has none. */
  readonly kind: string;
  /** The manifest's `metadata.name`, or `''` when it has none. */
  readonly name: string;
  /** The position of the manifest in the list checked. */
  readonly index: number;
}

/** Options of `kubernetesViolations`. */
export interface KubernetesCheckOptions {
  /**
   * Also check what depends on cluster settings, assuming Kubernetes' defaults: Service nodePorts
   * within the default `--service-node-port-range` 30000-32767.
   * @default false
   */
  readonly clusterDependent?: boolean;
}


export function isObj(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `base.key`, or `base["key"]` when the key is not a plain identifier (label keys, annotation keys). */
export function childPath(base: string, key: string): string {
  let k = SEGMENTS.get(key);
  if (k === undefined) {
    k = /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    if (SEGMENTS.size < 10_000) SEGMENTS.set(key, k);
  }
  return base === '' ? (k.startsWith('.') ? k.slice(1) : k) : `${base}${k}`;
}

/** Path segments by key: manifests repeat the same few hundred keys. */
const SEGMENTS = new Map<string, string>();

export function v(ruleId: string, path: string, problem: string, value: unknown, allowed: string): Violation {
  return { ruleId, path, problem, value, allowed };
}

/** Throws the first violation (if any) as a KubevirtError about `who`, in the library's format. */
export function failOnViolations(who: IConstruct | string, violations: readonly Violation[]): void {
  const first = violations[0];
  if (first) fail(who, { property: first.path, problem: first.problem, value: first.value, allowed: first.allowed, ruleId: first.ruleId });
}
