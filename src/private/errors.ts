import { IConstruct } from 'constructs';
import type * as SecretScan from './secret-scan';

/** The secret scanner, loaded with the first message (requiring the library does not need it). */
let secretScan: typeof SecretScan | undefined;
function secrets(): typeof SecretScan {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (secretScan ??= require('./secret-scan'));
}

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

/** A value as a message shows it: rendered, and redacted when it is or holds a secret (see `redactSecret`). */
export function showValue(property: string, value: unknown): string {
  return renderValue(redactSecret(property, value));
}

/** Formats a problem without the construct prefix. The value is redacted when it is, or holds, a secret. */
export function formatProblem(p: Problem): string {
  return `${secrets().redactKeys(p.property)} ${p.problem}: got ${renderValue(redactSecret(p.property, p.value))}; ${p.allowed}${p.ruleId ? ` (${p.ruleId})` : ''}`;
}

/** A property whose value is a secret by its name (the last part of the path): passwords, tokens, keys. */
const SECRET_PROPERTY = /(?:passw(?:or)?ds?|passphrase|tokens?|api[_-]?keys?|secret[_-]?(?:access[_-]?)?keys?|client[_-]?secrets?|private[_-]?keys?|credentials?)$/i;

/** Shows a redacted value in a message: `<redacted: a password, 7 chars>`. */
class RedactedValue {
  constructor(private readonly text: string) {}
  public toString(): string {
    return `<redacted: ${this.text}>`;
  }
}

/**
 * `value`, or a redacted stand-in when it is a secret: a non-trivial string under a property named like a
 * password or token (`plainTextPasswd`, `stringData.token`), or any value in which the library's secret
 * scanner finds one. No message of the library, the CLI's included, prints a secret this way: the value is
 * the only part of a message that comes from the user's data unchecked.
 */
export function redactSecret(property: string, value: unknown): unknown {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean' || value instanceof RedactedValue) return value;
  const last = /([A-Za-z0-9_-]+)[^A-Za-z0-9_-]*$/.exec(property)?.[1] ?? '';
  if (typeof value === 'string' && value.trim() !== '' && !secrets().isBenign(value) && SECRET_PROPERTY.test(last)) {
    return new RedactedValue(`a ${last} value, ${secrets().redact(value)}`);
  }
  if (typeof value !== 'string' && typeof value !== 'object') return value;
  let kinds: string[];
  try {
    kinds = [...new Set(secrets().scanManifest(value).map(f => f.kind.replace('-', ' ')))];
  } catch {
    // A value the scanner cannot walk (a cycle): say what it is, not what it holds.
    return new RedactedValue(`a ${Array.isArray(value) ? 'list' : typeof value} that cannot be shown`);
  }
  if (kinds.length === 0) return value;
  const size = typeof value === 'string' ? `${value.length} chars` : Array.isArray(value) ? `a list of ${value.length}` : 'an object';
  return new RedactedValue(`${size} holding a ${kinds.join(' and a ')}`);
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
