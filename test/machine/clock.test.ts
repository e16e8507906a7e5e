import { Duration } from 'cdk8s';
import { Clock, RtcTrack, TickPolicy } from '../../src';
import { synthMachine, templateSpec } from '../support/synth';

describe('Clock', () => {
  test('clock: UTC with an offset, a timezone, and timers', () => {
    const utc = templateSpec(synthMachine({ clock: Clock.utc({ offset: Duration.hours(2) }) }).vm).domain.clock;
    expect(utc).toEqual({ utc: { offsetSeconds: 7200 } });
    const behind = Clock.utc({ offset: Duration.minutes(30), behind: true });
    expect(templateSpec(synthMachine({ clock: behind }).vm).domain.clock).toEqual({ utc: { offsetSeconds: -1800 } });
    expect(templateSpec(synthMachine({ clock: Clock.utc() }).vm).domain.clock).toEqual({ utc: {} });
    const tz = templateSpec(synthMachine({
      clock: Clock.timezone('Europe/Berlin', {
        timers: {
          hpet: { present: false },
          pit: { tickPolicy: TickPolicy.DELAY },
          rtc: { tickPolicy: TickPolicy.CATCHUP, track: RtcTrack.GUEST },
          hyperv: {},
          kvm: { present: true },
        },
      }),
    }).vm).domain.clock;
    expect(tz).toEqual({
      timezone: 'Europe/Berlin',
      timer: { hpet: { present: false }, kvm: { present: true }, pit: { tickPolicy: 'delay' }, rtc: { tickPolicy: 'catchup', track: 'guest' }, hyperv: {} },
    });
    expect(Clock.windows()._toKube()).toEqual({ utc: {}, timer: { hpet: { present: false }, pit: { tickPolicy: 'delay' }, rtc: { tickPolicy: 'catchup' }, hyperv: {} } });
  });

  test('fails when a timer gets a tick policy it does not support', () => {
    expect(() => Clock.utc({ timers: { rtc: { tickPolicy: TickPolicy.MERGE } } })).toThrow(
      'Clock: timers.rtc.tickPolicy is not supported by the rtc timer: got "merge"; one of delay, catchup');
  });

  test('fails when the UTC offset is not whole seconds', () => {
    expect(() => Clock.utc({ offset: Duration.millis(1500) })).toThrow(
      'Clock.utc: offset must be a whole number of seconds: got "1.5s"; e.g. Duration.hours(2)');
  });

  test('fails when the timezone is not a name', () => {
    expect(() => Clock.timezone('Europe Berlin')).toThrow(
      'Clock.timezone: name must be a timezone name: got "Europe Berlin"; an IANA timezone such as Europe/Berlin or UTC');
  });
});
