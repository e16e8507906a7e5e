/**
 * Kubernetes quantities, exactly: the one parser behind every quantity check in src/ (rules, the viti
 * converter, the report CLI). The grammar is k8s.io/apimachinery `pkg/api/resource/quantity.go`
 * (ParseQuantity): an optionally signed decimal number, then a binary suffix (Ki … Ei), a decimal suffix
 * (n, u, m, "", k, M, G, T, P, E) or a decimal exponent (e3, E-2). It has no imports, so the pure rules
 * can use it.
 */

/** The value `(negative ? -1 : 1) * num / den`, with `den` a power of ten times the suffix divisor. */
export interface ExactQuantity {
  readonly negative: boolean;
  readonly num: bigint;
  readonly den: bigint;
}

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

/** A quantity string as an exact fraction, or undefined when it is not a quantity (exponents beyond ±100 are refused). */
export function parseQuantityExact(text: string): ExactQuantity | undefined {
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [whole, frac = ''] = m[2].split('.');
  let num = BigInt(`${whole}${frac}` || '0');
  let den = 10n ** BigInt(frac.length);
  if (m[4] !== undefined) {
    const e = Number(m[4]);
    if (Math.abs(e) > 100) return undefined;
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
  } else {
    const [mul, div] = SUFFIXES[m[3] ?? ''];
    num *= mul;
    den *= div;
  }
  return { negative: m[1] === '-' && num !== 0n, num, den };
}
