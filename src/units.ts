import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';

const UNITS = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi'];

/**
 * Renders a Size as a Kubernetes quantity in canonical form: the largest binary unit in which the
 * amount is whole, as the API server would store it (so no drift): `Size.gibibytes(1.5)` → `1536Mi`,
 * `Size.mebibytes(2048)` → `2Gi`. Returns undefined for a size that is not a positive whole number of
 * kibibytes (the caller reports it); nothing is ever rounded.
 */
export function quantity(size: Size): string | undefined {
  let amount = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!Number.isSafeInteger(amount) || amount <= 0) return undefined;
  let unit = 0;
  while (unit < UNITS.length - 1 && amount % 1024 === 0) {
    amount /= 1024;
    unit++;
  }
  return `${amount}${UNITS[unit]}`;
}

/** What a size must be, for error messages. */
export const SIZE_ALLOWED = 'a positive whole number of kibibytes, e.g. Size.gibibytes(20)';

/** A Duration as whole seconds; undefined if it is not a whole, non-negative number of seconds. */
export function wholeSeconds(d: Duration): number | undefined {
  const ms = d.toSeconds({ integral: false }) * 1000;
  return ms >= 0 && ms % 1000 === 0 ? ms / 1000 : undefined;
}

/** A Duration for error messages, exact even for fractions of a millisecond: `1500ms`, `0.5ms`. */
export function durationText(d: Duration): string {
  return `${d.toSeconds({ integral: false }) * 1000}ms`;
}

/** Sorts a string map by key, dropping nothing; returns undefined for an empty or missing map. */
export function sortedMap(map: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
  if (!map) return undefined;
  const keys = Object.keys(map).sort();
  if (keys.length === 0) return undefined;
  const out: { [key: string]: string } = {};
  for (const k of keys) out[k] = map[k];
  return out;
}
