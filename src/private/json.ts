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
