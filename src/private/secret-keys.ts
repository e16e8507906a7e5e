/**
 * What the secret scan's walk (secret-text.ts) needs of a map key, cached: manifests repeat their keys.
 * Internal: not exported from the package.
 */
import { CACHE_MAX_ENTRIES, Hit, KeyRule, keyRule } from './secret-patterns';

export interface KeyInfo {
  /** The secrets in the key's text. */
  readonly hits: readonly Hit[];
  readonly rule: KeyRule;
  /** A `…Base64` key: its value is base64 by definition. */
  readonly base64: boolean;
  /** Nothing to do at the key but read its value: no hits, no rule, not `content` or `value` (read with their object's `encoding`, `name`). */
  readonly plain: boolean;
}

const PLAIN: KeyInfo = { hits: [], rule: KeyRule.NONE, base64: false, plain: true };

/**
 * The KeyInfo of keys, with `hitsOf` (secret-text.ts keyHits, which needs the text scan) for the secrets
 * in a key's text. A key shorter than 8 characters has no hits (keyHits reads 8 or more), and a rule only
 * when it ends (in any case) in `d` (`passwd`), `n` (`token`) or `y` (`apikey`); `…Base64` ends in `4`:
 * any other is plain, but `value` and `content`, without a lookup (half the keys of a manifest: `name`,
 * `spec`, `bus`, …). The others are read from a map (no call through a memo for each key).
 */
export function keyInfos(hitsOf: (key: string) => readonly Hit[]): (key: string) => KeyInfo {
  const known = new Map<string, KeyInfo>();
  const compute = (k: string): KeyInfo => {
    const hits = hitsOf(k);
    const rule = keyRule(k);
    const info = { hits, rule, base64: k.endsWith('Base64'), plain: hits.length === 0 && rule === KeyRule.NONE && k !== 'content' && k !== 'value' };
    if (known.size >= CACHE_MAX_ENTRIES) known.clear();
    known.set(k, info);
    return info;
  };
  return (k: string): KeyInfo => {
    if (k.length < 8) {
      switch (k.charCodeAt(k.length - 1)) {
        case 0x44: case 0x64: case 0x4e: case 0x6e: case 0x59: case 0x79: case 0x34: // D d N n Y y 4
          break;
        default:
          if (k !== 'value' && k !== 'content') return PLAIN;
      }
    }
    return known.get(k) ?? compute(k);
  };
}
