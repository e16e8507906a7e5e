/**
 * The one parser of Kubernetes quantities (`2Gi`, `500m`, `1.5e3`), after apimachinery's
 * `resource.ParseQuantity` grammar (k8s.io/apimachinery/pkg/api/resource/quantity.go): a signed
 * decimal number, then a binary suffix (Ki…Ei), a decimal suffix (n, u, m, k, M…E) or an exponent.
 * Pure: no cdk8s imports, so the rules and the CLI can use it too.
 */

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

const SUFFIXES: Record<string, [bigint, bigint]> = {
  '': [1n, 1n],
  'n': [1n, 10n ** 9n],
  'u': [1n, 10n ** 6n],
  'm': [1n, 1000n],
  'k': [10n ** 3n, 1n],
  'M': [10n ** 6n, 1n],
  'G': [10n ** 9n, 1n],
  'T': [10n ** 12n, 1n],
  'P': [10n ** 15n, 1n],
  'E': [10n ** 18n, 1n],
  'Ki': [1024n, 1n],
  'Mi': [1024n ** 2n, 1n],
  'Gi': [1024n ** 3n, 1n],
  'Ti': [1024n ** 4n, 1n],
  'Pi': [1024n ** 5n, 1n],
  'Ei': [1024n ** 6n, 1n],
};

/** A quantity as an exact fraction `numerator / denominator` (denominator > 0), with its suffix. */
export interface ExactQuantity {
  readonly numerator: bigint;
  readonly denominator: bigint;
  /** The suffix as written (`Gi`, `m`, `''`), or `e` for an exponent. */
  readonly suffix: string;
}

/** Parses a quantity (a string, or a finite number) exactly; undefined when it is not one. */
export function parseQuantityExact(value: unknown): ExactQuantity | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return parseQuantityExact(Number.isInteger(value) ? BigInt(value).toString() : String(value));
  }
  if (typeof value !== 'string') return undefined;
  const m = QUANTITY.exec(value.trim());
  if (!m) return undefined;
  const [whole, frac = ''] = m[2].split('.');
  let numerator = BigInt(`${whole}${frac}` || '0') * (m[1] === '-' ? -1n : 1n);
  let denominator = 10n ** BigInt(frac.length);
  if (m[4] !== undefined) {
    const e = Number(m[4]);
    if (Math.abs(e) > 100) return undefined;
    if (e >= 0) numerator *= 10n ** BigInt(e);
    else denominator *= 10n ** BigInt(-e);
    return { numerator, denominator, suffix: 'e' };
  }
  const [mul, div] = SUFFIXES[m[3] ?? ''];
  return { numerator: numerator * mul, denominator: denominator * div, suffix: m[3] ?? '' };
}

/** The value of a quantity as a (possibly inexact) number, or undefined. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const q = parseQuantityExact(value);
  return q === undefined ? undefined : Number(q.numerator) / Number(q.denominator);
}

/** A quantity in whole units rounded up (bytes for memory and storage), or undefined. */
export function quantityCeil(value: unknown): bigint | undefined {
  const q = parseQuantityExact(value);
  if (q === undefined) return undefined;
  const { numerator: n, denominator: d } = q;
  return n >= 0n ? (n + d - 1n) / d : n / d;
}
