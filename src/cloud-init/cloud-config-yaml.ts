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
 *
 * Two caches: the last value seen under each key (a private copy, compared value by value: no string is
 * built for a repeated entry, the usual case in a fleet), then rendered entries by key and JSON text.
 */
import { Yaml } from 'cdk8s';

/** Rendered `key: value` entries by key, then by JSON value. Cleared when full (a cache, not a store). */
const ENTRIES = new Map<string, Map<string, string>>();
const MAX_ENTRIES = 1000;
let entryCount = 0;

/** A plain object of a cached value: its keys in order and their values. */
class CachedObject {
  constructor(public readonly keys: string[], public readonly values: unknown[]) {}
}

/** The last object or array value rendered under each key (as `cachedCopy` holds it) and its text. */
const LAST = new Map<string, { readonly value: unknown; readonly text: string }>();

/** The objects and arrays met by the fast pass of one document, to find one reached twice. Reused. */
const MET: object[] = [];
/** The fast pass gives up on documents with more objects than this (the full pass checks them with a Set). */
const MAX_MET = 64;

/** True for a JSON scalar: a string, a boolean, null, a finite number other than -0 (`yaml` writes `-0`, JSON `0`). */
function isPlainScalar(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      return value === null;
    default:
      return false;
  }
}

/**
 * True for JSON data: plain scalars, arrays and plain objects of them, with no object reached twice
 * (`yaml` would render a repeated object as an anchor and an alias).
 */
function isPlainJson(value: unknown, seen: Set<object>): boolean {
  if (value === null || typeof value !== 'object') return isPlainScalar(value);
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
}

/** A private copy of a plain JSON value (parsed from its JSON text), with each object's keys kept in order. */
function cachedCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cachedCopy);
  const keys = Object.keys(value);
  return new CachedObject(keys, keys.map(k => cachedCopy((value as Record<string, unknown>)[k])));
}

/**
 * True when `value` is plain JSON equal to the cached copy `cached`: the same scalars (`Object.is`), arrays
 * of the same length without holes, plain objects with the same keys in the same order. Then it is plain
 * JSON with the same JSON text, and renders to the same YAML, unless an object in it is reached twice:
 * each object and array met goes to MET for that check. False also when MET is full.
 */
function sameAsCached(value: unknown, cached: unknown): boolean {
  if (cached === null || typeof cached !== 'object') return Object.is(value, cached);
  if (value === null || typeof value !== 'object' || MET.length >= MAX_MET || MET.includes(value)) return false;
  MET.push(value);
  if (Array.isArray(cached)) {
    if (!Array.isArray(value) || value.length !== cached.length) return false;
    for (let i = 0; i < cached.length; i++) {
      if (!(i in value) || !sameAsCached(value[i], cached[i])) return false;
    }
    return true;
  }
  if (Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const { keys, values } = cached as CachedObject;
  let i = 0;
  // for-in on a plain object: its own enumerable string keys in Object.keys order, then inherited ones.
  for (const key in value) {
    if (i >= keys.length || key !== keys[i] || !Object.prototype.hasOwnProperty.call(value, key)) return false;
    if (!sameAsCached((value as Record<string, unknown>)[key], values[i])) return false;
    i++;
  }
  return i === keys.length;
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

/** The text of a scalar entry of plain words, else undefined. */
function plainWordEntry(key: string, value: unknown): string | undefined {
  return typeof value === 'string' && isPlainWord(key) && isPlainWord(value) ? `${key}: ${value}\n` : undefined;
}

/**
 * True for plain JSON as `isPlainJson` says, with MET as the objects seen (in this entry and the ones before
 * it). False also when MET is full.
 */
function isPlainJsonMet(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return isPlainScalar(value);
  if (MET.length >= MAX_MET || MET.includes(value)) return false;
  MET.push(value);
  if (Array.isArray(value)) {
    for (const item of value) if (!isPlainJsonMet(item)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value)) {
    if (!isPlainJsonMet((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** `Yaml.stringify(doc)`, for a document whose keys are already in output order. */
export function stringifyCloudConfig(doc: Record<string, any>): string {
  const keys = Object.keys(doc);
  if (keys.length === 0 || Object.getPrototypeOf(doc) !== Object.prototype) return Yaml.stringify(doc);
  MET.length = 0;
  try {
    let out = '';
    for (const key of keys) {
      const value = doc[key];
      const word = plainWordEntry(key, value);
      if (word !== undefined) {
        out += word;
        continue;
      }
      const last = LAST.get(key);
      const mark = MET.length;
      if (last !== undefined && sameAsCached(value, last.value)) {
        out += last.text;
        continue;
      }
      MET.length = mark;
      // A document with more objects than MET holds is checked as a whole, with a Set.
      if (!isPlainJsonMet(value)) return MET.length >= MAX_MET ? fullPass(doc, keys) : Yaml.stringify(doc);
      out += entryText(key, value);
    }
    return out;
  } finally {
    MET.length = 0;
  }
}

/** The old way, for a document of many objects: every entry checked with one Set, then rendered. */
function fullPass(doc: Record<string, any>, keys: string[]): string {
  const seen = new Set<object>();
  for (const key of keys) if (!isPlainJson(doc[key], seen)) return Yaml.stringify(doc);
  let out = '';
  for (const key of keys) {
    const value = doc[key];
    out += plainWordEntry(key, value) ?? entryText(key, value);
  }
  return out;
}

/** The text of one entry of plain JSON (from ENTRIES when not a scalar); it becomes the last value of its key. */
function entryText(key: string, value: unknown): string {
  let text: string | undefined;
  if (value === null || typeof value !== 'object') {
    text = Yaml.stringify({ [key]: value });
  } else {
    const json = JSON.stringify(value);
    let byValue = ENTRIES.get(key);
    text = byValue?.get(json);
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
  }
  if (LAST.size >= MAX_ENTRIES && !LAST.has(key)) LAST.clear();
  LAST.set(key, { value: cachedCopy(value), text });
  return text;
}
