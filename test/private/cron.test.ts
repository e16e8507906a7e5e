import { cronScheduleProblem, timeZoneProblem } from '../../src/private/cron';

const cronJob = (s: string) => cronScheduleProblem(s, { timeZonePrefix: false });
const importCron = (s: string) => cronScheduleProblem(s, { timeZonePrefix: true });

describe('cronScheduleProblem: robfig/cron v3 ParseStandard', () => {
  test.each([
    '0 3 * * *', '*/15 * * * *', '0 0 1,15 * *', '0 0 * jan-mar mon-fri', '0 0 * JAN *', '0 0 * * SUN', '? ? ? ? ?',
    '5/15 * * * *', // "N/step" means "N-max/step"
    '*-5 * * * *', // robfig quirk: a range after * is ignored
    '1,,2 * * * *', ', * * * *', // FieldsFunc drops empty elements
    '0 0 31 2 *', // never fires, but parses
    '+5 * * * *', '05 * * * *', ' 0  3 * *\t* ',
    '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@every 1h30m', '@every 1.5h', '@every 0', '@every 300ms',
  ])('accepts %j', s => {
    expect(cronJob(s)).toBeUndefined();
  });

  test.each([
    ['', 'it is empty'],
    ['99 25 * * *', 'minute 99 is above 59'],
    ['0 24 * * *', 'hour 24 is above 23'],
    ['0 0 0 * *', 'day-of-month 0 is below 1'],
    ['0 0 * 13 *', 'month 13 is above 12'],
    ['0 0 * * 7', 'day-of-week 7 is above 6'],
    ['every now * * *', 'minute "every" is not a number'],
    ['0 0 * * * *', 'it has 6 fields, not 5'],
    ['0 0 * *', 'it has 4 fields, not 5'],
    ['0 0 L * *', 'day-of-month "L" is not a number'],
    ['0 0 * * 1#2', 'day-of-week "1#2" is not a number'],
    ['0 0 15W * *', 'day-of-month "15W" is not a number'],
    ['H * * * *', 'minute "H" is not a number'],
    ['-1 * * * *', 'minute "" is not a number'],
    ['1-2-3 * * * *', 'minute "1-2-3" has too many hyphens'],
    ['*/5/2 * * * *', 'minute "*/5/2" has too many slashes'],
    ['*/0 * * * *', 'minute step must be positive'],
    ['5-1 * * * *', 'minute range 5-1 starts after its end'],
    ['@reboot', 'descriptor "@reboot" is unknown'],
    ['@daily ', 'descriptor "@daily " is unknown'],
    ['@every 1 hour', '@every duration "1 hour" is not a Go duration'],
    ['TZ=UTC 0 3 * * *', 'TZ or CRON_TZ is not allowed; set timeZone instead'],
  ])('rejects %j: %s', (s, problem) => {
    expect(cronJob(s)).toEqual(problem);
  });

  test('a DataImportCron may carry a TZ= prefix, with a known zone', () => {
    expect(importCron('CRON_TZ=Europe/Oslo 0 3 * * *')).toBeUndefined();
    expect(importCron('TZ=Mars/Olympus_Mons 0 3 * * *')).toEqual('time zone "Mars/Olympus_Mons" is unknown');
    expect(importCron('TZ=UTC')).toEqual('a time zone prefix needs a schedule after it');
    expect(importCron('61 * * * *')).toEqual('minute 61 is above 59');
  });
});

describe('timeZoneProblem: k8s validateTimeZone against node ICU', () => {
  test.each(['UTC', 'Etc/UTC', 'Etc/GMT+5', 'Europe/Oslo', 'America/New_York', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata', 'Asia/Calcutta', 'US/Pacific', 'EST5EDT', 'GMT'])(
    'accepts %j', z => {
      expect(timeZoneProblem(z)).toBeUndefined();
    });

  test.each([
    ['', 'must not be empty'],
    ['Local', 'must be an explicit time zone, not Local'],
    ['local', 'must be an explicit time zone, not Local'],
    ['Mars/Olympus_Mons', 'is not in the IANA time zone database'],
    ['america/new_york', 'must be spelled America/New_York'],
    ['us/pacific', 'is not spelled as in the IANA time zone database'],
    ['../etc/passwd', 'is not an IANA time zone name'],
    ['Europe/-Oslo', 'is not an IANA time zone name'],
    ['+05:00', 'is not an IANA time zone name'],
    ['America/Very_Long_City_Name', 'is not an IANA time zone name'],
  ])('rejects %j: %s', (z, problem) => {
    expect(timeZoneProblem(z)).toEqual(problem);
  });
});
