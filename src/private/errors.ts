import { IConstruct } from 'constructs';

/** The marker property that `KubevirtError.isKubevirtError()` looks for. */
export const KUBEVIRT_ERROR_MARK = '__cdk8sKubevirtError';

/**
 * The one error class the library throws (named `KubevirtError`; the public `KubevirtError` class in
 * `src/errors.ts` recognises it). jsii cannot export subclasses of `Error`, so this one stays private.
 */
export class KubevirtError extends Error {
  constructor(message: string) {
    super(message);
    Object.defineProperty(this, KUBEVIRT_ERROR_MARK, { value: true });
    this.name = 'KubevirtError';
  }
}

/** What is wrong, in the parts every message names. */
export interface Problem {
  /** The property (construct prop path, or manifest JSON path), e.g. `disks[1].name`. */
  readonly property: string;
  /** What is wrong with it, e.g. `must be a DNS-1123 label`. */
  readonly problem: string;
  /** The value received. */
  readonly value: unknown;
  /** What is allowed instead. */
  readonly allowed: string;
  /** The id of the KubeVirt rule behind the check, if any (see src/rules/). */
  readonly ruleId?: string;
}

/** Renders a value for a message: JSON, shortened past 80 characters. */
export function renderValue(value: unknown): string {
  let s: string;
  if (value === undefined) s = 'undefined';
  else if (typeof value === 'object' && value !== null && typeof (value as any).toString === 'function'
    && (value as any).toString !== Object.prototype.toString && !Array.isArray(value)) s = String(value);
  else s = JSON.stringify(value) ?? String(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** `<Kind> '<path>'` for a construct, e.g. `Machine 'vms/web'`. */
export function describeConstruct(construct: IConstruct): string {
  return `${construct.constructor.name} '${construct.node.path}'`;
}

/** Formats a problem without the construct prefix. */
export function formatProblem(p: Problem): string {
  return `${p.property} ${p.problem}: got ${renderValue(p.value)}; ${p.allowed}${p.ruleId ? ` (${p.ruleId})` : ''}`;
}

/** Formats a problem about a construct. */
export function formatError(construct: IConstruct | string, p: Problem): string {
  const who = typeof construct === 'string' ? construct : describeConstruct(construct);
  return `${who}: ${formatProblem(p)}`;
}

/** Throws a KubevirtError about a construct (or a value object, described by a string). */
export function fail(construct: IConstruct | string, p: Problem): never {
  throw new KubevirtError(formatError(construct, p));
}
