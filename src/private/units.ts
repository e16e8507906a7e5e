import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { fail } from './errors';
import { sortedKeys, sortStrings } from './json';

const UNITS = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
/**
 * `{ rounding: NONE }`, made on first use: reading `SizeRoundingBehavior` goes through cdk8s's
 * re-export getter, which showed in fleet profiles when read for every disk. cdk8s only reads it.
 */
let noRounding: { rounding: SizeRoundingBehavior } | undefined;

/**
 * Renders a Size as a Kubernetes quantity in canonical form: the largest binary unit in which the
 * amount is whole, as the API server would store it (so no drift): `Size.gibibytes(1.5)` → `1536Mi`,
 * `Size.mebibytes(2048)` → `2Gi`. Returns undefined for a size that is not a positive whole number of
 * kibibytes (the caller reports it); nothing is ever rounded.
 */
export function quantity(size: Size): string | undefined {
  let amount = size.toKibibytes(noRounding ?? (noRounding = { rounding: SizeRoundingBehavior.NONE }));
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
  const keys = sortedKeys(map);
  if (keys.length === 0) return undefined;
  const out: { [key: string]: string } = {};
  for (const k of keys) out[k] = map[k];
  return out;
}

/**
 * `sortedMap` for a map the caller has just made and hands over (e.g. `{ ...a, ...b }`): when its keys
 * are already in order it is returned as it is, instead of copied; the result is the same as
 * `sortedMap(map)`'s (same keys, order and values).
 */
export function sortedOwnMap(map: { [key: string]: string }): { [key: string]: string } | undefined {
  const keys = Object.keys(map);
  if (keys.length === 0) return undefined;
  // sortedMap's copy drops an own `__proto__` key (assigning it sets no property): copy as it does then.
  let copy = keys[0] === '__proto__';
  for (let i = 1; i < keys.length && !copy; i++) copy = keys[i - 1] > keys[i] || keys[i] === '__proto__';
  if (!copy) return map;
  sortStrings(keys);
  const out: { [key: string]: string } = {};
  for (const k of keys) out[k] = map[k];
  return out;
}

/**
 * Renders a Duration as Go's `time.Duration.String()` would (`2h0m0s`, `5m0s`, `30s`, `0s`), the form
 * KubeVirt's own clients write. Returns undefined for a negative duration or one that is not a whole
 * number of seconds (the caller reports it); nothing is rounded.
 */
export function goDuration(d: Duration): string | undefined {
  const ms = d.toSeconds({ integral: false }) * 1000;
  if (!Number.isSafeInteger(ms) || ms < 0 || ms % 1000 !== 0) return undefined;
  const total = ms / 1000;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/** Throws unless `value` is a whole number of at least 1 (CPU counts and the like). */
export function checkCount(who: string, property: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
    fail(who, { property, problem: 'must be a whole number of at least 1', value, allowed: 'an integer ≥ 1' });
  }
}

/** Throws unless `value` is a positive whole number of kibibytes. */
export function checkSize(who: string, property: string, value: Size | undefined): void {
  if (value !== undefined && quantity(value) === undefined) {
    fail(who, { property, problem: 'must be a positive whole number of kibibytes', value: value.asString(), allowed: SIZE_ALLOWED });
  }
}
