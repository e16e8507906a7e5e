/**
 * How the runtime guards (guard.ts) tell values apart and show them in messages: class instances by jsii's
 * marker, plain objects, a value as a message shows it, and "did you mean" for a misspelt property.
 * Internal: not exported from the package.
 */

const OWN = 'cdk8s-kubevirt';
/** The marker jsii puts on every class it compiles: `{ fqn, version }`. */
const RTTI = Symbol.for('jsii.rtti');

/** A value as a message shows it; `secret` shows only its kind and size. */
export class Shown {
  constructor(private readonly text: string) {}
  public toString(): string { return this.text; }
}

export function show(value: unknown, secret: boolean): Shown {
  if (value === null || value === undefined || typeof value === 'boolean') return new Shown(String(value));
  if (typeof value === 'number') return new Shown(secret ? 'a number (redacted)' : String(value));
  if (typeof value === 'bigint') return new Shown(secret ? 'a bigint (redacted)' : `${value}n`);
  if (typeof value === 'string') {
    if (secret) return new Shown(`a string of ${value.length} characters (redacted)`);
    const s = JSON.stringify(value);
    return new Shown(s.length > 80 ? `${s.slice(0, 76)}..."` : s);
  }
  if (typeof value === 'symbol') return new Shown('a symbol');
  if (typeof value === 'function') return new Shown('a function');
  if (Array.isArray(value)) return new Shown(`an array of ${value.length}`);
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && proto !== Object.prototype) return new Shown(`a ${proto.constructor?.name || 'object'}`);
  if (secret) return new Shown('an object (redacted)');
  try {
    const s = JSON.stringify(value);
    return new Shown(s.length > 80 ? `${s.slice(0, 77)}...` : s);
  } catch {
    return new Shown('an object');
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True if `v` is an instance of the class `fqn` (or a subclass), by jsii's marker or, without one, by name. */
export function isInstance(v: unknown, fqn: string): boolean {
  if ((typeof v !== 'object' && typeof v !== 'function') || v === null) return false;
  // The answer depends on the prototype chain alone: kept per direct prototype.
  const proto = Object.getPrototypeOf(v);
  if (proto === null || proto === Object.prototype) return false;
  let answers = instanceAnswers.get(proto);
  if (answers === undefined) instanceAnswers.set(proto, answers = new Map());
  let answer = answers.get(fqn);
  if (answer === undefined) answers.set(fqn, answer = chainHas(proto, fqn));
  return answer;
}

const instanceAnswers = new WeakMap<object, Map<string, boolean>>();

function chainHas(proto: object, fqn: string): boolean {
  const name = fqn.slice(fqn.lastIndexOf('.') + 1);
  for (let p = proto; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const ctor = (p as { constructor?: Function }).constructor;
    const rtti = ctor && Object.getOwnPropertyDescriptor(ctor, RTTI)?.value;
    if (rtti ? rtti.fqn === fqn : ctor?.name === name) return true;
  }
  return false;
}

export function article(noun: string): string {
  return `${/^[AEIOUaeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

export function shortName(fqn: string): string {
  return fqn.startsWith(`${OWN}.`) ? fqn.slice(OWN.length + 1) : fqn;
}

/** "did you mean …" for a close name, else the allowed names (or their count, when there are many). */
export function suggest(key: string, names: string[]): string {
  const lower = key.toLowerCase();
  const close = names.filter(n => n.toLowerCase() === lower || distance(n.toLowerCase(), lower) <= Math.max(1, Math.floor(key.length / 4)));
  if (close.length > 0) return `did you mean ${close.sort().join(' or ')}?`;
  const sorted = [...names].sort();
  return sorted.length <= 15 ? `one of ${sorted.join(', ')}` : `one of its ${sorted.length} properties (see API.md)`;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
