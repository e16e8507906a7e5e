import { fail } from './errors';

/**
 * A deep copy of the plain data in `value` (objects and arrays), frozen, so that what a construct
 * checks at construction is what it emits at synthesis: changing a props object afterwards changes
 * nothing. Instances of classes (`Size`, `Duration`, `DiskSet`, `Network` …) are values the library
 * owns or that are immutable; they are kept as they are.
 *
 * Throws a KubevirtError naming `who` and the path when the data has a cycle, which no manifest can
 * hold.
 */
export function frozenCopy<T>(who: string, property: string, value: T): T {
  return copy(who, property, value, new Set()) as T;
}

function copy(who: string, at: string, value: any, ancestors: Set<object>): any {
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value);
  const isArray = Array.isArray(value);
  if (!isArray && proto !== Object.prototype && proto !== null) return value;
  if (ancestors.has(value)) {
    fail(who, { property: at, problem: 'refers to itself', value: '[circular]', allowed: 'plain data without cycles' });
  }
  ancestors.add(value);
  let out: any;
  if (isArray) {
    out = value.map((v: any, i: number) => copy(who, `${at}[${i}]`, v, ancestors));
  } else {
    out = proto === null ? Object.create(null) : {};
    for (const key of Object.keys(value)) out[key] = copy(who, `${at}.${key}`, value[key], ancestors);
  }
  ancestors.delete(value);
  return Object.freeze(out);
}
