import { IConstruct } from 'constructs';

/**
 * The one error class for the library's own rejections of bad input.
 *
 * Every message has the form
 * `<Kind> '<construct path>': <property> <problem>: got <value>; <what is allowed> (<rule id>)`,
 * where the rule id is given when a KubeVirt admission rule stands behind the check.
 *
 * It is not part of the jsii API (jsii cannot export subclasses of `Error`); TypeScript users can
 * recognise it by `error.name === 'KubevirtError'`.
 */
export class KubevirtError extends Error {
  constructor(message: string) {
    super(message);
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
