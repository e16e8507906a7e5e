/** `spec.clock` of a preference. */
type PreferenceClockSpec = kv.At<kv.VirtualMachinePreferenceSpec, 'clock'>;

/**
 * The guest clock a preference suggests (`spec.clock`: `preferredClockOffset` and `preferredTimer`).
 */
import { Duration } from 'cdk8s';
import type * as kv from '../imports/kubevirt-json';
import { checkTickPolicy, isTimezoneName } from '../private/clock';
import { fail } from '../private/errors';
import { guardCall } from '../private/lazy-guard';
import { durationText, wholeSeconds } from '../private/units';
/** A clock timer's settings in a preference. */
export interface PreferenceTimer {
  /**
   * Whether the timer is present.
   * @default true
   */
  readonly present?: boolean;
  /**
   * Tick policy (`delay`, `catchup`, `merge`, `discard`; not every timer supports every policy).
   * @default - KubeVirt's default for the timer
   */
  readonly tickPolicy?: string;
}

/** The timers of a preferred clock. */
export interface PreferenceTimers {
  /**
   * HPET.
   * @default - not set
   */
  readonly hpet?: PreferenceTimer;
  /**
   * PIT.
   * @default - not set
   */
  readonly pit?: PreferenceTimer;
  /**
   * RTC.
   * @default - not set
   */
  readonly rtc?: PreferenceTimer;
  /**
   * Hyper-V reference time counter.
   * @default - not set
   */
  readonly hyperv?: PreferenceTimer;
  /**
   * KVM paravirtual clock.
   * @default - not set
   */
  readonly kvm?: PreferenceTimer;
}

/**
 * The guest clock a preference suggests: UTC (with an offset) or a timezone, and timers.
 * @see https://kubevirt.io/user-guide/user_workloads/instancetypes/
 */
export class PreferenceClock {
  /** UTC, optionally offset (e.g. `Duration.hours(2)`), with timers. */
  public static utc(offset?: Duration, timers?: PreferenceTimers): PreferenceClock {
    guardCall(undefined, 'cdk8s-kubevirt.PreferenceClock', 'utc', [offset, timers]);
    if (offset !== undefined && wholeSeconds(offset) === undefined) {
      fail('PreferenceClock.utc', { property: 'offset', problem: 'must be a whole, non-negative number of seconds', value: durationText(offset), allowed: 'e.g. Duration.hours(2)' });
    }
    const s = offset !== undefined ? wholeSeconds(offset)! : 0;
    return new PreferenceClock({ utc: s === 0 ? {} : { offsetSeconds: s } }, timers);
  }

  /** A timezone, e.g. `Europe/Berlin`, with timers. */
  public static timezone(name: string, timers?: PreferenceTimers): PreferenceClock {
    guardCall(undefined, 'cdk8s-kubevirt.PreferenceClock', 'timezone', [name, timers]);
    if (!isTimezoneName(name)) {
      fail('PreferenceClock.timezone', { property: 'name', problem: 'must be a timezone name', value: name, allowed: 'an IANA timezone such as Europe/Berlin' });
    }
    return new PreferenceClock({ timezone: name }, timers);
  }

  /** UTC with the timers upstream's Windows preferences use: hpet off, pit delay, rtc catchup, hyperv. */
  public static windows(): PreferenceClock {
    return PreferenceClock.utc(undefined, { hpet: { present: false }, pit: { tickPolicy: 'delay' }, rtc: { tickPolicy: 'catchup' }, hyperv: {} });
  }

  private readonly timer?: kv.At<PreferenceClockSpec, 'preferredTimer'>;

  private constructor(private readonly offset: kv.At<PreferenceClockSpec, 'preferredClockOffset'>, timers?: PreferenceTimers) {
    if (!timers) return;
    const out: Record<string, kv.At<kv.At<PreferenceClockSpec, 'preferredTimer'>, 'rtc'>> = {};
    for (const name of ['hpet', 'hyperv', 'kvm', 'pit', 'rtc'] as const) {
      const t = timers[name];
      if (t === undefined) continue;
      if (t.tickPolicy !== undefined) checkTickPolicy('PreferenceClock', name, t.tickPolicy);
      out[name] = { ...(t.present !== undefined ? { present: t.present } : {}), ...(t.tickPolicy !== undefined ? { tickPolicy: t.tickPolicy } : {}) };
    }
    if (Object.keys(out).length > 0) this.timer = out;
  }

  /** @internal */
  public _toKube(): PreferenceClockSpec {
    return { preferredClockOffset: this.offset, ...(this.timer ? { preferredTimer: this.timer } : {}) };
  }
}
