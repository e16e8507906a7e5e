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
  if (value === null || typeof value !== 'object') return value;
  return copy(who, property, value, undefined);
}

/** The values from the top down to the one being copied, and the keys that lead to it. */
interface Trail { readonly ancestors: Set<object>; readonly at: Array<string | number> }

/**
 * `trail` holds the values above `value` and the keys from `property` down to it; the path string is
 * built only for an error (building it for every node made most of this function's cost), and the trail
 * only when a value holds an object (flat options, the usual case, need none).
 */
function copy(who: string, property: string, value: any, trail: Trail | undefined): any {
  const proto = Object.getPrototypeOf(value);
  const isArray = Array.isArray(value);
  if (!isArray && proto !== Object.prototype && proto !== null) return value;
  if (trail?.ancestors.has(value)) {
    const path = property + trail.at.map(k => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');
    fail(who, { property: path, problem: 'refers to itself', value: '[circular]', allowed: 'plain data without cycles' });
  }
  let inner: Trail | undefined;
  let out: any;
  if (isArray) {
    out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (v === null || typeof v !== 'object') {
        out[i] = v;
        continue;
      }
      if (inner === undefined) (inner = trail ?? { ancestors: new Set(), at: [] }).ancestors.add(value);
      inner.at.push(i);
      out[i] = copy(who, property, v, inner);
      inner.at.pop();
    }
  } else {
    out = proto === null ? Object.create(null) : {};
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (v === null || typeof v !== 'object') {
        out[key] = v;
        continue;
      }
      if (inner === undefined) (inner = trail ?? { ancestors: new Set(), at: [] }).ancestors.add(value);
      inner.at.push(key);
      out[key] = copy(who, property, v, inner);
      inner.at.pop();
    }
  }
  inner?.ancestors.delete(value);
  return Object.freeze(out);
}
