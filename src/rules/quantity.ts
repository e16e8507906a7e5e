/**
 * The string Kubernetes stores for a `resource.Quantity`: what `ParseQuantity` followed by `MarshalJSON`
 * gives, in k8s.io/apimachinery `pkg/api/resource/quantity.go` (`parseQuantityString`, `ParseQuantity`,
 * `CanonicalizeBytes`, `MarshalJSON`) and `amount.go` (`AsCanonicalBytes`, `AsCanonicalBase1024Bytes`).
 *
 * Written by hand: no npm package reproduces apimachinery's canonical form (the Kubernetes JavaScript
 * client only parses quantities to numbers). Exact arithmetic uses BigInt, so nothing is lost to floats.
 *
 * The rules, as read from that file (test/rules/quantity.test.ts pins them; its expected strings were worked out
 * by reading the Go code, not by running it):
 * - the number is kept exactly, rounded up to 1n (10^-9) when it has more decimals;
 * - a decimal quantity is written as an integer mantissa with the largest SI suffix whose exponent is a
 *   multiple of 3 and leaves no fraction (`1000M` → `1G`, `0.5` → `500m`, `1500` → `1500`);
 * - a binary quantity (Ki…Ei) is written with the largest power of 1024 that divides it
 *   (`1024Mi` → `1Gi`, `1.5Gi` → `1536Mi`), or as a decimal when it is below 1024 or not a whole number;
 * - a string already in that form is kept byte for byte (the cached `s` in `ParseQuantity`'s fast path);
 * - a JSON number is read from its text and always written back as a string.
 */

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

const DECIMAL_SUFFIXES: Record<string, number> = { 'n': -9, 'u': -6, 'm': -3, '': 0, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_EXPONENT = new Map(Object.entries(BINARY_SUFFIXES).map(([s, e]) => [e, s]));
const INT64_MAX = 2n ** 63n - 1n;
const NANO = -9;
const MAX_INT64_FACTORS = 18;

interface Parsed {
  readonly positive: boolean;
  /** The sign, leading zeros and number, without the suffix (inf.Dec's input). */
  readonly value: string;
  readonly num: string;
  readonly denom: string;
  readonly suffix: string;
}

/** `parseQuantityString`: sign, number (leading zeros stripped from `num`), fraction and suffix; undefined on a format error. */
function scan(str: string): Parsed | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end && (str[0] === '-' || str[0] === '+')) {
    positive = str[0] !== '-';
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  const isDigit = (c: string): boolean => c >= '0' && c <= '9';
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
  const num = str.slice(pos, i) || '0';
  pos = i;
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    let j = pos;
    while (j < end && isDigit(str[j])) j++;
    denom = str.slice(pos, j);
    if (j >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = j;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  let k = pos;
  while (k < end && 'eEinumkKMGTP'.includes(str[k])) k++;
  if (k < end && (str[k] === '-' || str[k] === '+')) k++;
  while (k < end && isDigit(str[k])) k++;
  if (k < end) return undefined;
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

/** `quantitySuffixer.interpret`. */
function interpret(suffix: string): { base: 2 | 10; exponent: number; format: Format } | undefined {
  if (suffix in DECIMAL_SUFFIXES) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: 'DecimalSI' };
  if (suffix in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const exponent = Number(suffix.slice(1));
    if (Number.isSafeInteger(exponent) && Math.abs(exponent) <= 2 ** 31 - 1) return { base: 10, exponent, format: 'DecimalExponent' };
  }
  return undefined;
}

/** An exact decimal: `unscaled × 10^exponent`. */
interface Amount {
  unscaled: bigint;
  exponent: number;
}

/** A parsed quantity: its exact value and format, and the input string when Go keeps it as is. */
interface Quantity {
  readonly amount: Amount;
  readonly format: Format;
  readonly cached?: string;
}

/** `ParseQuantity`; undefined when Kubernetes rejects the string. */
function parse(str: string): Quantity | undefined {
  if (str.length === 0) return undefined;
  if (str === '0') return { amount: { unscaled: 0n, exponent: 0 }, format: 'DecimalSI', cached: '0' };
  const p = scan(str);
  if (!p) return undefined;
  const s = interpret(p.suffix);
  if (!s) return undefined;
  let format = s.format;

  // The int64 fast path, which also decides whether the input string is kept.
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (format === 'BinarySI') {
    if (s.exponent >= 0 && p.denom.length === 0) {
      mantissa = 2n ** BigInt(s.exponent);
      precision = 15 - p.num.length - Math.trunc(s.exponent * 3 / 10) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = s.exponent;
    precision = MAX_INT64_FACTORS - (p.num.length + p.denom.length);
  }
  if (precision >= 0) {
    scale -= p.denom.length;
    if (scale >= NANO) {
      const shifted = p.num + p.denom;
      const value = BigInt(shifted);
      const result = value * mantissa;
      if (result <= INT64_MAX) {
        const amount = { unscaled: p.positive ? result : -result, exponent: scale };
        const keep = format === 'BinarySI'
          ? s.exponent % 10 === 0 && value % 8n !== 0n
          : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return keep ? { amount, format, cached: str } : { amount, format };
      }
    }
  }

  // The inf.Dec slow path.
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(p.value);
  if (!m || (m[2] + (m[3] ?? '')).length === 0) return undefined;
  let unscaled = BigInt(m[2] + (m[3] ?? '') || '0');
  let exponent = -(m[3] ?? '').length;
  if (s.base === 10) exponent += s.exponent;
  else unscaled *= 2n ** BigInt(s.exponent);
  if (unscaled !== 0n && exponent < NANO) {
    // Round up (away from zero: the sign was taken off) to 10^-9.
    const div = 10n ** BigInt(NANO - exponent);
    unscaled = (unscaled + div - 1n) / div;
    exponent = NANO;
  }
  if (format === 'BinarySI' && compare({ unscaled, exponent }, INT64_MAX) > 0) {
    unscaled = INT64_MAX;
    exponent = 0;
  }
  if (format === 'BinarySI' && unscaled > 0n && compare({ unscaled, exponent }, 1n) < 0) format = 'DecimalSI';
  return { amount: { unscaled: p.positive ? unscaled : -unscaled, exponent }, format };
}

/** Compares a non-negative amount with an integer. */
function compare(a: Amount, n: bigint): number {
  const [l, r] = a.exponent >= 0 ? [a.unscaled * 10n ** BigInt(a.exponent), n] : [a.unscaled, n * 10n ** BigInt(-a.exponent)];
  return l < r ? -1 : l > r ? 1 : 0;
}

/** `CanonicalizeBytes` + suffix: the string `MarshalJSON` writes for a quantity without a kept string. */
function canonicalize(q: Quantity): string {
  if (q.amount.unscaled === 0n) return '0';
  const negative = q.amount.unscaled < 0n;
  let unscaled = negative ? -q.amount.unscaled : q.amount.unscaled;
  let exponent = q.amount.exponent;
  const sign = negative ? '-' : '';
  let format = q.format;
  if (format === 'BinarySI') {
    const whole = exponent >= 0 || unscaled % 10n ** BigInt(-exponent) === 0n;
    if (compare({ unscaled, exponent }, 1024n) < 0 || !whole) {
      format = 'DecimalSI';
    } else {
      let value = exponent >= 0 ? unscaled * 10n ** BigInt(exponent) : unscaled / 10n ** BigInt(-exponent);
      let times = 0;
      while (value % 1024n === 0n && times < 6) {
        value /= 1024n;
        times++;
      }
      return `${sign}${value}${BINARY_BY_EXPONENT.get(times * 10) ?? ''}`;
    }
  }
  // AsCanonicalBytes: factors of 10 into the exponent, then down to a multiple of 3.
  while (unscaled % 10n === 0n) {
    unscaled /= 10n;
    exponent++;
  }
  while (((exponent % 3) + 3) % 3 !== 0) {
    unscaled *= 10n;
    exponent--;
  }
  let suffix: string | undefined;
  if (format === 'DecimalSI') suffix = DECIMAL_BY_EXPONENT.get(exponent);
  if (suffix === undefined) suffix = exponent === 0 ? '' : `e${exponent}`;
  return `${sign}${unscaled}${suffix}`;
}

/**
 * The string that Kubernetes stores for a quantity written as `value` (a string, or a JSON number), or
 * undefined when the API would reject it.
 */
export function canonicalQuantity(value: unknown): string | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = JSON.stringify(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return undefined;
  }
  const q = parse(text);
  if (!q) return undefined;
  return q.cached ?? canonicalize(q);
}
