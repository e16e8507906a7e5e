/**
 * The guest clock checks shared by `Clock` (machine/clock.ts) and `PreferenceClock`
 * (fleet/preference-clock.ts), and the time zone name of cloud-config: one implementation each.
 */
import { fail } from './errors';

/** A time zone name as the guest's `domain.clock.timezone` and cloud-config take it: `UTC`, `Europe/Berlin`. */
const TIMEZONE_NAME = /^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/;

/** True for a time zone name in the IANA form (`Area/Location`, or one word such as `UTC`). */
export function isTimezoneName(value: unknown): value is string {
  return typeof value === 'string' && TIMEZONE_NAME.test(value);
}

/** The tick policies each timer takes; a timer not listed takes none. */
const TICK_POLICIES: { readonly [timer: string]: readonly string[] } = {
  hpet: ['delay', 'catchup', 'merge', 'discard'],
  pit: ['delay', 'catchup', 'discard'],
  rtc: ['delay', 'catchup'],
};

/** Throws when `timer` does not take `tickPolicy`. */
export function checkTickPolicy(who: string, timer: string, tickPolicy: string): void {
  const allowed = TICK_POLICIES[timer];
  if (!allowed || !allowed.includes(tickPolicy)) {
    fail(who, { property: `timers.${timer}.tickPolicy`, problem: `is not supported by the ${timer} timer`, value: tickPolicy, allowed: allowed ? `one of ${allowed.join(', ')}` : 'no tick policy' });
  }
}
