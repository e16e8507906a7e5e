/**
 * A scanner for secrets in synthesized YAML, the way a pre-commit hook or a Git host would look:
 *
 * - private-key blocks (`-----BEGIN … PRIVATE KEY-----`), also inside base64 (Secret `data`,
 *   `userDataBase64`/`networkDataBase64`, and cloud-config `write_files` with `b64`/`gz+b64` encoding);
 * - password keys with a value (`password`, `passwd`, `chpasswd`, `plain_text_passwd`, `hashed_passwd`),
 *   in the objects and in cloud-config text;
 * - tokens: a `token`/`*_token` key with a value, GitHub (`ghp_…`, `github_pat_…`), AWS access key ids
 *   (`AKIA…`), Slack (`xoxb-…`, `xoxp-…`) and JWT-looking strings.
 *
 * It is independent of the library: it imports nothing from src/.
 */
import * as zlib from 'zlib';
import * as YAML from 'yaml';

/** What a finding is. */
export type SecretKind = 'private-key' | 'password' | 'token';

/** One secret found, where. */
export interface SecretFinding {
  readonly kind: SecretKind;
  /** Where: `<doc kind>/<name>` and a dotted path, plus `(base64)`/`(cloud-config)` when it was decoded or parsed. */
  readonly where: string;
  /** What matched, e.g. `-----BEGIN OPENSSH PRIVATE KEY-----` or the key name (never the secret value). */
  readonly what: string;
}

const PRIVATE_KEY = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/;
const PASSWORD_KEYS = new Set(['password', 'passwd', 'chpasswd', 'plain_text_passwd', 'hashed_passwd']);
const PASSWORD_LINE = /^[\s-]*["']?(password|passwd|chpasswd|plain_text_passwd|hashed_passwd)["']?\s*:\s*(\S.*)?$/im;
const TOKEN_KEY = /^(token|[a-z0-9]+[_-]token|access[_-]?token|api[_-]?key|secret[_-]?key)$/i;
const TOKEN_PATTERNS: Array<[string, RegExp]> = [
  ['GitHub token', /\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{22,}\b/],
  ['AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['Slack token', /\bxox[bpars]-[A-Za-z0-9-]{10,}\b/],
  ['JWT', /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/],
  ['token line', /^[\s-]*["']?(token|[a-z0-9]+_token)["']?\s*:\s*["']?[A-Za-z0-9_.\-/+=]{8,}/im],
];
const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}\s*$/;

function decodeBase64(value: string, gzip = false): string | undefined {
  if (value.length < 8 || !BASE64.test(value)) return undefined;
  const buf = Buffer.from(value, 'base64');
  if (gzip) {
    try {
      return zlib.gunzipSync(buf).toString('utf-8');
    } catch {
      return undefined;
    }
  }
  return buf.toString('utf-8');
}

/** Scans one string (and whatever it decodes or parses to). */
function scanString(s: string, where: string, out: SecretFinding[], depth: number): void {
  const key = PRIVATE_KEY.exec(s);
  if (key) out.push({ kind: 'private-key', where, what: key[0] });
  for (const [what, re] of TOKEN_PATTERNS) if (re.test(s)) out.push({ kind: 'token', where, what });
  if (depth > 2) return;
  const pw = PASSWORD_LINE.exec(s);
  // A multi-line text with a `password: value` line (cloud-config, shell here-docs, netplan).
  if (pw && pw[2] !== undefined && s.includes('\n')) out.push({ kind: 'password', where, what: pw[1] });
  if (s.startsWith('#cloud-config')) {
    try {
      scanValue(YAML.parse(s), `${where}(cloud-config)`, out, depth + 1);
    } catch {
      // not YAML after all: the text scan above stands
    }
  }
  const decoded = decodeBase64(s);
  if (decoded !== undefined && /^[\x09\x0a\x0d\x20-\x7e\u00a0-\uffff]*$/.test(decoded)) scanString(decoded, `${where}(base64)`, out, depth + 1);
}

/** Walks a parsed value: keys that name passwords or tokens, and every string. */
function scanValue(value: any, where: string, out: SecretFinding[], depth: number): void {
  if (typeof value === 'string') {
    scanString(value, where, out, depth);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => scanValue(v, `${where}[${i}]`, out, depth));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = `${where}.${k}`;
      const hasValue = v !== null && v !== undefined && v !== '' && typeof v !== 'boolean';
      if (PASSWORD_KEYS.has(k.toLowerCase()) && hasValue) out.push({ kind: 'password', where: at, what: k });
      if (TOKEN_KEY.test(k) && typeof v === 'string' && v.length >= 8) out.push({ kind: 'token', where: at, what: k });
      // cloud-config write_files: decode the content as the encoding says.
      if (k === 'content' && typeof v === 'string' && typeof value.encoding === 'string') {
        const enc = value.encoding.toLowerCase();
        const decoded = ['b64', 'base64'].includes(enc) ? decodeBase64(v) : ['gz+b64', 'gzip+base64', 'gz+base64', 'gzip+b64'].includes(enc) ? decodeBase64(v, true) : undefined;
        if (decoded !== undefined) scanString(decoded, `${at}(${enc})`, out, depth + 1);
      }
      scanValue(v, at, out, depth);
    }
  }
}

/** Scans parsed manifests (e.g. from a synthesized app or a dist/ folder). */
export function scanObjects(objects: any[]): SecretFinding[] {
  const out: SecretFinding[] = [];
  objects.forEach((o, i) => scanValue(o, `${o?.kind ?? 'document'}/${o?.metadata?.name ?? i}`, out, 0));
  // A finding in a decoded form is also seen in its source form sometimes; keep each once.
  const seen = new Set<string>();
  return out.filter(f => {
    const key = `${f.kind}|${f.where}|${f.what}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Scans YAML text (one or many documents). Text that does not parse is scanned as plain text. */
export function scanYaml(text: string): SecretFinding[] {
  let objects: any[];
  try {
    objects = YAML.parseAllDocuments(text).map(d => d.toJS()).filter(d => d !== null && d !== undefined);
  } catch {
    const out: SecretFinding[] = [];
    scanString(text, 'text', out, 0);
    return out;
  }
  return scanObjects(objects);
}
