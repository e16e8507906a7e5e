/**
 * The string Kubernetes stores for a `resource.Quantity`: what `ParseQuantity` followed by `MarshalJSON`
 * gives, in k8s.io/apimachinery `pkg/api/resource/quantity.go` (`parseQuantityString`, `ParseQuantity`,
 * `CanonicalizeBytes`, `MarshalJSON`) and `amount.go` (`AsCanonicalBytes`, `AsCanonicalBase1024Bytes`).
 *
 * The tokenizer and `ParseQuantity` are the library's one quantity parser, `src/private/quantity.ts`; this
 * file adds the canonical form. Written by hand: no npm package reproduces apimachinery's canonical form (the Kubernetes JavaScript
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

import { BINARY_SUFFIXES, compareAmount as compare, DECIMAL_SUFFIXES, parseQuantityStored as parse, Quantity } from '../private/quantity';

const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_EXPONENT = new Map(Object.entries(BINARY_SUFFIXES).map(([s, e]) => [e, s]));

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
