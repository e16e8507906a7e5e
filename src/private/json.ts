/**
 * JSON values, for free-form user JSON that the library copies into its output (CNI configs, access
 * credential methods, Ignition configs) instead of `any`. Internal: not exported from the package.
 */

/** A JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A deep copy of `value` through JSON (what `JSON.stringify` would keep). */
export function jsonCopy<T extends JsonValue>(value: unknown): T {
  return JSON.parse(JSON.stringify(value));
}

/** The object's own enumerable keys in code-unit order (`Object.keys(o).sort()`); keys already in order, as rendered maps usually are, are not sorted again. */
export function sortedKeys(o: object): string[] {
  const keys = Object.keys(o);
  sortStrings(keys);
  return keys;
}

/**
 * A copy with every plain object's keys sorted (recursively); arrays keep their order; undefined values
 * are dropped; class instances are kept as they are.
 */
export function sortKeysDeep<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortKeysDeep) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of sortedKeys(record)) {
    const v = record[key];
    if (v !== undefined) out[key] = sortKeysDeep(v);
  }
  return out as T;
}

/**
 * Sorts distinct strings in place as `keys.sort()` does (by UTF-16 code units, which `<` compares).
 * Most objects of a manifest have a few keys, often already in order: a JS insertion sort does them
 * without the fixed cost of a call to `Array.prototype.sort` (which was most of plainCopy's time).
 */
export function sortStrings(keys: string[]): void {
  const n = keys.length;
  if (n > 16) {
    keys.sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const key = keys[i];
    let j = i - 1;
    if (!(keys[j] > key)) continue;
    do {
      keys[j + 1] = keys[j];
      j--;
    } while (j >= 0 && keys[j] > key);
    keys[j + 1] = key;
  }
}

/**
 * A deep copy of the plain objects and arrays in `value`, in the same shape: the same keys (undefined
 * values kept) in the same order, or in sorted order with `sorted`; the same array lengths (holes
 * kept); anything else (strings, class instances, `Lazy`s, arrays with a `resolve` or `value`) is kept
 * as it is. For a renderer that hands over a value it also keeps, so that what it returns is its own
 * (see manifest-cache.ts `freshLazy`). Data with a cycle is not supported.
 */
export function freshCopy<T>(value: T, sorted = false): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    // An array with a `resolve` or `value` is one cdk8s's resolvers act on: kept as it is.
    const a = value as unknown[] & { resolve?: unknown; value?: unknown };
    if (a.resolve !== undefined || a.value !== undefined) return value;
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      if (i in value) out[i] = freshCopy(value[i], sorted);
    }
    return out as T;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const keys = Object.keys(record);
  if (sorted) sortStrings(keys);
  for (const key of keys) setKey(out, key, freshCopy(record[key], sorted));
  return out as T;
}

/**
 * `o` with its own enumerable keys in sorted order: `o` itself when they are, else a shallow copy with
 * them sorted (same values). For a renderer that emits keys in the order cdk8s writes them.
 */
export function keysInOrder<T extends object>(o: T): T {
  const keys = Object.keys(o);
  for (let i = 1; i < keys.length; i++) {
    if (!(keys[i - 1] < keys[i])) {
      sortStrings(keys);
      const record = o as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of keys) setKey(out, key, record[key]);
      return out as T;
    }
  }
  return o;
}

/** `out[key] = value`, but an own `__proto__` key is set as a key (assigning it would set the prototype instead). */
function setKey(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}
