/**
 * YAML for cloud-config documents, cached per top-level entry. Internal: not exported from the package.
 *
 * A fleet renders one cloud-config per machine, and the documents differ in a few entries (`hostname`)
 * while the rest (`users`, `packages`, `write_files`, …) repeat. A top-level block map is rendered by
 * `yaml` pair by pair, each pair on its own lines, so the document is the concatenation of its entries
 * rendered alone; every non-scalar entry is rendered once per distinct value and reused. The output is
 * byte-identical to `Yaml.stringify(doc)`. Documents that could differ (no entries, a value that is not
 * plain JSON, an object reached twice, which `yaml` renders as an anchor and an alias) take
 * `Yaml.stringify` as is.
 */
import { Yaml } from 'cdk8s';

/** Rendered `key: value` entries by key, then by JSON value. Cleared when full (a cache, not a store). */
const ENTRIES = new Map<string, Map<string, string>>();
const MAX_ENTRIES = 1000;
let entryCount = 0;

/**
 * True for JSON data: strings, finite numbers, booleans, null, arrays and plain objects of them, with no
 * object reached twice (`yaml` would render a repeated object as an anchor and an alias).
 */
function isPlainJson(value: unknown, seen: Set<object>): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      if (value === null) return true;
      if (seen.has(value)) return false;
      seen.add(value);
      if (Array.isArray(value)) {
        for (const item of value) if (!isPlainJson(item, seen)) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key of Object.keys(value)) {
        if (!isPlainJson((value as Record<string, unknown>)[key], seen)) return false;
      }
      return true;
    default:
      return false;
  }
}

/** Lowercase words YAML 1.1 reads as booleans or null; `yaml` quotes them (and `e3`, `e-3`: floats). */
const YAML11_WORDS = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null']);

/**
 * True for a string `yaml` writes as is, unquoted, as a key or a value: a lowercase letter, then
 * lowercase letters, digits and `-` (never an indicator, an integer or a date in YAML 1.1), other than
 * the YAML 1.1 booleans, null and exponent-only floats (`yaml`'s YAML 1.1 tags: schema/yaml-1.1/).
 * A scalar entry such as `hostname: vm-00001` is then written without building a `yaml` document
 * for it (test/cloud-init/cloud-config-yaml.test.ts checks the bytes).
 */
export function isPlainWord(s: string): boolean {
  return /^[a-z][a-z0-9-]*$/.test(s) && !YAML11_WORDS.has(s) && !/^e-?[0-9]+$/.test(s);
}

/** `Yaml.stringify(doc)`, for a document whose keys are already in output order. */
export function stringifyCloudConfig(doc: Record<string, any>): string {
  const keys = Object.keys(doc);
  if (keys.length === 0 || Object.getPrototypeOf(doc) !== Object.prototype) return Yaml.stringify(doc);
  const seen = new Set<object>();
  for (const key of keys) if (!isPlainJson(doc[key], seen)) return Yaml.stringify(doc);
  let out = '';
  for (const key of keys) {
    const value = doc[key];
    if (value === null || typeof value !== 'object') {
      out += typeof value === 'string' && isPlainWord(key) && isPlainWord(value) ? `${key}: ${value}\n` : Yaml.stringify({ [key]: value });
      continue;
    }
    const json = JSON.stringify(value);
    let byValue = ENTRIES.get(key);
    let text = byValue?.get(json);
    if (text === undefined) {
      text = Yaml.stringify({ [key]: value });
      if (entryCount >= MAX_ENTRIES) {
        ENTRIES.clear();
        entryCount = 0;
        byValue = undefined;
      }
      if (byValue === undefined) ENTRIES.set(key, byValue = new Map());
      byValue.set(json, text);
      entryCount++;
    }
    out += text;
  }
  return out;
}
