/**
 * The secret scanner's reading of values (secret-scan.ts): it walks objects and reads every string in
 * every form it may take (user data, MIME, YAML documents, base64, gzip), with the patterns of
 * secret-patterns.ts. Internal: not exported from the package.
 */
import * as zlib from 'zlib';
import { yaml } from './lazy';
import { memoByString } from './memo';
import { KeyInfo, keyInfos } from './secret-keys';
import {
  BASE64_HINT, CACHE_MAX_ENTRIES, CACHE_MIN_CHARS, ENCODINGS, HEADER_NAMES, Hint, Hit, KeyRule, MAX_DECODED_BYTES, MAX_DEPTH, MAX_PARSE_CHARS,
  MIN_BASE64, NEEDS_READING_LOWER, NEEDS_STRUCTURE, NO_HINT, PREFILTER, PREFILTER_LOWER, Placed, TOKEN_PATTERNS, base64Runs, gateOpen, gatesIn,
  splitPem, headerValueRule, hit, isGzip, isKind, isTextBytes, keyRules, keySuffix, lineOf, passwordKeys, prefix, privateKeys,
} from './secret-patterns';

/** The secrets in a map key's text (cached: manifests repeat their keys). Keys reach Git like values do. */
export const keyHits = memoByString((key: string): readonly Hit[] =>
  (key.length >= 8 && PREFILTER.test(key) ? scanPlainText(key, MAX_DEPTH).map(x => ({ ...x, where: ['map key', ...x.where] })) : []), CACHE_MAX_ENTRIES);

/** Walks a parsed value (a manifest, or a document parsed out of a string). `top`: `value` is in a manifest, not in a parsed string. */
export function walk(value: unknown, rel: string, depth: number, out: Placed[], hint: Hint, root: unknown, top = false): void {
  const w: WalkState = { base: rel, segs: [], out, root, depth, top, along: undefined };
  if (typeof value === 'string') stringAt(value, w, hint);
  else if (value !== null && typeof value === 'object') walkAt(value, w, undefined, 0);
}

/**
 * A walk that goes along the scan of a manifest, so that the manifest is walked once for both: the
 * Kubernetes checks (k8s-validation.ts `ManifestWalk`). It sees the nodes it would have walked on its
 * own, in the same order, and shares the scan's path.
 */
export interface Companion {
  /** The keys and indexes from the manifest to the node walked: the scan pushes a step before a node and pops it after. */
  readonly segs: Array<string | number>;
  /** At an object under `key`, `depth` steps below the manifest: true when it walks the object's children. */
  object(o: Record<string, unknown>, key: string, depth: number): boolean;
  /** At an array: true when it walks the array's items. */
  array(a: unknown[], depth: number): boolean;
  /** At an object the scan reads as bytes: the companion walks it on its own. */
  other(value: object, key: string, depth: number): void;
}

/** Walks a manifest (`top`, base `$`) with `along` walking with it; the same findings as `walk(manifest, '$', 0, out, NO_HINT, manifest, true)`. */
export function walkManifest(manifest: object, out: Placed[], along: Companion): void {
  walkAt(manifest, { base: '$', segs: along.segs, out, root: manifest, depth: 0, top: true, along }, null, 0);
}

/**
 * Where the walk is: the path is kept as a stack of keys and indexes, and its text (`$.spec.volumes[1]…`)
 * is built only for a finding (building it for every node of every manifest was most of the walk's cost).
 */
interface WalkState {
  readonly base: string;
  readonly segs: Array<string | number>;
  readonly out: Placed[];
  readonly root: unknown;
  readonly depth: number;
  readonly top: boolean;
  /** The walk that goes along (with the same `segs`), if any. */
  readonly along: Companion | undefined;
}

/** The path text of the node being walked: the base, then `[i]` for an index and `keySuffix` for a key. */
function here(w: WalkState): string {
  let s = w.base;
  const segs = w.segs;
  for (let i = 0; i < segs.length; i++) {
    const k = segs[i];
    s += typeof k === 'number' ? `[${k}]` : keySuffix(k, s === '');
  }
  return s;
}

/** What the walk needs of a map key (see secret-keys.ts). */
const keyInfoOf = keyInfos(keyHits);

const hasOwn = Object.prototype.hasOwnProperty;

/** Reads a string found in the walk. */
function stringAt(s: string, w: WalkState, hint: Hint): void {
  const hits = scanString(s, w.depth, hint);
  if (hits.length > 0) {
    const rel = here(w);
    for (let i = 0; i < hits.length; i++) w.out.push({ rel, hit: hits[i] });
  }
}

/**
 * Reads an object or array. `key`: the key the companion walk is at (it walks `value`), `null` at the
 * manifest itself (it walks the manifest's children without checking the manifest), undefined where it
 * does not walk (no companion, or outside what it walks); `level`: its depth there (the manifest is 0).
 */
function walkAt(value: object, w: WalkState, key: string | null | undefined, level: number): void {
  if (Array.isArray(value)) {
    const segs = w.segs;
    const along = typeof key === 'string' && w.along!.array(value, level);
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      segs.push(i);
      if (typeof item === 'string') {
        if (item.length >= 8) stringAt(item, w, NO_HINT);
      } else if (item !== null && typeof item === 'object') {
        walkAt(item, w, along ? key : undefined, level + 1);
      }
      segs.pop();
    }
    const pem = splitPem(value);
    if (pem !== undefined) w.out.push({ rel: here(w), hit: pem });
  } else if (value instanceof Uint8Array) {
    // YAML `!!binary`.
    const hits = scanBytes(Buffer.from(value), w.depth + 1, 'binary');
    if (hits.length > 0) {
      const rel = here(w);
      for (const h of hits) w.out.push({ rel, hit: h });
    }
    if (typeof key === 'string') w.along!.other(value, key, level);
  } else {
    walkObject(value as Record<string, unknown>, w, key, level);
  }
}

function walkObject(obj: Record<string, unknown>, w: WalkState, key: string | null | undefined, level: number): void {
  const { segs, top } = w;
  // The companion walks the children of the manifest itself, and of the objects it walks into.
  const along = key === null ? w.along !== undefined : key !== undefined && w.along!.object(obj, key, level);
  // `$.data` of a Secret, `$.binaryData` of a ConfigMap: only a path ending in that key (or the base) can be one.
  const last = segs.length > 0 ? segs[segs.length - 1] : undefined;
  const secretData = top && (last === undefined || last === 'data' || last === 'binaryData') && isSecretData(here(w), w.root);
  for (const k in obj) {
    if (!hasOwn.call(obj, k)) continue;
    const v = obj[k];
    const info = keyInfoOf(k);
    const childHint = top && (secretData || info.base64) ? BASE64_HINT : NO_HINT;
    if (info.plain) {
      // Nothing to read in a short string, a number, a boolean: no step to push (most keys of a manifest).
      if (typeof v === 'string' ? v.length < 8 && childHint !== BASE64_HINT : v === null || typeof v !== 'object') continue;
      segs.push(k);
    } else {
      segs.push(k);
      if (keyAt(obj, k, v, info, w, childHint)) {
        segs.pop();
        continue;
      }
    }
    if (typeof v === 'string') {
      if (v.length >= 8 || childHint === BASE64_HINT) stringAt(v, w, childHint);
    } else if (v !== null && typeof v === 'object') {
      // The companion does not walk `status` (nor anything but objects).
      walkAt(v, w, along && k !== 'status' ? k : undefined, level + 1);
    }
    segs.pop();
  }
}

/**
 * The rules of a key that is not plain, at the key (its step pushed): its hits, its key rule, an encoded
 * write_files `content` (then true: its value is read here, not walked), an HTTP header's `value`.
 */
function keyAt(obj: Record<string, unknown>, k: string, v: unknown, info: KeyInfo, w: WalkState, childHint: Hint): boolean {
  const out = w.out;
  let at: string | undefined;
  if (info.hits.length > 0) {
    at = here(w);
    for (const h of info.hits) out.push({ rel: at, hit: h });
  }
  if (info.rule !== KeyRule.NONE) keyRules(info.rule, k, v, at ??= here(w), out, childHint);
  if (k === 'content' && typeof v === 'string') {
    const encoding = typeof obj.encoding === 'string' ? ENCODINGS[obj.encoding.toLowerCase()] : undefined;
    if (encoding !== undefined) {
      // cloud-config write_files: decode as the encoding says (cc_write_files.py canonicalize_extraction, extract_contents).
      const hits = scanDecoded(v, w.depth + 1, encoding, `${(obj.encoding as string).toLowerCase()}-decoded`, true);
      if (hits.length > 0) {
        at ??= here(w);
        for (const h of hits) out.push({ rel: at, hit: h });
      }
      return true;
    }
  }
  if (k === 'value' && typeof v === 'string' && typeof obj.name === 'string' && HEADER_NAMES.test(obj.name)) headerValueRule(obj.name, v, at ??= here(w), out);
  return false;
}

function isSecretData(rel: string, root: unknown): boolean {
  return rel === '$.data' && isKind(root, 'Secret') || rel === '$.binaryData' && isKind(root, 'ConfigMap');
}

const cache = new Map<string, readonly Hit[]>();
const base64Cache = new Map<string, readonly Hit[]>();

const NO_HITS: readonly Hit[] = [];

/** Scans a string found in a walked value. Long strings at the top level are cached by content. */
function scanString(s: string, depth: number, hint: Hint): readonly Hit[] {
  if (hint.base64 !== true) {
    // Most strings of a manifest are names, labels, quantities and enum values: a string shorter than 8
    // characters has no form scanText reads further, and a short line that no form's start, base64 or
    // the pre-filter matches has nothing for the patterns (the same answer as scanText, without its steps).
    if (s.length < 8) return NO_HITS;
    if (s.length < 40 && plainLine(s)) return NO_HITS;
  }
  const cacheable = depth === 0 && s.length >= CACHE_MIN_CHARS;
  const c = hint.base64 ? base64Cache : cache;
  if (cacheable) {
    const cached = c.get(s);
    if (cached) return cached;
  }
  const hits = hint.base64 ? scanDecoded(s, depth + 1, 'b64', 'base64-decoded', true) : scanText(s, depth);
  if (cacheable) {
    if (c.size >= CACHE_MAX_ENTRIES) c.clear();
    c.set(s, hits);
  }
  return hits;
}

/** A whole string of base64, on one line or wrapped over several. */
const BASE64_WHOLE = /^(?:[A-Za-z0-9+/]+\r?\n[ \t]*)*[A-Za-z0-9+/]+={0,2}\s*$/;

/**
 * Whether scanText finds nothing in `s`, a string shorter than 40 characters, by its first steps alone:
 * one line (no network config), not `#…` user data, not MIME (whose start is `c` or `m`), not whole
 * base64, and nothing for the pre-filter (short of 40 characters, there is no base64 run to decode).
 */
function plainLine(s: string): boolean {
  const c0 = s.charCodeAt(0);
  if (c0 === 0x23 /* # */ || c0 === 0x43 || c0 === 0x63 /* C c */ || c0 === 0x4d || c0 === 0x6d /* M m */ || s.includes('\n')) return false;
  if (s.length >= MIN_BASE64 && BASE64_WHOLE.test(s)) return false;
  return !PREFILTER.test(s);
}

/** Scans a text: its user-data form first, then the plain-text patterns, then base64 inside it. */
function scanText(s: string, depth: number): Hit[] {
  if (depth > MAX_DEPTH || s.length === 0) return [];
  // Whole string base64 (userDataBase64, extra values, Secret-like content).
  if (s.length >= MIN_BASE64 && BASE64_WHOLE.test(s)) {
    const decoded = scanDecoded(s, depth + 1, 'b64', 'base64-decoded', false);
    if (decoded !== undefined && decoded.length > 0) return decoded;
  }
  // The user-data form, by its first line (cloud-init user_data.py, handlers/__init__.py type_from_starts_with).
  const c0 = s.charCodeAt(0);
  if (c0 === 0x23 /* # */) {
    const eol = s.indexOf('\n');
    // Matched case-insensitively, as type_from_starts_with lower-cases the payload.
    const firstLine = (eol < 0 ? s : s.slice(0, eol)).trimEnd().toLowerCase();
    if (/^##\s*template:\s*jinja$/i.test(firstLine)) {
      // cloud-init renders the template first (handlers/jinja_template.py, JinjaTemplatePartHandler); the rest is user data again.
      return prefix(scanText(eol < 0 ? '' : s.slice(eol + 1), depth + 1), 'jinja template', 1);
    }
    if (firstLine === '#cloud-config' || firstLine === '#cloud-config-archive') {
      // Most of a fleet's cloud-config (NOPASSWD sudo, keys, packages) has only its base64 runs to read.
      if (!NEEDS_READING_LOWER.test(s.toLowerCase())) return scanPlainText(s, depth, false);
      const parsed = scanYamlText(s, depth, firstLine.slice(1));
      if (parsed) return parsed;
    }
  } else if (MIME_START.test(s)) {
    return scanMime(s, depth);
  } else if (NETWORK_START.test(s) && s.includes('\n')) {
    const parsed = scanYamlText(s, depth, 'network config');
    if (parsed) return parsed;
  }
  return s.length < 8 ? [] : scanPlainText(s, depth);
}

const MIME_START = /^(?:content-type:[ \t]*multipart\/|mime-version:)/i;
const NETWORK_START = /^(?:network|version|ethernets|wifis|bonds|bridges|vlans|config)[ \t]*:/;

/** Parses a YAML document (cloud-config, network config) and walks it; comments are scanned as text. */
function scanYamlText(s: string, depth: number, label: string): Hit[] | undefined {
  // Parsing is the costly part of a scan; the plain-text patterns find everything else as well.
  if (s.length > MAX_PARSE_CHARS || !NEEDS_STRUCTURE.test(s)) return undefined;
  let doc: unknown;
  try {
    const parsed = yaml().parseDocument(s, { version: '1.1', uniqueKeys: false, logLevel: 'silent', prettyErrors: false });
    // Not YAML after all (or only partly): read it as text, so that nothing the parser dropped is missed.
    if (parsed.errors.length > 0) return undefined;
    doc = parsed.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  const placed: Placed[] = [];
  walk(doc, '', depth + 1, placed, NO_HINT, undefined);
  const hits = placed.map(p => ({ ...p.hit, where: [`${label} ${p.rel === '' ? '(document)' : p.rel}`, ...p.hit.where] }));
  // Comments do not survive parsing but do reach Git.
  if (PREFILTER.test(s)) {
    const comments = s.split('\n').map((l, i) => (i > 0 && /^\s*#/.test(l) ? l : '')).join('\n');
    hits.push(...scanPlainText(comments, depth + 1).map(h => ({ ...h, where: [`${label} comment`, ...h.where] })));
  }
  return hits;
}

/** MIME multipart user data (cloud-init user_data.py): each part by its content type and transfer encoding. */
function scanMime(s: string, depth: number): Hit[] {
  const boundary = /boundary=(?:"([^"\r\n]+)"|([^;\s]+))/i.exec(s.slice(0, 4096));
  if (!boundary) return scanPlainText(s, depth);
  const parts = s.split(`--${boundary[1] ?? boundary[2]}`);
  const hits: Hit[] = [];
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i];
    if (part.startsWith('--')) break;
    const body = part.replace(/^\r?\n/, '');
    const split = /\r?\n\r?\n/.exec(body);
    const headers = split ? body.slice(0, split.index) : '';
    let content = split ? body.slice(split.index + split[0].length) : body;
    const type = (/^content-type:\s*([^;\s]+)/im.exec(headers)?.[1] ?? 'text/plain').toLowerCase();
    const cte = (/^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1] ?? '').toLowerCase();
    const label = `MIME part ${i} (${type})`;
    if (cte === 'base64') {
      hits.push(...prefix(scanDecoded(content.replace(/\s+$/, ''), depth + 1, 'b64', 'base64-decoded', true), label));
      continue;
    }
    if (cte === 'quoted-printable') content = content.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16)));
    if (type.startsWith('multipart/')) content = `Content-Type: ${type}; ${headers.replace(/[\s\S]*?(boundary=)/i, '$1')}\n\n${content}`;
    else if (type === 'text/cloud-config' && !content.startsWith('#cloud-config')) content = `#cloud-config\n${content}`;
    hits.push(...prefix(scanText(content, depth + 1), label));
  }
  return hits;
}

/** The plain-text patterns (unless `patterns` is false: a text known to hold no match), then base64 runs. */
function scanPlainText(s: string, depth: number, patterns = true): Hit[] {
  const hits: Hit[] = [];
  const multiline = s.includes('\n');
  const at = (index: number): string[] => (multiline ? [`line ${lineOf(s, index)}`] : []);
  // Every pattern below matches only where PREFILTER does, so a wider test may stand in for it: its
  // lower-cased form on the lower-cased text (the patterns' `i` flag folds ASCII letters only, so a match
  // of PREFILTER is one of PREFILTER_LOWER in the lower-cased text), a case-sensitive search that is faster.
  const lower = patterns ? s.toLowerCase() : '';
  if (patterns && PREFILTER_LOWER.test(lower)) {
    privateKeys(s, at, hits);
    const gates = gatesIn(lower);
    for (const p of TOKEN_PATTERNS) {
      if (!gateOpen(p, gates)) continue;
      p.re.lastIndex = 0;
      for (let m = p.re.exec(s); m; m = p.re.exec(s)) {
        const v = m[p.valueGroup];
        if (!p.check || p.check(v)) hits.push(hit(p.kind, p.what, v, at(m.index)));
        if (p.re.lastIndex === m.index) p.re.lastIndex++;
      }
    }
    passwordKeys(s, at, hits);
  }
  if (depth < MAX_DEPTH && s.length >= 40) embeddedBase64(s, depth, at, hits);
  return hits;
}

function embeddedBase64(s: string, depth: number, at: (i: number) => string[], hits: Hit[]): void {
  for (const m of base64Runs(s)) {
    const found = decodedRun(m.text, depth + 1);
    if (found && found.length > 0) {
      hits.push(...found.map(h => ({ ...h, where: [...at(m.index), ...h.where] })));
    } else if (m.text.includes('\n')) {
      // A run of lines may join unrelated text (a long word, a hash) to a base64 block: each line on its own.
      let offset = m.index;
      for (const line of m.text.split('\n')) {
        const t = line.trim();
        const one = t.length >= 40 ? decodedRun(t, depth + 1) : undefined;
        const lineAt = offset;
        if (one) hits.push(...one.map(h => ({ ...h, where: [...at(lineAt), ...h.where] })));
        offset += line.length + 1;
      }
    }
  }
}

/** What a run of base64 in a text decodes to, scanned; cached by run (an SSH key repeats in every machine's user data). */
const runCaches: Array<Map<string, readonly Hit[] | null>> = [];
function decodedRun(run: string, depth: number): readonly Hit[] | undefined {
  // One map per depth: no key string to build and hash for every run.
  const runCache = runCaches[depth] ??= new Map();
  let found = runCache.get(run);
  if (found === undefined) {
    found = scanDecoded(run, depth, 'b64', 'base64-decoded', false) ?? null;
    if (runCache.size >= CACHE_MAX_ENTRIES) runCache.clear();
    runCache.set(run, found);
  }
  return found ?? undefined;
}

/**
 * Decodes base64 (and gzip, by its magic) and scans the result. `forced`: the string is base64 by
 * definition, so a string that does not decode to text is still not scanned further but yields [].
 * Without `forced`, returns undefined when the string is not base64 of text, so the caller reads it
 * as text instead.
 */
function scanDecoded(s: string, depth: number, encoding: 'b64' | 'gzb64', label: string, forced: true): Hit[];
function scanDecoded(s: string, depth: number, encoding: 'b64' | 'gzb64', label: string, forced?: boolean): Hit[] | undefined;
function scanDecoded(s: string, depth: number, encoding: 'b64' | 'gzb64', label: string, forced = true): Hit[] | undefined {
  const compact = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || (!forced && compact.length % 4 !== 0)) return forced ? scanText(s, depth) : undefined;
  const bytes = Buffer.from(compact, 'base64');
  if (encoding === 'gzb64' && !isGzip(bytes)) return forced ? [] : undefined;
  const hits = scanBytes(bytes, depth, label);
  return hits.length > 0 || forced || isTextBytes(bytes) || isGzip(bytes) ? hits : undefined;
}

/** Scans bytes: gunzipped when they carry the gzip magic, as UTF-8 text when they are text, else not at all. */
function scanBytes(bytes: Buffer, depth: number, label: string): Hit[] {
  if (depth > MAX_DEPTH) return [];
  if (isGzip(bytes)) {
    let inflated: Buffer;
    try {
      inflated = zlib.gunzipSync(bytes, { maxOutputLength: MAX_DECODED_BYTES });
    } catch {
      return [];
    }
    return prefix(scanBytes(inflated, depth + 1, 'gunzipped'), label);
  }
  if (!isTextBytes(bytes)) return [];
  return prefix(scanText(bytes.toString('utf-8'), depth), label);
}
