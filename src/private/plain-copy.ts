/**
 * The one-pass copy KeptApiObject (manifest-cache.ts) makes of a manifest: what cdk8s's resolve and
 * sanitize give for plain JSON and `Lazy` values (`plainCopy`), and the same for a value made fresh
 * for the call, kept where it is already in that form (`finalOrCopy`). Internal: not exported from
 * the package.
 */
import { Lazy } from 'cdk8s';
import { sortStrings } from './json';

/** cdk8s's Lazy, read once: the package's index re-exports it through a getter, a call at every use. */
const CDK8S = { Lazy } as const;

/**
 * `plainCopy(value, sortKeys)` for a value made for this call only (see `freshLazy`): an object or
 * array that is already in the form plainCopy gives (keys in order, no null or undefined entry, no
 * null item or hole, only strings, numbers, booleans and such objects and arrays below it) is kept
 * as it is; the others are copied, keeping the parts of them that are. It throws where plainCopy
 * throws, and reads children in the order plainCopy reads them. A `Lazy` inside is copied by
 * plainCopy (what it produces is not known to be fresh). An object or array met a second time is
 * copied there (plainCopy), so that the result never holds one object twice even if the render did:
 * the `yaml` package would write a repeated object as an anchor and an alias (yaml src/doc/Document.ts,
 * `aliasDuplicateObjects`), where plainCopy's copies are written out in full.
 * test/private/manifest-cache-fresh.test.ts compares the two.
 * @internal exported for tests
 */
export function finalOrCopy(value: unknown, sortKeys: boolean): unknown {
  // The objects are read with for-in (no array of keys made for each), which would also list keys
  // that Object.prototype has been given: then plainCopy, which reads own keys only.
  for (const key in EMPTY) {
    if (key !== undefined) return plainCopy(value, sortKeys);
  }
  // The objects and arrays met so far in this call.
  return finalValue(value, sortKeys, new Set());
}

const EMPTY: object = Object.freeze({});

function finalValue(value: unknown, sortKeys: boolean, met: Set<object>): unknown {
  if (typeof value !== 'object' || value === null) return plainCopy(value, sortKeys);
  if (met.has(value)) return plainCopy(value, sortKeys);
  met.add(value);
  if (Array.isArray(value)) return finalArray(value, sortKeys, met);
  if (Object.getPrototypeOf(value) !== Object.prototype) return plainCopy(value, sortKeys);
  return finalObject(value as Record<string, unknown>, sortKeys, met);
}

function finalArray(value: unknown[], sortKeys: boolean, met: Set<object>): unknown[] {
  const a = value as unknown[] & { resolve?: unknown; value?: unknown };
  if (a.resolve !== undefined || a.value !== undefined) throw new NotPlain();
  let out: unknown[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    const t = typeof item;
    const copied = t === 'string' || t === 'number' || t === 'boolean' ? item : finalValue(item, sortKeys, met);
    // plainCopy makes a hole an undefined item: a holey array is copied.
    if (out === undefined && (copied !== item || (item === undefined && !(i in value)))) out = value.slice(0, i);
    if (out !== undefined) out.push(copied);
  }
  return out ?? value;
}

/** An object: kept, or copied from the first key whose value is not kept (or in sorted order, when its keys are not). */
function finalObject(v: Record<string, unknown>, sortKeys: boolean, met: Set<object>): Record<string, unknown> {
  if (sortKeys) {
    let previous: string | undefined;
    for (const key in v) {
      if (previous !== undefined && !(previous < key)) return copyObject(v, sortKeys, met, sortedKeys(v), 0, false, undefined);
      previous = key;
    }
  }
  let i = 0;
  for (const key in v) {
    const item = v[key];
    if (resolvesSpecially(key, item)) throw new NotPlain();
    const t = typeof item;
    const copied = t === 'string' || t === 'number' || t === 'boolean' ? item : finalValue(item, sortKeys, met);
    // plainCopy drops null and undefined entries, and its assignment of a `__proto__` key sets no key.
    if (copied !== item || copied === undefined || key === '__proto__') return copyObject(v, sortKeys, met, Object.keys(v), i, true, copied);
    i++;
  }
  return v;
}

/**
 * A copy of `v` with `keys` (its keys in the order plainCopy writes them): the first `kept` are kept
 * as they are; with `read`, the next one was read already and is `copied`; the rest are read.
 */
function copyObject(v: Record<string, unknown>, sortKeys: boolean, met: Set<object>, keys: string[], kept: number, read: boolean,
  copied: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let j = 0; j < kept; j++) out[keys[j]] = v[keys[j]];
  for (let j = kept; j < keys.length; j++) {
    const key = keys[j];
    let value: unknown;
    if (read && j === kept) {
      value = copied;
    } else {
      const item = v[key];
      if (resolvesSpecially(key, item)) throw new NotPlain();
      const t = typeof item;
      value = t === 'string' || t === 'number' || t === 'boolean' ? item : finalValue(item, sortKeys, met);
    }
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function sortedKeys(v: object): string[] {
  const keys = Object.keys(v);
  sortStrings(keys);
  return keys;
}

/** Thrown by `plainCopy` for a value it does not handle. */
export class NotPlain extends Error {}

/**
 * True when an own key of a plain object makes cdk8s treat the object another way: with Object.prototype
 * as prototype, only own keys can make `resolve` a function or `constructor` something else than Object,
 * and cdk8s then resolves the object (ImplicitTokenResolver) or refuses it.
 */
export function resolvesSpecially(key: string, item: unknown): boolean {
  return (key === 'resolve' && typeof item === 'function') || (key === 'constructor' && item !== Object);
}

/**
 * `sanitizeValue(resolve(value), { sortKeys })` for plain JSON and `Lazy` values: null and undefined
 * object entries dropped, null array items made undefined, keys sorted; with `filterEmpty`, also
 * `filterEmptyArrays` and `filterEmptyObjects`. Throws `NotPlain` for anything
 * else (class instances, objects with a `resolve` method, functions, symbols, bigints).
 * @internal exported for tests
 */
export function plainCopy(value: unknown, sortKeys: boolean, filterEmpty = false): unknown {
  if (typeof value !== 'object') {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === undefined) return value;
    throw new NotPlain();
  }
  if (value === null) return undefined;
  if (Array.isArray(value)) {
    // cdk8s's resolvers act on an array only if it has a `resolve` method or a number or string `value`.
    const a = value as unknown[] & { resolve?: unknown; value?: unknown };
    if (a.resolve !== undefined || a.value !== undefined) throw new NotPlain();
    if (filterEmpty && value.length === 0) return undefined;
    const items: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const t = typeof item;
      // Strings, numbers and booleans are copied as they are, without a call.
      items.push(t === 'string' || t === 'number' || t === 'boolean' ? item : plainCopy(item, sortKeys, filterEmpty));
    }
    return items;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    if (value instanceof CDK8S.Lazy) return plainCopy(value.produce(), sortKeys, filterEmpty);
    throw new NotPlain();
  }
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v);
  if (sortKeys && keys.length > 1) sortStrings(keys);
  const out: Record<string, unknown> = {};
  let empty = true;
  for (const key of keys) {
    const item = v[key];
    if (resolvesSpecially(key, item)) throw new NotPlain();
    const t = typeof item;
    if (t === 'string' || t === 'number' || t === 'boolean') {
      // Copied as they are, without a call.
      out[key] = item;
      empty = false;
      continue;
    }
    const copied = plainCopy(item, sortKeys, filterEmpty);
    if (copied !== undefined) {
      out[key] = copied;
      empty = false;
    }
  }
  return filterEmpty && empty ? undefined : out;
}
