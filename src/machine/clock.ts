/** `domain.clock` without its timers: UTC (with an offset) or a timezone. */
type ClockOffset = Pick<kv.Clock, 'utc' | 'timezone'>;
/** One rendered timer: the widest of KubeVirt's timer shapes (RTC's, which adds `track`). */
type RenderedTimer = kv.At<kv.At<kv.Clock, 'timer'>, 'rtc'>;

/**
 * The guest clock (`domain.clock`): UTC with an offset, or a named timezone, plus timers. Renders only
 * what was set, so KubeVirt's own defaults stay in force otherwise.
 */
import { Duration } from 'cdk8s';
import type * as kv from '../imports/kubevirt-json';
import { checkTickPolicy, isTimezoneName } from '../private/clock';
import { fail } from '../private/errors';
import { guardCall } from '../private/lazy-guard';
/** What QEMU does when it misses a timer tick. */
export enum TickPolicy {
  /** Deliver ticks at a constant rate; guest time drifts behind. */
  DELAY = 'delay',
  /** Deliver missed ticks faster until the guest catches up. */
  CATCHUP = 'catchup',
  /** Merge missed ticks into one (hpet only). */
  MERGE = 'merge',
  /** Discard missed ticks (hpet and pit only). */
  DISCARD = 'discard',
}

/** Where the RTC tracks time from. */
export enum RtcTrack {
  /** Guest time. */
  GUEST = 'guest',
  /** Host (wall-clock) time. */
  WALL = 'wall',
}

/** A timer that can only be present or absent (hyperv, kvm). */
export interface TimerOptions {
  /**
   * Whether the timer is exposed to the guest.
   * @default true
   */
  readonly present?: boolean;
}

/** A timer with a tick policy (hpet, pit). */
export interface TickingTimerOptions extends TimerOptions {
  /**
   * What happens when a tick is missed.
   * @default - QEMU's default
   */
  readonly tickPolicy?: TickPolicy;
}

/** The real-time clock timer. */
export interface RtcTimerOptions extends TickingTimerOptions {
  /**
   * Time source.
   * @default - QEMU's default
   */
  readonly track?: RtcTrack;
}

/** Timers of the guest clock (`domain.clock.timer`). Each is emitted only when given. */
export interface ClockTimers {
  /**
   * HPET. Tick policies: delay, catchup, merge, discard.
   * @default - not configured
   */
  readonly hpet?: TickingTimerOptions;
  /**
   * PIT. Tick policies: delay, catchup, discard.
   * @default - not configured
   */
  readonly pit?: TickingTimerOptions;
  /**
   * RTC. Tick policies: delay, catchup.
   * @default - not configured
   */
  readonly rtc?: RtcTimerOptions;
  /**
   * Hyper-V reference time counter (Windows guests).
   * @default - not configured
   */
  readonly hyperv?: TimerOptions;
  /**
   * KVM paravirtual clock.
   * @default - not configured
   */
  readonly kvm?: TimerOptions;
}

/** Options of `Clock.utc`. */
export interface UtcClockOptions {
  /**
   * Offset of the guest clock from UTC, in whole seconds (may be negative via Duration of the
   * absolute value and `behind: true`).
   * @default - no offset
   */
  readonly offset?: Duration;
  /**
   * The offset puts the guest clock behind UTC instead of ahead of it.
   * @default false
   */
  readonly behind?: boolean;
  /**
   * Timers.
   * @default - none configured
   */
  readonly timers?: ClockTimers;
}

/** Options of `Clock.timezone`. */
export interface TimezoneClockOptions {
  /**
   * Timers.
   * @default - none configured
   */
  readonly timers?: ClockTimers;
}

/**
 * The guest clock (`domain.clock`): UTC with an optional offset, or a named timezone, plus timers.
 *
 * @see https://kubevirt.io/user-guide/compute/clock/
 * @example
 * Clock.timezone('Europe/Berlin', { timers: { rtc: { tickPolicy: TickPolicy.CATCHUP } } });
 */
export class Clock {
  /** The guest clock in UTC (what Windows guests are told by upstream's preferences). */
  public static utc(options: UtcClockOptions = {}): Clock {
    guardCall(undefined, 'cdk8s-kubevirt.Clock', 'utc', [options]);
    let offset: ClockOffset = { utc: {} };
    if (options.offset !== undefined) {
      const ms = options.offset.toMilliseconds();
      if (!Number.isSafeInteger(ms) || ms % 1000 !== 0) {
        fail('Clock.utc', { property: 'offset', problem: 'must be a whole number of seconds', value: `${options.offset.toSeconds({ integral: false })}s`, allowed: 'e.g. Duration.hours(2)' });
      }
      const seconds = (options.behind ? -1 : 1) * ms / 1000;
      offset = { utc: seconds === 0 ? {} : { offsetSeconds: seconds } };
    }
    return new Clock(offset, options.timers);
  }

  /** The guest clock in a named timezone, e.g. `Europe/Berlin`. */
  public static timezone(name: string, options: TimezoneClockOptions = {}): Clock {
    guardCall(undefined, 'cdk8s-kubevirt.Clock', 'timezone', [name, options]);
    if (!isTimezoneName(name)) {
      fail('Clock.timezone', { property: 'name', problem: 'must be a timezone name', value: name, allowed: 'an IANA timezone such as Europe/Berlin or UTC' });
    }
    return new Clock({ timezone: name }, options.timers);
  }

  /**
   * What upstream's Windows preferences and templates set: UTC, HPET off, PIT `delay`, RTC
   * `catchup`, and the Hyper-V timer (kubevirt/common-instancetypes `preferences/windows/base`).
   */
  public static windows(): Clock {
    return Clock.utc({
      timers: {
        hpet: { present: false },
        pit: { tickPolicy: TickPolicy.DELAY },
        rtc: { tickPolicy: TickPolicy.CATCHUP },
        hyperv: {},
      },
    });
  }

  private readonly timer?: kv.At<kv.Clock, 'timer'>;

  private constructor(private readonly offset: ClockOffset, timers?: ClockTimers) {
    if (timers) {
      const out: Record<string, RenderedTimer> = {};
      for (const name of ['hpet', 'kvm', 'pit', 'rtc', 'hyperv'] as const) {
        const t: RtcTimerOptions | undefined = timers[name];
        if (t === undefined) continue;
        if (t.tickPolicy !== undefined) checkTickPolicy('Clock', name, t.tickPolicy);
        const rendered: RenderedTimer = {};
        if (t.present !== undefined) rendered.present = t.present;
        if (t.tickPolicy !== undefined) rendered.tickPolicy = t.tickPolicy;
        if (t.track !== undefined) rendered.track = t.track;
        out[name] = rendered;
      }
      if (Object.keys(out).length > 0) this.timer = out;
    }
  }

  /** @internal */
  public _toKube(): kv.Clock {
    return { ...this.offset, ...(this.timer ? { timer: this.timer } : {}) };
  }
}
