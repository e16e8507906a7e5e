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
