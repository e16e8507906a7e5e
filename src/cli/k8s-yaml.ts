/**
 * YAML as the Kubernetes API server reads it, on js-yaml's fast parser, with bounds.
 *
 * The API server (and kubectl) turn YAML into JSON with sigs.k8s.io/yaml `YAMLToJSON`, which decodes
 * with go.yaml.in/yaml/v2 into `interface{}` (KubeVirt v1.9.0 vendors sigs.k8s.io/yaml v1.6.0:
 * vendor/sigs.k8s.io/yaml/yaml.go, `YAMLToJSON`). Plain scalars therefore resolve as go-yaml v2's
 * `resolve()` does (vendor/go.yaml.in/yaml/v2/resolve.go), which is neither YAML 1.1 nor 1.2 exactly:
 * - `y/Y/yes/Yes/YES/true/True/TRUE/on/On/ON` are true, and the matching `n…/no…/false…/off…` false;
 * - `~`, `null`, `Null`, `NULL` and the empty scalar are null; `.inf`, `-.inf`, `.nan` are floats;
 * - integers are Go `ParseInt(s, 0, 64)` after removing `_`: `0x1F`, `0o17`, `017` (octal), `0b101`;
 * - floats only in the form `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, so `e1000` and
 *   `1e` stay strings;
 * - timestamps stay strings (decoded into `interface{}`), and there are no base-60 numbers (`1:30`);
 * - `<<` merge keys are honoured.
 *
 * Bounds, so that hostile input fails fast with exit code 2 instead of exhausting memory:
 * - alias expansion: go-yaml v2's own rule (decode.go `allowedAliasRatio`: over 100 aliased nodes
 *   and 1,000 nodes, at most 99% of the nodes may come from aliases, down to 10% at 4,000,000), so a
 *   billion-laughs document is refused in milliseconds; the expanded size is counted, never built;
 * - nesting depth: {@link MAX_DEPTH};
 * - document size: {@link MAX_DOCUMENT_CHARS} characters.
 */
import * as jsyaml from 'js-yaml';

/** Deepest nesting accepted (go-yaml v2 stops at 10,000; the checks recurse, so the CLI stops earlier). */
export const MAX_DEPTH = 1000;
/** Largest single document accepted, in characters (a `kind: List` from `kubectl get -o yaml` can be large). */
export const MAX_DOCUMENT_CHARS = 64 * 1024 * 1024;

const BOOL: Record<string, boolean> = {};
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) BOOL[s] = true;
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) BOOL[s] = false;
const NULLS = new Set(['~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS: Record<string, number> = {};
for (const s of ['.nan', '.NaN', '.NAN']) SPECIAL_FLOATS[s] = NaN;
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) SPECIAL_FLOATS[s] = Infinity;
for (const s of ['-.inf', '-.Inf', '-.INF']) SPECIAL_FLOATS[s] = -Infinity;
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** Go's `strconv.ParseInt(s, 0, 64)` syntax (after `_` is removed): sign, then 0x/0o/0b/0 prefixes or decimal. */
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/;

/** What {@link resolvePlain} returns for a scalar that stays a string. */
export const NO_MATCH = Symbol('no-match');

/** Only these first characters can resolve to something else than a string (resolve.go resolveTable). */
const MAY_RESOLVE = new Uint8Array(128);
for (const ch of '0123456789+-.yYnNtTfFoO~') MAY_RESOLVE[ch.charCodeAt(0)] = 1;
/** Decimal integers that ParseInt and Number read alike (no sign, no leading zero, exact as a double). */
const SMALL_DECIMAL = /^(?:0|[1-9][0-9]{0,14})$/;

/** go-yaml v2 `resolve()` for a plain scalar; NO_MATCH when it stays a string. */
export function resolvePlain(s: string): unknown {
  if (s.length === 0) return null;
  const c = s.charCodeAt(0);
  if (c >= 128 || MAY_RESOLVE[c] === 0) return NO_MATCH;
  const digit = c >= 48 && c <= 57;
  const sign = c === 43 || c === 45;
  if (digit) {
    // The common case (`2`, `30Gi`, a UUID): no word, null or special float starts with a digit.
    if (SMALL_DECIMAL.test(s)) return Number(s);
  } else {
    if (s in BOOL) return BOOL[s];
    if (NULLS.has(s)) return null;
    if (s in SPECIAL_FLOATS) return SPECIAL_FLOATS[s];
    if (c === 46) {
      const f = goParseFloat(s);
      return f === undefined ? NO_MATCH : f;
    }
    if (!sign) return NO_MATCH;
  }
  const plain = s.indexOf('_') === -1 ? s : s.replace(/_/g, '');
  if (GO_INT.test(plain)) {
    const neg = plain[0] === '-';
    const body = sign ? plain.slice(1) : plain;
    let big: bigint;
    if (/^0[0-7]+$/.test(body)) big = BigInt(`0o${body.slice(1)}`);
    else big = BigInt(body.toLowerCase().startsWith('0o') ? `0o${body.slice(2)}` : body);
    if (neg) big = -big;
    // int64, else uint64 (ParseUint), else a float as below.
    if (big >= -(2n ** 63n) && big < 2n ** 64n) return Number(big);
  }
  if (YAML_STYLE_FLOAT.test(plain)) return Number(plain);
  return NO_MATCH;
}

/** Go's ParseFloat for a scalar starting with `.` (`.5`, `.5e3`). */
function goParseFloat(s: string): number | undefined {
  return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) ? Number(s) : undefined;
}

let resolved: unknown;
/** One implicit type for every plain scalar go-yaml v2 resolves (faster than one js-yaml type per tag). */
const goPlain = new jsyaml.Type('tag:yaml.org,2002:k8s-plain', {
  kind: 'scalar',
  resolve: (data: string | null) => {
    if (data === null) return false;
    const v = resolvePlain(data);
    if (v === NO_MATCH) return false;
    resolved = v;
    return true;
  },
  construct: () => resolved,
});

/** The schema: strings (failsafe), go-yaml v2 plain scalars, merge keys; explicit !!int/!!float/!!bool/!!null. */
export const KUBERNETES_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [(jsyaml as any).types.merge, goPlain],
  explicit: [(jsyaml as any).types.int, (jsyaml as any).types.float, (jsyaml as any).types.bool, (jsyaml as any).types.null],
});

/** A problem with one document's YAML: syntax, size, depth or aliasing. */
export class YamlLimitError extends Error {
  constructor(message: string, readonly line?: number) {
    super(message);
    this.name = 'YamlLimitError';
  }
}

/** go-yaml v2 decode.go `allowedAliasRatio`. */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.10;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

/** The depth part of {@link checkBounds}, for a value with no shared nodes. Throws YamlLimitError. */
function checkDepth(v: unknown, depth: number): void {
  if (v === null || typeof v !== 'object') return;
  if (depth > MAX_DEPTH) throw new YamlLimitError(`nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(v)) {
    for (const item of v) checkDepth(item, depth + 1);
  } else {
    for (const k in v) checkDepth((v as any)[k], depth + 1);
  }
}

/**
 * Checks the depth and the alias expansion of a parsed value without expanding it: js-yaml shares
 * one object per anchor, so sizes are memoised per object. Throws YamlLimitError.
 */
export function checkBounds(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  const sizes = new Map<object, number>();
  let distinct = 0;
  const size = (v: unknown, depth: number): number => {
    if (v === null || typeof v !== 'object') {
      distinct++;
      return 1;
    }
    const known = sizes.get(v);
    if (known !== undefined) return known;
    if (depth > MAX_DEPTH) throw new YamlLimitError(`nested deeper than ${MAX_DEPTH} levels`);
    sizes.set(v, Infinity); // a cycle, if js-yaml ever made one, counts as unbounded
    distinct++;
    let n = 1;
    if (Array.isArray(v)) {
      for (const item of v) n += size(item, depth + 1);
    } else {
      for (const k in v) n += size((v as any)[k], depth + 1);
    }
    sizes.set(v, n);
    return n;
  };
  const expanded = size(value, 1);
  const aliased = expanded - distinct;
  if (!Number.isFinite(expanded) || (aliased > 100 && expanded > 1000 && aliased / expanded > allowedAliasRatio(expanded))) {
    throw new YamlLimitError(`excessive aliasing: ${Number.isFinite(expanded) ? `${expanded.toExponential(2)} nodes once aliases are expanded, from ${distinct}` : 'a cycle'}`);
  }
}

/**
 * Parses one document (a chunk from {@link DocumentSplitter}) as Kubernetes does. Returns undefined
 * for an empty document. Throws YamlLimitError (line relative to the chunk, 1-based) or js-yaml's error.
 */
export function loadDocument(text: string): unknown {
  if (text.length > MAX_DOCUMENT_CHARS) throw new YamlLimitError(`document larger than ${MAX_DOCUMENT_CHARS} characters`);
  let value: unknown;
  try {
    value = jsyaml.load(text, { schema: KUBERNETES_SCHEMA, maxDepth: MAX_DEPTH } as jsyaml.LoadOptions);
  } catch (e: any) {
    if (/nesting exceeded maxDepth/.test(String(e?.reason ?? e?.message))) throw new YamlLimitError(`nested deeper than ${MAX_DEPTH} levels`);
    // A stack overflow, whether js-yaml passes it on (a RangeError, possibly from another realm) or wraps it.
    if (e instanceof RangeError || e?.name === 'RangeError' || /Maximum call stack size exceeded/.test(String(e?.message))) throw new YamlLimitError(`nested too deeply to parse (more than ${MAX_DEPTH} levels)`);
    throw e;
  }
  // Without an alias (`*`) no node is shared: only the depth needs checking.
  if (text.indexOf('*') === -1) checkDepth(value, 1);
  else checkBounds(value);
  return value;
}

/** One document of a stream: its text and the 1-based line where it starts. */
export interface DocumentChunk {
  readonly text: string;
  readonly startLine: number;
  /** 1-based index of the document in its file, as `yaml`'s parseAllDocuments counts them. */
  readonly index: number;
}

/**
 * Splits a YAML stream into documents as text arrives, so that a large input is never held whole.
 * A line that starts with `---` (followed by a space or the end of the line) starts a document and
 * one that starts with `...` ends one: YAML forbids both at the start of a line inside content
 * (c-forbidden), so this split is exact. Comments and directives before a `---` stay with it.
 */
export class DocumentSplitter {
  private pending = '';
  private chunkStart = 0;
  private chunkStartLine = 1;
  private line = 1;
  private scanned = 0;
  private hasContent = false;
  private hasMarker = false;
  private index = 0;
  private oversized = false;

  constructor(private readonly emit: (chunk: DocumentChunk) => void, private readonly maxChars = MAX_DOCUMENT_CHARS) {}

  /** Feeds more text. */
  push(text: string): void {
    this.pending += text;
    let nl: number;
    while ((nl = this.pending.indexOf('\n', this.scanned)) !== -1) {
      this.onLine(this.scanned, nl + 1);
      this.scanned = nl + 1;
      this.line++;
    }
    this.compact();
  }

  /** Ends the stream. */
  end(): void {
    if (this.scanned < this.pending.length) {
      this.onLine(this.scanned, this.pending.length);
      this.scanned = this.pending.length;
    }
    if (this.hasContent || this.hasMarker) this.flush(this.pending.length);
    this.pending = '';
  }

  private onLine(start: number, end: number): void {
    const p = this.pending;
    const c = p.charCodeAt(start);
    if (c === 45 /* - */ && p.startsWith('---', start) && isMarkerEnd(p.charCodeAt(start + 3))) {
      if (this.hasContent || this.hasMarker) this.flush(start, this.line);
      this.hasMarker = true;
      // Content on the marker line (`--- !tag`, `--- |`, `--- {a: 1}`) is content.
      if (p.slice(start + 3, end).trim() !== '' && !/^\s+#/.test(p.slice(start + 3, end))) this.hasContent = true;
      return;
    }
    if (c === 46 /* . */ && p.startsWith('...', start) && isMarkerEnd(p.charCodeAt(start + 3))) {
      this.flush(end, this.line + 1);
      return;
    }
    if (!this.hasContent && c !== 35 /* # */ && c !== 37 /* % */) {
      const line = p.slice(start, end);
      if (line.trim() !== '' && !/^\s*#/.test(line)) this.hasContent = true;
    }
    if (!this.oversized && end - this.chunkStart > this.maxChars) this.oversized = true;
  }

  /** Emits the chunk up to `end` (exclusive); the next chunk starts there, at line `nextLine`. */
  private flush(end: number, nextLine?: number): void {
    if (this.hasContent || this.hasMarker) {
      this.index++;
      const text = this.oversized ? '' : this.pending.slice(this.chunkStart, end);
      this.emit({ text: this.oversized ? OVERSIZED : text, startLine: this.chunkStartLine, index: this.index });
    }
    this.chunkStart = end;
    this.chunkStartLine = nextLine ?? this.line;
    this.hasContent = false;
    this.hasMarker = false;
    this.oversized = false;
  }

  /** Drops text that belongs to emitted chunks; keeps an oversized chunk from growing. */
  private compact(): void {
    let drop = this.chunkStart;
    if (this.oversized) drop = this.scanned;
    if (drop > 0) {
      this.pending = this.pending.slice(drop);
      this.scanned -= drop;
      this.chunkStart -= drop;
      if (this.chunkStart < 0) this.chunkStart = 0;
    }
  }
}

/** The text of a chunk that was larger than the limit (the text itself is not kept). */
export const OVERSIZED = '\u0000oversized';

function isMarkerEnd(c: number): boolean {
  return Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13;
}
