/**
 * What a secret looks like, for the secret scanner (secret-scan.ts): the patterns, the limits, the
 * rules that read a key and its value together (password and token fields, chpasswd, HTTP headers,
 * PEM headers split over list items), and the text patterns that do not recurse (private keys,
 * password keys in text). Internal: not exported from the package.
 */
import { SecretKind } from '../secret-kind';
import { memoByString } from './memo';

/** A finding relative to the string (or object) scanned. */
export interface Hit {
  readonly kind: SecretKind;
  readonly what: string;
  readonly redacted: string;
  readonly where: readonly string[];
}

/** A hit with its path relative to the walked value. */
export interface Placed {
  readonly rel: string;
  readonly hit: Hit;
}

/** How a string must be read, from its position. */
export interface Hint {
  /** The string is base64 by definition (Secret data, `*Base64` fields): decode it whatever its length. */
  readonly base64?: boolean;
}

/** The redacted form of a secret value: never the value. */
export function redact(value: string): string {
  return `${value.length >= 8 ? value.slice(0, 2) : ''}… (${value.length} chars)`;
}

/** Limits: nesting of decoded and parsed texts, bytes decoded, characters parsed; and the caches. */
export const MAX_DEPTH = 6;
export const MAX_DECODED_BYTES = 16 * 1024 * 1024;
export const MAX_PARSE_CHARS = 4 * 1024 * 1024;
export const MIN_BASE64 = 24;
export const CACHE_MIN_CHARS = 40;
export const CACHE_MAX_ENTRIES = 4096;

/** Anything worth the detailed patterns. A string that misses this has no secret in plain text. */
export const PREFILTER = /PRIVATE|PuTTY|BEGIN|-----|b3BlbnNzaC1rZXktdjE|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|eyJ|bearer|authorization|passw|token|secret|api[_-]?key|:\/\/[^\s/@]*@/i;
/**
 * PREFILTER for a lower-cased text, where a pattern of scanPlainText may match: wherever PREFILTER matches
 * the text (and it may match more), except a `passw` right after `no`. That one is sudo's `NOPASSWD`, in
 * nearly every user of a fleet's cloud-config, and no pattern reads it: each pattern holding `passw` has
 * it after a start, a space, a quote, `{,[(|`, `_` or `ch` (PASSWORD_KEY_TEXT, chpasswd, `passwd --stdin`).
 * Only `N` and `n` lower-case to `n` (`O`, `o` to `o`), so the exception is the same in either case.
 */
export const PREFILTER_LOWER = new RegExp(PREFILTER.source.replace(/(?<!\\)[A-Z]/g, c => c.toLowerCase()).replace('|passw|', '|(?<!no)passw|'));
/**
 * Where NEEDS_STRUCTURE or a pattern of scanPlainText may match, in one search of the lower-cased text
 * (as PREFILTER_LOWER): PREFILTER_LOWER and NEEDS_STRUCTURE's `priv` and `!!binary` (its other alternatives
 * are PREFILTER's, its `passw` lookbehinds narrower). A cloud-config text it misses needs no parse nor patterns.
 */
export const NEEDS_READING_LOWER = new RegExp(`${PREFILTER_LOWER.source}|priv|!!binary`);
export const PEM_PRIVATE = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----/;
export const PEM_PRIVATE_SQUASHED = /-----BEGIN([A-Z0-9]*)PRIVATEKEY(?:BLOCK)?-----/;
/** `openssh-key-v1\0` in base64: the body of an OpenSSH private key without its armour. */
export const OPENSSH_BODY = /b3BlbnNzaC1rZXktdjE/;
export const PUTTY = /PuTTY-User-Key-File-\d+:/;

/**
 * A pattern, run only on texts whose lower-cased form contains one of its `gates` (and `needs`, when
 * set). A gate is a string every match holds (lower-cased): the patterns are case-insensitive in ASCII
 * letters only (without the `u` flag), so a match's letters lower-case to the gate.
 */
export interface TokenPattern {
  readonly what: string;
  readonly kind: SecretKind;
  readonly gates: readonly string[];
  readonly needs?: string;
  readonly re: RegExp;
  readonly valueGroup: number;
  readonly check?: (v: string) => boolean;
}
export const TOKEN_PATTERNS: readonly TokenPattern[] = [
  { what: 'AWS access key id', kind: SecretKind.TOKEN, gates: ['akia', 'asia'], re: /\b((?:AKIA|ASIA)[0-9A-Z]{16})\b/g, valueGroup: 1 },
  { what: 'AWS secret access key', kind: SecretKind.TOKEN, gates: ['access'], re: /secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi, valueGroup: 1 },
  { what: 'GitHub token', kind: SecretKind.TOKEN, gates: ['gh'], re: /\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255})\b/g, valueGroup: 1 },
  { what: 'GitHub fine-grained token', kind: SecretKind.TOKEN, gates: ['github_pat_'], re: /\b(github_pat_[A-Za-z0-9_]{22,255})\b/g, valueGroup: 1 },
  { what: 'GitLab token', kind: SecretKind.TOKEN, gates: ['glpat-'], re: /\b(glpat-[A-Za-z0-9_-]{20,})/g, valueGroup: 1 },
  { what: 'Slack token', kind: SecretKind.TOKEN, gates: ['xox'], re: /\b(xox[abposr]-[A-Za-z0-9-]{10,})/g, valueGroup: 1 },
  { what: 'JWT', kind: SecretKind.TOKEN, gates: ['eyj'], re: /\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g, valueGroup: 1 },
  { what: 'bearer token', kind: SecretKind.TOKEN, gates: ['bearer'], re: /\bBearer[ \t]+([A-Za-z0-9._~+/-]{16,}=*)/gi, valueGroup: 1, check: v => /\d/.test(v) },
  { what: 'Authorization: Basic header', kind: SecretKind.PASSWORD, gates: ['basic'], re: /\bAuthorization["']?\s*[:=]\s*["']?Basic[ \t]+([A-Za-z0-9+/]{8,}={0,2})/gi, valueGroup: 1 },
  { what: 'URL credentials', kind: SecretKind.URL_CREDENTIALS, gates: ['@'], needs: '://', re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:"'<>]*:([^\s/?#@"'<>]+)@/gi, valueGroup: 1, check: v => !isBenign(v) },
  { what: 'token field', kind: SecretKind.TOKEN, gates: ['token', 'secret', 'apikey', 'api_key', 'api-key'], re: /^[ \t-]*(?:export[ \t]+)?["']?(?:[a-z0-9]+[_-])*(?:token|api[_-]?key|secret[_-]key|client[_-]secret)["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9_.\-/+=]{8,})/gim, valueGroup: 1, check: v => tokenLike(v) },
  { what: 'chpasswd entry', kind: SecretKind.PASSWORD, gates: ['chpasswd'], re: /([A-Za-z_][A-Za-z0-9_.-]*):([^\s"'|:;]+)["']?[^|\n]*?\|[ \t]*(?:sudo[ \t]+)?chpasswd\b(?![ \t]+(?:-e|--encrypted))/g, valueGroup: 2, check: v => !isBenign(v) },
  { what: 'chpasswd entry', kind: SecretKind.PASSWORD, gates: ['chpasswd'], re: /\bchpasswd[ \t]*<<<[ \t]*["']?[A-Za-z_][A-Za-z0-9_.-]*:([^\s"']+)/g, valueGroup: 1, check: v => !isBenign(v) },
  { what: 'passwd --stdin', kind: SecretKind.PASSWORD, gates: ['stdin'], re: /\becho[ \t]+(?:-n[ \t]+)?["']?([^\s"'|]+)["']?[ \t]*\|[ \t]*(?:sudo[ \t]+)?passwd[ \t]+--stdin/g, valueGroup: 1, check: v => !isBenign(v) },
];

/** Whether a text whose lower-cased form holds the `found` gates (see gatesIn) opens the pattern. */
export function gateOpen(p: TokenPattern, found: ReadonlySet<string>): boolean {
  if (p.needs !== undefined && !found.has(p.needs)) return false;
  const gates = p.gates;
  for (let i = 0; i < gates.length; i++) if (found.has(gates[i])) return true;
  return false;
}

const GATES = [...new Set(TOKEN_PATTERNS.flatMap(p => (p.needs === undefined ? p.gates : [...p.gates, p.needs])))];
/** One alternation of every gate, longest first; a match is retried one character further, so overlapping gates are all found. */
const GATE_FINDER = new RegExp([...GATES].sort((a, b) => b.length - a.length).map(g => g.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g');
/** The gates that are a prefix of each gate (itself included): at one place only the longest is matched. */
const GATE_PREFIXES = new Map(GATES.map(g => [g, GATES.filter(o => g.startsWith(o))]));

/** The gates of TOKEN_PATTERNS that `lower` (a text, lower-cased) holds: one pass of one regex instead of a search per gate. */
export function gatesIn(lower: string): Set<string> {
  const found = new Set<string>();
  GATE_FINDER.lastIndex = 0;
  for (let m = GATE_FINDER.exec(lower); m !== null; m = GATE_FINDER.exec(lower)) {
    for (const g of GATE_PREFIXES.get(m[0])!) found.add(g);
    GATE_FINDER.lastIndex = m.index + 1;
  }
  return found;
}

/**
 * What only a parsed document tells apart: password, chpasswd and token fields (their values, hashes and
 * flags), HTTP header objects, PEM headers split over list items, `!!binary`. Encoded write_files
 * content needs no parse: the base64 runs of a text are decoded (and gunzipped) anyway.
 * `lock_passwd` and sudo's `NOPASSWD` alone do not count: nearly every user has them.
 */
export const NEEDS_STRUCTURE = /(?<!lock_)(?<!no)passw|token|api[_-]?key|secret|authorization|-----|BEGIN|PRIV|!!binary/i;

/** A password key in text (block or flow YAML, JSON); the value is read after the colon. */
export const PASSWORD_KEY_TEXT = /(?:^|[\s{,[(])["']?(password|passwd|plain_text_passwd|hashed_passwd|chpasswd)["']?[ \t]*:(?=[ \t"']|$)/gim;
export const PASSWORD_KEYS = new Set(['password', 'passwd', 'plain_text_passwd', 'hashed_passwd']);
export const TOKEN_KEY = /^(?:[a-z0-9]+[_-])*(?:token|api[_-]?key|secret[_-]key|client[_-]secret|secret[_-]access[_-]key)$/i;
export const HEADER_NAMES = /^(?:authorization|proxy-authorization|x-api-key|api-key|private-token|x-auth-token|x-vault-token)$/i;

/** crypt(3) hashes as /etc/shadow holds them: MD5, SHA-256, SHA-512, bcrypt, yescrypt, gost-yescrypt, scrypt. */
export const CRYPT_HASH = new RegExp('^\\$(?:'
  + '1\\$[./0-9A-Za-z]{1,8}\\$[./0-9A-Za-z]{22}'
  + '|5\\$(?:rounds=\\d+\\$)?[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{43}'
  + '|6\\$(?:rounds=\\d+\\$)?[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{86}'
  + '|2[abxy]?\\$\\d{2}\\$[./0-9A-Za-z]{53}'
  + '|(?:y|gy|7)\\$[./0-9A-Za-z]+\\$[./0-9A-Za-z]*\\$[./0-9A-Za-z]{43}'
  + ')$');
/** Values that are not secrets: flags, empty, locked, RANDOM (chpasswd), and references to variables or templates. */
export const BENIGN = /^(?:|true|false|yes|no|on|off|null|~|none|random|r|\*|!|!!|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\$\([^)]*\)|\{\{.*\}\}|\{%.*%\}|%\([^)]*\)s|<[^<>]+>)$/i;

/** Whether a password-field value is not a plaintext secret: a flag, a variable or a crypt hash. */
export function isBenign(value: string): boolean {
  const v = value.trim();
  return BENIGN.test(v) || CRYPT_HASH.test(v);
}

/** A value of a token field that looks like a token rather than a name: 8+ characters, no spaces, a digit or mixed case. */
export function tokenLike(v: string): boolean {
  return v.length >= 8 && !/\s/.test(v) && !isBenign(v) && (/\d/.test(v) || (/[a-z]/.test(v) && /[A-Z]/.test(v)));
}

export function childPath(rel: string, key: string): string {
  return rel + keySuffix(key, rel === '');
}

export function hit(kind: SecretKind, what: string, value: string, where: readonly string[] = []): Hit {
  return { kind, what, redacted: redact(value), where };
}

export const NO_HINT: Hint = {};
export const BASE64_HINT: Hint = { base64: true };

/** `.key` or `['key']`, memoized: manifests repeat the same few hundred keys. */
const laterKeySuffix = memoByString(key => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `.${key}` : quotedKey(key)), CACHE_MAX_ENTRIES);
export function keySuffix(key: string, first: boolean): string {
  if (first) return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : quotedKey(key);
  return laterKeySuffix(key);
}
function quotedKey(key: string): string {
  return `['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

export enum KeyRule { NONE, PASSWORD, CHPASSWD, TOKEN }
export const keyRule = memoByString((key: string): KeyRule => {
  const lk = key.toLowerCase();
  return PASSWORD_KEYS.has(lk) ? KeyRule.PASSWORD : lk === 'chpasswd' ? KeyRule.CHPASSWD : TOKEN_KEY.test(key) ? KeyRule.TOKEN : KeyRule.NONE;
}, CACHE_MAX_ENTRIES);

export const ENCODINGS: Record<string, 'b64' | 'gzb64' | undefined> = {
  'b64': 'b64', 'base64': 'b64', 'gz+b64': 'gzb64', 'gz+base64': 'gzb64', 'gzip+b64': 'gzb64', 'gzip+base64': 'gzb64',
};

export function isKind(root: unknown, kind: string): boolean {
  return root !== null && typeof root === 'object' && (root as any).kind === kind;
}

/** Rules that read a key and its value together. */
export function keyRules(rule: KeyRule, key: string, value: unknown, at: string, out: Placed[], hint: Hint): void {
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
export function headerValueRule(name: string, value: string, at: string, out: Placed[]): void {
  const v = value.trim();
  const basic = /^basic\s+(.*)$/i.exec(v);
  const scheme = /^(?:bearer|token)\s+(.*)$/i.exec(v);
  const secret = basic ? basic[1] : scheme ? scheme[1] : v;
  if (secret.length < 8 || isBenign(secret)) return;
  out.push({ rel: at, hit: hit(basic ? SecretKind.PASSWORD : SecretKind.TOKEN, `${name} header`, secret) });
}

/** A PEM header split over several strings of one list (e.g. `echo` lines in `runcmd`): its hit, or undefined. */
export function splitPem(items: unknown[]): Hit | undefined {
  if (items.length < 2) return undefined;
  // Most lists hold no string with a PEM marker: decided without building the list of strings.
  let count = 0;
  let marked = false;
  for (let i = 0; i < items.length; i++) {
    const s = items[i];
    if (typeof s !== 'string') continue;
    count++;
    if (!marked && (s.includes('-----') || s.includes('BEGIN') || s.includes('PRIV'))) marked = true;
  }
  if (count < 2 || !marked) return undefined;
  const strings = items.filter((s): s is string => typeof s === 'string');
  if (strings.some(s => PEM_PRIVATE.test(s) || PEM_PRIVATE_SQUASHED.test(squash(s)))) return undefined;
  const joined = squash(strings.join(''));
  const m = PEM_PRIVATE_SQUASHED.exec(joined);
  return m ? hit(SecretKind.PRIVATE_KEY, 'PEM private key split across list items', joined.slice(m.index)) : undefined;
}

/** Drops what YAML folding, line continuations and string concatenation put inside a PEM header. */
export function squash(s: string): string {
  return s.replace(/\\n/g, '').replace(/[\s"'`\\+]/g, '');
}

/** `-----` or `BEGIN`, in one search. */
const PEM_MARK = /-----|BEGIN/;

/** What each private-key pattern below needs (PEM_PRIVATE `-----`, PUTTY, PEM_MARK, OPENSSH_BODY), in one search. */
const ANY_KEY_MARK = /-----|BEGIN|PuTTY-User-Key-File-|b3BlbnNzaC1rZXktdjE/;

export function privateKeys(s: string, at: (i: number) => string[], hits: Hit[]): void {
  if (!ANY_KEY_MARK.test(s)) return;
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
  if (PEM_MARK.test(s)) {
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

export function passwordKeys(s: string, at: (i: number) => string[], hits: Hit[]): void {
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
export function chpasswdBlock(s: string, keyAt: number, at: (i: number) => string[], hits: Hit[]): void {
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
export function valueAfter(s: string, i: number): string | undefined {
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

/** A base64 run of a text: 40 characters or more, with the whole lines of base64 that follow it. */
const BASE64_RUN = /[A-Za-z0-9+/]{40,}={0,2}(?:[ \t]*\r?\n[ \t]*[A-Za-z0-9+/]{4,}={0,2}(?=[ \t]*(?:\r?\n|$)))*/g;

/** 1 at the character codes of base64 (without `=`). */
const BASE64_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64_CHAR[c.charCodeAt(0)] = 1;

/**
 * The matches of BASE64_RUN in `s`, as `matchAll` gives them. A match starts exactly where 40 base64
 * characters start; the leftmost such place at or after `from` is `from` itself or follows a character
 * that is not base64: the first run of base64 characters from there that reaches 40 (one pass over the
 * characters instead of trying a 40-character run at every position). All matches are taken before any
 * is decoded (the scan of a decoded run recurses into this function).
 */
export function base64Runs(s: string): Array<{ index: number; text: string }> {
  const runs: Array<{ index: number; text: string }> = [];
  const n = s.length;
  let from = 0;
  while (n - from >= 40) {
    let start = -1;
    for (let i = from, runStart = from; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128 || BASE64_CHAR[c] === 0) {
        runStart = i + 1;
      } else if (i - runStart === 39) {
        start = runStart;
        break;
      }
    }
    if (start < 0) break;
    BASE64_RUN.lastIndex = start;
    const m = BASE64_RUN.exec(s)!;
    runs.push({ index: m.index, text: m[0] });
    from = BASE64_RUN.lastIndex;
  }
  return runs;
}

export function lineOf(s: string, index: number): number {
  let n = 1;
  for (let i = s.indexOf('\n'); i >= 0 && i < index; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

export function prefix(hits: readonly Hit[], label: string, lineOffset = 0): Hit[] {
  return hits.map(h => ({
    ...h,
    where: [label, ...h.where.map((w, i) => (i === 0 && lineOffset && /^line \d+$/.test(w) ? `line ${Number(w.slice(5)) + lineOffset}` : w))],
  }));
}

export function isGzip(b: Buffer): boolean {
  return b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** Text: no control bytes other than tab, newline, carriage return, form feed, and valid UTF-8. */
export function isTextBytes(b: Buffer): boolean {
  if (b.length === 0) return false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c < 0x09 || (c > 0x0d && c < 0x20) || c === 0x7f) return false;
  }
  return !b.toString('utf-8').includes('\uFFFD');
}

/** The text a base64 value decodes to, or undefined when it does not decode to text. */
export function decodeBase64Text(s: string): string | undefined {
  const compact = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  const bytes = Buffer.from(compact, 'base64');
  return isTextBytes(bytes) ? bytes.toString('utf-8') : undefined;
}
