/**
 * Kubernetes quantities: the one tokenizer and parser behind every quantity check in src/ (the construct
 * checks, the rules, the viti converter, the report CLI and the round-trip canonicaliser in
 * `rules/quantity.ts`). It follows k8s.io/apimachinery `pkg/api/resource/quantity.go`:
 * `parseQuantityString` (the scanner: sign, number, fraction, suffix), `quantitySuffixer.interpret` in
 * `suffix.go` (binary Ki … Ei, decimal n, u, m, "", k, M, G, T, P, E, or a decimal exponent e3, E-2) and
 * `ParseQuantity` (the int64 fast path that keeps a canonical input string, and the inf.Dec slow path that
 * rounds up to 1n and caps binary quantities at the int64 maximum). It has no imports, so the pure rules
 * can use it.
 *
 * Two readings of one scan:
 * - `parseQuantityExact`: the value exactly as written, for the construct checks. It also asks for
 *   at least one digit (the CRD schema's quantity pattern does; `ParseQuantity` alone reads `Gi`, `.` and
 *   `+` as zero) and refuses exponents beyond ±100, so that no check builds a huge BigInt.
 * - `parseQuantityStored`: what `ParseQuantity` keeps, for the canonical form that `MarshalJSON` writes.
 */

/** The value `(negative ? -1 : 1) * num / den`, with `den` a power of ten times the suffix divisor. */
export interface ExactQuantity {
  readonly negative: boolean;
  readonly num: bigint;
  readonly den: bigint;
}

/** `resource.Format`. */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact decimal: `unscaled × 10^exponent`. */
export interface QuantityAmount {
  readonly unscaled: bigint;
  readonly exponent: number;
}

/** A parsed quantity as `ParseQuantity` keeps it: its value and format, and the input string when Go keeps it as is. */
export interface Quantity {
  readonly amount: QuantityAmount;
  readonly format: QuantityFormat;
  readonly cached?: string;
}

/** The tokens of `parseQuantityString`. */
interface Tokens {
  readonly positive: boolean;
  /** The sign, leading zeros and number, without the suffix (inf.Dec's input). */
  readonly value: string;
  /** The whole part, leading zeros stripped ('0' when none is left). */
  readonly num: string;
  /** The digits after the point. */
  readonly denom: string;
  readonly suffix: string;
}

/** The meaning of a suffix (`quantitySuffixer.interpret`). */
interface Suffix {
  readonly base: 2 | 10;
  readonly exponent: number;
  readonly format: QuantityFormat;
}

/** Decimal suffixes by power of ten. */
export const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { 'n': -9, 'u': -6, 'm': -3, '': 0, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 };
/** Binary suffixes by power of two. */
export const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const INT64_MAX = 2n ** 63n - 1n;
const NANO = -9;
const MAX_INT64_FACTORS = 18;
/** The largest exponent `parseQuantityExact` reads. */
const MAX_EXACT_EXPONENT = 100;

const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** `parseQuantityString`: sign, number (leading zeros stripped from `num`), fraction and suffix; undefined on a format error. */
function scan(str: string): Tokens | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end && (str[0] === '-' || str[0] === '+')) {
    positive = str[0] !== '-';
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
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
function interpret(suffix: string): Suffix | undefined {
  if (suffix in DECIMAL_SUFFIXES) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: 'DecimalSI' };
  if (suffix in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const exponent = Number(suffix.slice(1));
    if (Number.isSafeInteger(exponent) && Math.abs(exponent) <= 2 ** 31 - 1) return { base: 10, exponent, format: 'DecimalExponent' };
  }
  return undefined;
}

/** A quantity string as an exact fraction, or undefined when it is not a quantity (exponents beyond ±100 are refused). */
export function parseQuantityExact(text: string): ExactQuantity | undefined {
  const t = scan(text);
  if (!t || !/[0-9]/.test(text.slice(0, text.length - t.suffix.length))) return undefined;
  const s = interpret(t.suffix);
  if (!s || (s.format === 'DecimalExponent' && Math.abs(s.exponent) > MAX_EXACT_EXPONENT)) return undefined;
  let num = BigInt(t.num + t.denom);
  let den = 10n ** BigInt(t.denom.length);
  if (s.base === 2) num *= 2n ** BigInt(s.exponent);
  else if (s.exponent >= 0) num *= 10n ** BigInt(s.exponent);
  else den *= 10n ** BigInt(-s.exponent);
  return { negative: !t.positive && num !== 0n, num, den };
}

/** Compares a non-negative amount with an integer. */
export function compareAmount(a: QuantityAmount, n: bigint): number {
  const [l, r] = a.exponent >= 0 ? [a.unscaled * 10n ** BigInt(a.exponent), n] : [a.unscaled, n * 10n ** BigInt(-a.exponent)];
  return l < r ? -1 : l > r ? 1 : 0;
}

/** `ParseQuantity`; undefined when Kubernetes rejects the string. */
export function parseQuantityStored(str: string): Quantity | undefined {
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
    // Round up (away from zero: the sign was taken off) to 10^-9. A number with no more digits than the
    // places dropped rounds to 1n; the shortcut avoids building 10^places for a huge negative exponent.
    const places = NANO - exponent;
    if (unscaled.toString().length <= places) {
      unscaled = 1n;
    } else {
      const div = 10n ** BigInt(places);
      unscaled = (unscaled + div - 1n) / div;
    }
    exponent = NANO;
  }
  if (format === 'BinarySI' && compareAmount({ unscaled, exponent }, INT64_MAX) > 0) {
    unscaled = INT64_MAX;
    exponent = 0;
  }
  if (format === 'BinarySI' && unscaled > 0n && compareAmount({ unscaled, exponent }, 1n) < 0) format = 'DecimalSI';
  return { amount: { unscaled: p.positive ? unscaled : -unscaled, exponent }, format };
}
