/**
 * The library's one secret scanner. It reads every string of a manifest (any kind), after all
 * patches, and everything those strings decode or parse to:
 *
 * - base64: `Secret.data`, `ConfigMap.binaryData`, `*Base64` fields (`userDataBase64`,
 *   `networkDataBase64`), cloud-config `write_files` content with a `b64`/`gz+b64` encoding, and any
 *   other string (or run of lines inside a text) that looks like base64 of at least 24 characters;
 *   gzip is unpacked when the decoded bytes start with the gzip magic;
 * - user data in every form cloud-init reads (cloudinit/handlers and user_data.py): `#cloud-config`
 *   and `#cloud-config-archive` (parsed as YAML 1.1, flow style included), `## template: jinja`,
 *   MIME multipart (base64 and quoted-printable parts), `#include`, scripts and boothooks (as text);
 * - network data (netplan v1/v2 YAML, e.g. Wi-Fi `access-points` passwords), URLs (`user:pass@`),
 *   metadata, probes (HTTP headers), commands and apt sources, as ordinary strings.
 *
 * What it finds is described on {@link SecretKind}. A finding never holds the secret: only its
 * JSON path, where inside the string it is, what matched, and a redacted form (first two
 * characters of values of at least 8 characters, and the length).
 *
 * It is fast enough to run over every object of a fleet: a cheap pre-filter decides whether a
 * string needs the detailed patterns, base64 is decoded only for strings shaped like base64,
 * gunzip runs only on the gzip magic, and results for long strings (user data shared by many
 * machines) are cached by content.
 */
import * as zlib from 'zlib';
import { SecretKind } from '../secret-kind';
import { formatProblem } from './errors';
import { yaml } from './lazy';

/** One secret found in a manifest. It never contains the secret value. */
export interface SecretFinding {
  /** JSON path of the string in the manifest, e.g. `$.spec.template.spec.volumes[1].cloudInitNoCloud.userData`. */
  readonly path: string;
  /** The kind of secret. */
  readonly kind: SecretKind;
  /** What matched, e.g. `key 'plain_text_passwd'`, `GitHub token`, `PEM private key (OPENSSH)`. */
  readonly what: string;
  /** A redacted form of the value, e.g. `hu… (7 chars)`. */
  readonly redacted: string;
  /** Where inside the string, e.g. `base64-decoded, cloud-config users[0].passwd` or `line 12`; `value` for the whole string. */
  readonly where: string;
}

/** A finding relative to the string (or object) scanned. */
interface Hit {
  readonly kind: SecretKind;
  readonly what: string;
  readonly redacted: string;
  readonly where: readonly string[];
}

/** A hit with its path relative to the walked value. */
interface Placed {
  readonly rel: string;
  readonly hit: Hit;
}

/** How a string must be read, from its position. */
interface Hint {
  /** The string is base64 by definition (Secret data, `*Base64` fields): decode it whatever its length. */
  readonly base64?: boolean;
}

/**
 * Scans one manifest and returns the findings whose kind is not in `allowed`, in document order,
 * one per path, kind, place and pattern.
 */
export function scanManifest(manifest: unknown, allowed: ReadonlySet<SecretKind> = new Set()): SecretFinding[] {
  const placed: Placed[] = [];
  walk(manifest, '$', 0, placed, NO_HINT, manifest, true);
  const seen = new Set<string>();
  const out: SecretFinding[] = [];
  for (const { rel, hit: h } of placed) {
    if (allowed.has(h.kind)) continue;
    const where = h.where.length > 0 ? h.where.join(', ') : 'value';
    const key = `${rel}\u0000${h.kind}\u0000${where}\u0000${h.what}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: rel, kind: h.kind, what: h.what, redacted: h.redacted, where });
  }
  return out;
}

/** One line for a message: `password (key 'passwd') at $.spec… (cloud-config users[0].passwd): hu… (7 chars)`. */
export function describeFinding(f: SecretFinding): string {
  return `${f.kind} (${f.what}) at ${f.path} (${f.where}): ${f.redacted}`;
}

/**
 * A finding in the library's message format, naming where the secret is and its redacted form, never
 * the value: `<path> holds a <kind> (<what>, <where>): got "<redacted>"; <what to do> (secret-<kind>)`.
 */
export function describeSecretFinding(f: SecretFinding): string {
  return formatProblem({
    property: f.path.replace(/^\$\.?/, ''),
    problem: `holds a ${f.kind.replace('-', ' ')} (${f.what}, ${f.where})`,
    value: f.redacted,
    allowed: `no secrets in output that goes to Git: reference a Secret managed outside the app, or opt in with allowSecrets: [SecretKind.${SECRET_KIND_NAMES[f.kind]}]`,
    ruleId: `secret-${f.kind}`,
  });
}

const SECRET_KIND_NAMES: Record<SecretKind, string> = {
  [SecretKind.PRIVATE_KEY]: 'PRIVATE_KEY',
  [SecretKind.PASSWORD]: 'PASSWORD',
  [SecretKind.TOKEN]: 'TOKEN',
  [SecretKind.URL_CREDENTIALS]: 'URL_CREDENTIALS',
};

/** The redacted form of a secret value: never the value. */
export function redact(value: string): string {
  return `${value.length >= 8 ? value.slice(0, 2) : ''}… (${value.length} chars)`;
}

// ---- limits ---------------------------------------------------------------------------------------

const MAX_DEPTH = 6;
const MAX_DECODED_BYTES = 16 * 1024 * 1024;
const MAX_PARSE_CHARS = 4 * 1024 * 1024;
const MIN_BASE64 = 24;
const CACHE_MIN_CHARS = 64;
const CACHE_MAX_ENTRIES = 4096;

// ---- patterns -----------------------------------------------------------------------------------

/** Anything worth the detailed patterns. A string that misses this has no secret in plain text. */
const PREFILTER = /PRIVATE|PuTTY|BEGIN|-----|b3BlbnNzaC1rZXktdjE|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|eyJ|bearer|authorization|passw|token|secret|api[_-]?key|:\/\/[^\s/@]*@/i;
const PEM_PRIVATE = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----/;
const PEM_PRIVATE_SQUASHED = /-----BEGIN([A-Z0-9]*)PRIVATEKEY(?:BLOCK)?-----/;
/** `openssh-key-v1\0` in base64: the body of an OpenSSH private key without its armour. */
const OPENSSH_BODY = /b3BlbnNzaC1rZXktdjE/;
const PUTTY = /PuTTY-User-Key-File-\d+:/;

/** A pattern, run only on texts whose lower-cased form contains one of its `gates`. */
interface TokenPattern {
  readonly what: string;
  readonly kind: SecretKind;
  readonly gates: readonly string[];
  readonly re: RegExp;
  readonly valueGroup: number;
  readonly check?: (v: string) => boolean;
}
const TOKEN_PATTERNS: readonly TokenPattern[] = [
  { what: 'AWS access key id', kind: SecretKind.TOKEN, gates: ['akia', 'asia'], re: /\b((?:AKIA|ASIA)[0-9A-Z]{16})\b/g, valueGroup: 1 },
  { what: 'AWS secret access key', kind: SecretKind.TOKEN, gates: ['access'], re: /secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi, valueGroup: 1 },
  { what: 'GitHub token', kind: SecretKind.TOKEN, gates: ['gh'], re: /\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255})\b/g, valueGroup: 1 },
  { what: 'GitHub fine-grained token', kind: SecretKind.TOKEN, gates: ['github_pat_'], re: /\b(github_pat_[A-Za-z0-9_]{22,255})\b/g, valueGroup: 1 },
  { what: 'GitLab token', kind: SecretKind.TOKEN, gates: ['glpat-'], re: /\b(glpat-[A-Za-z0-9_-]{20,})/g, valueGroup: 1 },
  { what: 'Slack token', kind: SecretKind.TOKEN, gates: ['xox'], re: /\b(xox[abposr]-[A-Za-z0-9-]{10,})/g, valueGroup: 1 },
  { what: 'JWT', kind: SecretKind.TOKEN, gates: ['eyj'], re: /\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g, valueGroup: 1 },
  { what: 'bearer token', kind: SecretKind.TOKEN, gates: ['bearer'], re: /\bBearer[ \t]+([A-Za-z0-9._~+/-]{16,}=*)/gi, valueGroup: 1, check: v => /\d/.test(v) },
  { what: 'Authorization: Basic header', kind: SecretKind.PASSWORD, gates: ['basic'], re: /\bAuthorization["']?\s*[:=]\s*["']?Basic[ \t]+([A-Za-z0-9+/]{8,}={0,2})/gi, valueGroup: 1 },
  { what: 'URL credentials', kind: SecretKind.URL_CREDENTIALS, gates: ['@'], re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:"'<>]*:([^\s/?#@"'<>]+)@/gi, valueGroup: 1, check: v => !isBenign(v) },
  { what: 'token field', kind: SecretKind.TOKEN, gates: ['token', 'key', 'secret'], re: /^[ \t-]*(?:export[ \t]+)?["']?(?:[a-z0-9]+[_-])*(?:token|api[_-]?key|secret[_-]key|client[_-]secret)["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9_.\-/+=]{8,})/gim, valueGroup: 1, check: v => tokenLike(v) },
  { what: 'chpasswd entry', kind: SecretKind.PASSWORD, gates: ['chpasswd'], re: /([A-Za-z_][A-Za-z0-9_.-]*):([^\s"'|:;]+)["']?[^|\n]*?\|[ \t]*(?:sudo[ \t]+)?chpasswd\b(?![ \t]+(?:-e|--encrypted))/g, valueGroup: 2, check: v => !isBenign(v) },
  { what: 'chpasswd entry', kind: SecretKind.PASSWORD, gates: ['chpasswd'], re: /\bchpasswd[ \t]*<<<[ \t]*["']?[A-Za-z_][A-Za-z0-9_.-]*:([^\s"']+)/g, valueGroup: 1, check: v => !isBenign(v) },
  { what: 'passwd --stdin', kind: SecretKind.PASSWORD, gates: ['stdin'], re: /\becho[ \t]+(?:-n[ \t]+)?["']?([^\s"'|]+)["']?[ \t]*\|[ \t]*(?:sudo[ \t]+)?passwd[ \t]+--stdin/g, valueGroup: 1, check: v => !isBenign(v) },
];

/**
 * What only a parsed document tells apart: password, chpasswd and token fields (their values, hashes and
 * flags), HTTP header objects, PEM headers split over list items, `!!binary`. Encoded write_files
 * content needs no parse: the base64 runs of a text are decoded (and gunzipped) anyway.
 * `lock_passwd` and sudo's `NOPASSWD` alone do not count: nearly every user has them.
 */
const NEEDS_STRUCTURE = /(?<!lock_)(?<!no)passw|token|api[_-]?key|secret|authorization|-----|BEGIN|PRIV|!!binary/i;

/** A password key in text (block or flow YAML, JSON); the value is read after the colon. */
const PASSWORD_KEY_TEXT = /(?:^|[\s{,[(])["']?(password|passwd|plain_text_passwd|hashed_passwd|chpasswd)["']?[ \t]*:(?=[ \t"']|$)/gim;
const PASSWORD_KEYS = new Set(['password', 'passwd', 'plain_text_passwd', 'hashed_passwd']);
const TOKEN_KEY = /^(?:[a-z0-9]+[_-])*(?:token|api[_-]?key|secret[_-]key|client[_-]secret|secret[_-]access[_-]key)$/i;
const HEADER_NAMES = /^(?:authorization|proxy-authorization|x-api-key|api-key|private-token|x-auth-token|x-vault-token)$/i;

/** crypt(3) hashes as /etc/shadow holds them: MD5, SHA-256, SHA-512, bcrypt, yescrypt, gost-yescrypt, scrypt. */
const CRYPT_HASH = new RegExp('^\\$(?:'
  + '1\\$[./0-9A-Za-z]{1,8}\\$[./0-9A-Za-z]{22}'
  + '|5\\$(?:rounds=\\d+\\$)?[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{43}'
  + '|6\\$(?:rounds=\\d+\\$)?[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{86}'
  + '|2[abxy]?\\$\\d{2}\\$[./0-9A-Za-z]{53}'
  + '|(?:y|gy|7)\\$[./0-9A-Za-z]+\\$[./0-9A-Za-z]*\\$[./0-9A-Za-z]{43}'
  + ')$');
/** Values that are not secrets: flags, empty, locked, RANDOM (chpasswd), and references to variables or templates. */
const BENIGN = /^(?:|true|false|yes|no|on|off|null|~|none|random|r|\*|!|!!|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\$\([^)]*\)|\{\{.*\}\}|\{%.*%\}|%\([^)]*\)s|<[^<>]+>)$/i;

/** Whether a password-field value is not a plaintext secret: a flag, a variable or a crypt hash. */
export function isBenign(value: string): boolean {
  const v = value.trim();
  return BENIGN.test(v) || CRYPT_HASH.test(v);
}

/** A value of a token field that looks like a token rather than a name: 8+ characters, no spaces, a digit or mixed case. */
function tokenLike(v: string): boolean {
  return v.length >= 8 && !/\s/.test(v) && !isBenign(v) && (/\d/.test(v) || (/[a-z]/.test(v) && /[A-Z]/.test(v)));
}

// ---- walking objects ----------------------------------------------------------------------------

function childPath(rel: string, key: string): string {
  return rel + keySuffix(key, rel === '');
}

function hit(kind: SecretKind, what: string, value: string, where: readonly string[] = []): Hit {
  return { kind, what, redacted: redact(value), where };
}

/** Walks a parsed value (a manifest, or a document parsed out of a string). `top`: `value` is in a manifest, not in a parsed string. */
function walk(value: unknown, rel: string, depth: number, out: Placed[], hint: Hint, root: unknown, top = false): void {
  if (typeof value === 'string') {
    const hits = scanString(value, depth, hint);
    for (let i = 0; i < hits.length; i++) out.push({ rel, hit: hits[i] });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walk(value[i], `${rel}[${i}]`, depth, out, NO_HINT, root, top);
    checkSplitPem(value, rel, out);
  } else if (value instanceof Uint8Array) {
    // YAML `!!binary`.
    for (const h of scanBytes(Buffer.from(value), depth + 1, 'binary')) out.push({ rel, hit: h });
  } else if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const headerRule = typeof obj.name === 'string' && typeof obj.value === 'string' && HEADER_NAMES.test(obj.name);
    const encoding = typeof obj.encoding === 'string' ? ENCODINGS[obj.encoding.toLowerCase()] : undefined;
    const secretData = top && (rel === '$.data' && isKind(root, 'Secret') || rel === '$.binaryData' && isKind(root, 'ConfigMap'));
    for (const k in obj) {
      if (!Object.prototype.hasOwnProperty.call(obj, k)) continue;
      const v = obj[k];
      const at = rel + keySuffix(k, rel === '');
      const childHint = top && (secretData || k.endsWith('Base64')) ? BASE64_HINT : NO_HINT;
      const rule = keyRule(k);
      if (rule !== KeyRule.NONE) keyRules(rule, k, v, at, out, childHint);
      if (encoding !== undefined && k === 'content' && typeof v === 'string') {
        // cloud-config write_files: decode as the encoding says (cc_write_files.py canonicalize_extraction, extract_contents).
        for (const h of scanDecoded(v, depth + 1, encoding, `${(obj.encoding as string).toLowerCase()}-decoded`, true)) out.push({ rel: at, hit: h });
        continue;
      }
      if (headerRule && k === 'value') headerValueRule(obj.name as string, v as string, at, out);
      walk(v, at, depth, out, childHint, root, top);
    }
  }
}

const NO_HINT: Hint = {};
const BASE64_HINT: Hint = { base64: true };

/** `.key` or `['key']`, memoized: manifests repeat the same few hundred keys. */
const keySuffixes = new Map<string, string>();
function keySuffix(key: string, first: boolean): string {
  if (first) return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : `['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  let s = keySuffixes.get(key);
  if (s === undefined) {
    s = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `.${key}` : `['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
    if (keySuffixes.size >= CACHE_MAX_ENTRIES) keySuffixes.clear();
    keySuffixes.set(key, s);
  }
  return s;
}

enum KeyRule { NONE, PASSWORD, CHPASSWD, TOKEN }
const keyRuleCache = new Map<string, KeyRule>();
function keyRule(key: string): KeyRule {
  let r = keyRuleCache.get(key);
  if (r === undefined) {
    const lk = key.toLowerCase();
    r = PASSWORD_KEYS.has(lk) ? KeyRule.PASSWORD : lk === 'chpasswd' ? KeyRule.CHPASSWD : TOKEN_KEY.test(key) ? KeyRule.TOKEN : KeyRule.NONE;
    if (keyRuleCache.size >= CACHE_MAX_ENTRIES) keyRuleCache.clear();
    keyRuleCache.set(key, r);
  }
  return r;
}

const ENCODINGS: Record<string, 'b64' | 'gzb64' | undefined> = {
  'b64': 'b64', 'base64': 'b64', 'gz+b64': 'gzb64', 'gz+base64': 'gzb64', 'gzip+b64': 'gzb64', 'gzip+base64': 'gzb64',
};

function isKind(root: unknown, kind: string): boolean {
  return root !== null && typeof root === 'object' && (root as any).kind === kind;
}

/** Rules that read a key and its value together. */
function keyRules(rule: KeyRule, key: string, value: unknown, at: string, out: Placed[], hint: Hint): void {
  const text = typeof value === 'number' ? String(value)
    : typeof value === 'string' ? (hint.base64 ? decodeBase64Text(value) ?? value : value)
      : undefined;
  if (rule === KeyRule.PASSWORD) {
    if (text !== undefined && !isBenign(text)) out.push({ rel: at, hit: hit(SecretKind.PASSWORD, `key '${key}'`, text) });
  } else if (rule === KeyRule.CHPASSWD) {
    // cc_set_passwords.py: `chpasswd: {list: …}` (string or list of `user:password`), or a bare string.
    const list = text !== undefined ? text : value && typeof value === 'object' && !Array.isArray(value) ? (value as any).list : Array.isArray(value) ? value : undefined;
    const entries = typeof list === 'string' ? list.split('\n') : Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string') : [];
    const listAt = typeof list === 'string' || Array.isArray(list) ? (text !== undefined || Array.isArray(value) ? at : childPath(at, 'list')) : at;
    entries.forEach((e, i) => {
      const entry = e.trim();
      const colon = entry.indexOf(':');
      const pw = colon >= 0 ? entry.slice(colon + 1) : entry;
      if (entry !== '' && !isBenign(pw)) {
        out.push({ rel: listAt, hit: hit(SecretKind.PASSWORD, colon >= 0 ? 'chpasswd entry' : `key '${key}'`, pw, entries.length > 1 ? [`entry ${i + 1}`] : []) });
      }
    });
  } else if (text !== undefined) {
    const v = text.trim();
    if (tokenLike(v)) {
      out.push({ rel: at, hit: hit(SecretKind.TOKEN, `key '${key}'`, v) });
    }
  }
}

/** An HTTP header object `{ name: Authorization, value: … }` (probes' httpHeaders, CDI sources). */
function headerValueRule(name: string, value: string, at: string, out: Placed[]): void {
  const v = value.trim();
  const basic = /^basic\s+(.*)$/i.exec(v);
  const scheme = /^(?:bearer|token)\s+(.*)$/i.exec(v);
  const secret = basic ? basic[1] : scheme ? scheme[1] : v;
  if (secret.length < 8 || isBenign(secret)) return;
  out.push({ rel: at, hit: hit(basic ? SecretKind.PASSWORD : SecretKind.TOKEN, `${name} header`, secret) });
}

/** A PEM header split over several strings of one list (e.g. `echo` lines in `runcmd`). */
function checkSplitPem(items: unknown[], rel: string, out: Placed[]): void {
  if (items.length < 2) return;
  const strings = items.filter((s): s is string => typeof s === 'string');
  if (strings.length < 2 || !strings.some(s => s.includes('-----') || s.includes('BEGIN') || s.includes('PRIV'))) return;
  if (strings.some(s => PEM_PRIVATE.test(s) || PEM_PRIVATE_SQUASHED.test(squash(s)))) return;
  const joined = squash(strings.join(''));
  const m = PEM_PRIVATE_SQUASHED.exec(joined);
  if (m) out.push({ rel, hit: hit(SecretKind.PRIVATE_KEY, 'PEM private key split across list items', joined.slice(m.index)) });
}

/** Drops what YAML folding, line continuations and string concatenation put inside a PEM header. */
function squash(s: string): string {
  return s.replace(/\\n/g, '').replace(/[\s"'`\\+]/g, '');
}

// ---- strings --------------------------------------------------------------------------------------

const cache = new Map<string, readonly Hit[]>();
const base64Cache = new Map<string, readonly Hit[]>();

/** Scans a string found in a walked value. Long strings at the top level are cached by content. */
function scanString(s: string, depth: number, hint: Hint): readonly Hit[] {
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

/** The plain-text patterns: private keys, tokens, URL credentials, password fields and chpasswd. */
function scanPlainText(s: string, depth: number): Hit[] {
  const hits: Hit[] = [];
  const multiline = s.includes('\n');
  const at = (index: number): string[] => (multiline ? [`line ${lineOf(s, index)}`] : []);
  if (PREFILTER.test(s)) {
    privateKeys(s, at, hits);
    const lower = s.toLowerCase();
    for (const p of TOKEN_PATTERNS) {
      if (!p.gates.some(g => lower.includes(g))) continue;
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

function privateKeys(s: string, at: (i: number) => string[], hits: Hit[]): void {
  const pem = PEM_PRIVATE.exec(s);
  if (pem) {
    const end = s.indexOf('-----END', pem.index);
    hits.push(hit(SecretKind.PRIVATE_KEY, `PEM private key${pem[1] ? ` (${pem[1].trim()})` : ''}`, s.slice(pem.index, end < 0 ? undefined : end), at(pem.index)));
    return;
  }
  const putty = PUTTY.exec(s);
  if (putty) {
    hits.push(hit(SecretKind.PRIVATE_KEY, 'PuTTY private key', s.slice(putty.index), at(putty.index)));
    return;
  }
  if (s.includes('-----') || s.includes('BEGIN')) {
    const squashed = squash(s);
    const m = PEM_PRIVATE_SQUASHED.exec(squashed);
    if (m) {
      hits.push(hit(SecretKind.PRIVATE_KEY, 'PEM private key (folded or split)', squashed.slice(m.index)));
      return;
    }
  }
  const body = OPENSSH_BODY.exec(s);
  if (body) hits.push(hit(SecretKind.PRIVATE_KEY, 'OpenSSH private key body', s.slice(body.index), at(body.index)));
}

function passwordKeys(s: string, at: (i: number) => string[], hits: Hit[]): void {
  if (!/passw/i.test(s)) return;
  PASSWORD_KEY_TEXT.lastIndex = 0;
  for (let m = PASSWORD_KEY_TEXT.exec(s); m; m = PASSWORD_KEY_TEXT.exec(s)) {
    const keyAt = m.index + m[0].indexOf(m[1]);
    if (m[1].toLowerCase() === 'chpasswd') chpasswdBlock(s, keyAt, at, hits);
    const value = valueAfter(s, m.index + m[0].length);
    if (value !== undefined && !isBenign(value)) hits.push(hit(SecretKind.PASSWORD, `key '${m[1]}'`, value, at(keyAt)));
  }
}

/** In text that does not parse: the `user:password` lines nested under a `chpasswd:` key (its `list`). */
function chpasswdBlock(s: string, keyAt: number, at: (i: number) => string[], hits: Hit[]): void {
  const lineStart = s.lastIndexOf('\n', keyAt) + 1;
  const indent = keyAt - lineStart; // the key's column: nested lines are indented further
  let i = s.indexOf('\n', keyAt);
  while (i >= 0) {
    const start = i + 1;
    const end = s.indexOf('\n', start);
    const line = s.slice(start, end < 0 ? undefined : end).replace(/\r$/, '');
    if (line.trim() !== '' && line.length - line.trimStart().length <= indent) break;
    const entry = /^\s*(?:-\s*)?["']?[A-Za-z_][A-Za-z0-9_.-]*:([^\s"':]+)["']?\s*$/.exec(line);
    if (entry && !isBenign(entry[1])) hits.push(hit(SecretKind.PASSWORD, 'chpasswd entry', entry[1], at(start)));
    i = end;
  }
}

/** The scalar after `key:` in YAML/JSON text: quoted, flow (ends at `,` `}` `]`) or block (the next line). */
function valueAfter(s: string, i: number): string | undefined {
  while (s[i] === ' ' || s[i] === '\t') i++;
  const q = s[i];
  if (q === '"' || q === "'") {
    const end = s.indexOf(q, i + 1);
    return end < 0 ? s.slice(i + 1) : s.slice(i + 1, end);
  }
  const eol = s.indexOf('\n', i);
  let v = s.slice(i, eol < 0 ? undefined : eol).replace(/\r$/, '');
  if (/^[|>][-+0-9]*\s*$/.test(v)) {
    // A block scalar: the value is the next line.
    if (eol < 0) return undefined;
    const next = /^[^\n]*/.exec(s.slice(eol + 1))![0].trim();
    return next;
  }
  // A variable or template reference, whole.
  const ref = /^(?:\$\{[^}]*\}|\{\{.*?\}\}|\{%.*?%\})/.exec(v);
  if (ref) return ref[0];
  // A nested flow collection: its own keys are matched on their own.
  if (v.startsWith('{') || v.startsWith('[')) return undefined;
  v = v.replace(/\s+#.*$/, '');
  const flowEnd = v.search(/[,}\]]/);
  if (flowEnd >= 0) v = v.slice(0, flowEnd);
  return v.trim();
}

/** Runs of base64 inside a text (one line, or whole lines in a block), decoded when at least 40 characters. */
const BASE64_RUN = /[A-Za-z0-9+/]{40,}={0,2}(?:[ \t]*\r?\n[ \t]*[A-Za-z0-9+/]{4,}={0,2}(?=[ \t]*(?:\r?\n|$)))*/g;

function embeddedBase64(s: string, depth: number, at: (i: number) => string[], hits: Hit[]): void {
  // matchAll works on a copy of the regex: the scan below recurses into this function.
  for (const m of s.matchAll(BASE64_RUN)) {
    const found = scanDecoded(m[0], depth + 1, 'b64', 'base64-decoded', false);
    if (found) hits.push(...found.map(h => ({ ...h, where: [...at(m.index), ...h.where] })));
  }
}

function lineOf(s: string, index: number): number {
  let n = 1;
  for (let i = s.indexOf('\n'); i >= 0 && i < index; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function prefix(hits: readonly Hit[], label: string, lineOffset = 0): Hit[] {
  return hits.map(h => ({
    ...h,
    where: [label, ...h.where.map((w, i) => (i === 0 && lineOffset && /^line \d+$/.test(w) ? `line ${Number(w.slice(5)) + lineOffset}` : w))],
  }));
}

// ---- decoding -------------------------------------------------------------------------------------

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

function isGzip(b: Buffer): boolean {
  return b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** Text: no control bytes other than tab, newline, carriage return, form feed, and valid UTF-8. */
function isTextBytes(b: Buffer): boolean {
  if (b.length === 0) return false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c < 0x09 || (c > 0x0d && c < 0x20) || c === 0x7f) return false;
  }
  return !b.toString('utf-8').includes('\uFFFD');
}

/** The text a base64 value decodes to, or undefined when it does not decode to text. */
function decodeBase64Text(s: string): string | undefined {
  const compact = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  const bytes = Buffer.from(compact, 'base64');
  return isTextBytes(bytes) ? bytes.toString('utf-8') : undefined;
}
