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
  if (value === null || typeof value !== 'object' || !isPlainData(value as object)) return value;
  return copy(who, property, value, undefined);
}

/**
 * The values from the top down to the one being copied (`stack`), and the keys that lead to it. Props
 * are shallow, so ancestors are looked up in the stack; a Set of them is kept too once the data is
 * deeper than SET_DEPTH, so that deep data is not checked in quadratic time.
 */
interface Trail { readonly stack: object[]; set?: Set<object>; readonly at: Array<string | number> }

const SET_DEPTH = 32;

function isAncestor(trail: Trail, value: object): boolean {
  return trail.set !== undefined ? trail.set.has(value) : trail.stack.includes(value);
}

function enter(trail: Trail, value: object): void {
  trail.stack.push(value);
  if (trail.set !== undefined) trail.set.add(value);
  else if (trail.stack.length > SET_DEPTH) trail.set = new Set(trail.stack);
}

function leave(trail: Trail, value: object): void {
  trail.stack.pop();
  trail.set?.delete(value);
}

/** True for the values copy() copies: arrays and plain objects (not instances of classes). */
function isPlainData(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * `trail` holds the values above `value` and the keys from `property` down to it; the path string is
 * built only for an error (building it for every node made most of this function's cost), and the trail
 * only when a value holds plain data (flat options, the usual case, need none; class instances are
 * kept as they are, so they need none either).
 */
function copy(who: string, property: string, value: any, trail: Trail | undefined): any {
  if (trail !== undefined && isAncestor(trail, value)) {
    const path = property + trail.at.map(k => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');
    fail(who, { property: path, problem: 'refers to itself', value: '[circular]', allowed: 'plain data without cycles' });
  }
  let inner: Trail | undefined;
  let out: any;
  if (Array.isArray(value)) {
    out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (v === null || typeof v !== 'object' || !isPlainData(v)) {
        out[i] = v;
        continue;
      }
      if (inner === undefined) enter(inner = trail ?? { stack: [], at: [] }, value);
      inner.at.push(i);
      out[i] = copy(who, property, v, inner);
      inner.at.pop();
    }
  } else {
    out = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (v === null || typeof v !== 'object' || !isPlainData(v)) {
        out[key] = v;
        continue;
      }
      if (inner === undefined) enter(inner = trail ?? { stack: [], at: [] }, value);
      inner.at.push(key);
      out[key] = copy(who, property, v, inner);
      inner.at.pop();
    }
  }
  if (inner !== undefined) leave(inner, value);
  return Object.freeze(out);
}
