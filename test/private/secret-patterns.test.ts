/**
 * The secret scan's shortcuts stand in for slower forms: base64Runs for the matches of its regex, and the
 * lower-cased pre-filters (PREFILTER_LOWER, NEEDS_READING_LOWER) for the patterns and the parse they gate,
 * keyInfos' plain short keys for the full reading of a key. Each must decide exactly as the slower form would.
 */
import fc from 'fast-check';
import { keyInfos } from '../../src/private/secret-keys';
import {
  base64Runs, Hit, KeyRule, keyRule, NEEDS_READING_LOWER, NEEDS_STRUCTURE, passwordKeys, PREFILTER, PREFILTER_LOWER, privateKeys, TOKEN_PATTERNS,
} from '../../src/private/secret-patterns';
import { scanManifest } from '../../src/private/secret-scan';
import { keyHits } from '../../src/private/secret-text';
import { fuzzParams } from '../support/generators';

/** The matches of the run regex, as `matchAll` gives them (what base64Runs stood in for). */
function runsByRegex(s: string): Array<{ index: number; text: string }> {
  const re = /[A-Za-z0-9+/]{40,}={0,2}(?:[ \t]*\r?\n[ \t]*[A-Za-z0-9+/]{4,}={0,2}(?=[ \t]*(?:\r?\n|$)))*/g;
  return [...s.matchAll(re)].map(m => ({ index: m.index!, text: m[0] }));
}

/** Every hit of the plain-text patterns, without any pre-filter. */
function ungated(s: string): Hit[] {
  const hits: Hit[] = [];
  const at = (): string[] => [];
  privateKeys(s, at, hits);
  for (const p of TOKEN_PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(s); m; m = p.re.exec(s)) {
      if (!p.check || p.check(m[p.valueGroup])) hits.push({ kind: p.kind, what: p.what, redacted: '', where: [] });
      if (p.re.lastIndex === m.index) p.re.lastIndex++;
    }
  }
  passwordKeys(s, at, hits);
  return hits;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b64Run = fc.array(fc.constantFrom(...B64), { minLength: 1, maxLength: 60 }).map(a => a.join(''));
const runText = fc.array(fc.oneof(b64Run, fc.constantFrom('=', '==', '\n', '\r\n', ' ', '\t', '-', 'é', ':', '\n  ')), { maxLength: 12 }).map(a => a.join(''));

/** Texts around `passw`: sudo's NOPASSWD in any case, password keys, chpasswd, passwd --stdin, and other gates. */
const FRAGMENTS = [
  'NOPASSWD', 'nopasswd', 'NoPassWD', 'sudo: ALL=(ALL) NOPASSWD:ALL', 'no', 'No', 'N', 'O', 'lock_', 'lock_passwd: true', 'passw', 'PASSWD',
  'password: ', 'passwd: ', '"password":', 'plain_text_passwd: ', 'hashed_passwd: ', 'chpasswd: ', 'chpasswd:\n  list: |\n    root:', 'root:',
  '| chpasswd', '| sudo chpasswd', 'echo ', '| passwd --stdin ops', 'Tr0ub4dor&3-not-real', ' ', '\n', '\n  - ', '{', ',', '[', '(', "'", '"', '_',
  'K', '\u212a', '\u0130', 'token: ', 'AbCdEf1234567890', 'https://u:', '@h/x', 'BEGIN', 'PRIVATE', '-----', 'priv', '!!binary', 'x',
];
const passwText = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 10 }).map(a => a.join(''));

describe('secret scan shortcuts', () => {
  test('base64Runs finds the matches of its regex (property)', () => {
    fc.assert(fc.property(fc.oneof(runText, fc.string({ maxLength: 120 })), s => {
      expect(base64Runs(s)).toEqual(runsByRegex(s));
    }), fuzzParams(500));
    const key = 'A'.repeat(39);
    expect(base64Runs(`${key}`)).toEqual([]);
    expect(base64Runs(`x${key}B==${key}CD\n  ${key}`)).toEqual(runsByRegex(`x${key}B==${key}CD\n  ${key}`));
  });

  test('a text the lower-cased pre-filters miss has no pattern hit and no structure to parse (property)', () => {
    fc.assert(fc.property(fc.oneof(passwText, fc.string({ maxLength: 40 })), s => {
      const lower = s.toLowerCase();
      if (!PREFILTER_LOWER.test(lower)) expect(ungated(s)).toEqual([]);
      if (!NEEDS_READING_LOWER.test(lower)) {
        expect(PREFILTER_LOWER.test(lower)).toBe(false);
        expect(NEEDS_STRUCTURE.test(s)).toBe(false);
      }
    }), fuzzParams(2000));
  });

  test('the pre-filters miss sudo\'s NOPASSWD alone, and nothing else PREFILTER matches', () => {
    const sudo = '#cloud-config\nusers:\n  - name: ops\n    sudo: ALL=(ALL) NOPASSWD:ALL\n';
    expect(PREFILTER.test(sudo)).toBe(true);
    expect(PREFILTER_LOWER.test(sudo.toLowerCase())).toBe(false);
    expect(NEEDS_READING_LOWER.test(sudo.toLowerCase())).toBe(false);
    for (const s of ['no password: x', 'nopasswd passwd: x', 'lock_passwd: true', 'x!!binary', 'PRIV']) expect(NEEDS_READING_LOWER.test(s.toLowerCase())).toBe(true);
  });

  test('fails when a password follows sudo\'s NOPASSWD in cloud-config (secret-password)', () => {
    const userData = '#cloud-config\nusers:\n  - name: ops\n    sudo: ALL=(ALL) NOPASSWD:ALL\n    plain_text_passwd: Tr0ub4dor&3-not-real\n';
    const found = scanManifest({ kind: 'VirtualMachine', spec: { userData } });
    expect(found.map(f => `${f.kind} ${f.where} ${f.what}`)).toEqual(["password cloud-config users[0].plain_text_passwd key 'plain_text_passwd'"]);
    const runcmd = '#cloud-config\nsudo: NOPASSWD\nruncmd:\n  - echo root:Tr0ub4dor&3-not-real | chpasswd\n';
    expect(scanManifest({ spec: { userData: runcmd } }).map(f => f.what)).toEqual(['chpasswd entry']);
  });

  test('keyInfos reads every key as its full reading does, short keys without a lookup (property)', () => {
    const infoOf = keyInfos(keyHits);
    const full = (k: string) => {
      const hits = keyHits(k);
      const rule = keyRule(k);
      return { hits, rule, base64: k.endsWith('Base64'), plain: hits.length === 0 && rule === KeyRule.NONE && k !== 'content' && k !== 'value' };
    };
    const KEYS = [
      '', 'name', 'spec', 'bus', 'kind', 'pod', 'uuid', 'memory', 'domain', 'value', 'content', 'token', 'TOKEN', 'x_token', 'apikey', 'API_KEY', 'api-key',
      'passwd', 'PASSWD', 'Passwd', 'password', 'chpasswd', 'xBase64', 'Base64', 'userDataBase64', 'secret_key', 'client_secret', 'AKIAIOSFODNN7EXAMPLE',
      'a\u0130', '\u212a', 'x\u0014',
    ];
    const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 9 }), fc.string({ unit: fc.constantFrom('a', 'D', 'n', 'Y', '4', '_', 't', 'o', 'k', 'e'), maxLength: 8 }));
    fc.assert(fc.property(key, k => {
      expect(infoOf(k)).toEqual(full(k));
    }), fuzzParams(2000));
    expect(KEYS.filter(k => !infoOf(k).plain)).toEqual(expect.arrayContaining(['value', 'content', 'token', 'TOKEN', 'x_token', 'apikey', 'passwd', 'PASSWD']));
  });
});
