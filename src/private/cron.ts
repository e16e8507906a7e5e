/**
 * Cron schedules and time zones as Kubernetes parses them.
 *
 * Kubernetes validates a CronJob's `spec.schedule` with `cron.ParseStandard` from robfig/cron v3
 * (k8s `pkg/apis/batch/validation/validation.go`, `validateScheduleFormat`), and CDI v1.66 validates a
 * DataImportCron's `spec.schedule` with the same function (`pkg/apiserver/webhooks/dataimportcron-validate.go`,
 * `validateDataImportCronSpec`). The grammar below follows robfig/cron v3 `parser.go`: `Parse`,
 * `normalizeFields`, `getField`, `getRange`, `parseIntOrName`, `mustParseInt` and `parseDescriptor`.
 *
 * Why by hand: the two maintained npm parsers were measured against that grammar (2026-12, cron-parser
 * 5.10 and croner 11) and neither matches it in either direction. Both accept what Kubernetes rejects
 * (six fields with seconds, day-of-week 7, `L`, `W`, `#`, and for cron-parser `H`), and both reject what
 * Kubernetes accepts (`@every 1h30m`, `*-5`, `1,,2`, `0 0 31 2 *`, and for croner `5/15`). Filtering one
 * of them on both sides would take more code than the grammar itself, which is small and fixed.
 */

interface Bounds {
  readonly field: string;
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTH_NAMES: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const DOW_NAMES: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** robfig/cron v3 `spec.go`: minutes, hours, dom, months, dow, in the order of the standard spec. */
const FIELDS: readonly Bounds[] = [
  { field: 'minute', min: 0, max: 59 },
  { field: 'hour', min: 0, max: 23 },
  { field: 'day-of-month', min: 1, max: 31 },
  { field: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { field: 'day-of-week', min: 0, max: 6, names: DOW_NAMES },
];

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** Go's `time.ParseDuration` grammar: an optional sign, then `0`, or one or more decimal numbers with units. */
const GO_DURATION = /^[-+]?(?:0|(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$/;

/** Go's `strconv.Atoi` grammar for base 10. */
const GO_INT = /^[-+]?\d+$/;

/** What a cron schedule may be, for error messages. */
export const CRON_SCHEDULE_ALLOWED = 'five fields (minute 0-59, hour 0-23, day-of-month 1-31, month 1-12 or jan-dec, '
  + "day-of-week 0-6 or sun-sat) of '*', '?', numbers, ranges a-b, steps /n and lists, "
  + 'or one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every <duration>';

/** Options of `cronScheduleProblem`. */
export interface CronOptions {
  /**
   * Accept a `TZ=<zone> ` or `CRON_TZ=<zone> ` prefix, as robfig/cron does. Kubernetes CronJobs reject any
   * schedule containing `TZ` (validateScheduleFormat: "use timeZone field instead"); CDI's DataImportCron
   * calls ParseStandard directly, so it accepts the prefix.
   */
  readonly timeZonePrefix: boolean;
}

function parseIntOrName(expr: string, b: Bounds): number | string {
  if (b.names) {
    const named = b.names[expr.toLowerCase()];
    if (named !== undefined) return named;
  }
  if (!GO_INT.test(expr)) return `${b.field} ${JSON.stringify(expr)} is not a number`;
  const n = Number(expr);
  if (n < 0) return `${b.field} ${expr} is negative`;
  return n;
}

/** One comma-separated element of a field (robfig getRange), or a problem text. */
function rangeProblem(expr: string, b: Bounds): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
  } else {
    const s = parseIntOrName(lowAndHigh[0], b);
    if (typeof s === 'string') return s;
    start = s;
    if (lowAndHigh.length === 1) {
      end = start;
    } else if (lowAndHigh.length === 2) {
      const e = parseIntOrName(lowAndHigh[1], b);
      if (typeof e === 'string') return e;
      end = e;
    } else {
      return `${b.field} ${JSON.stringify(expr)} has too many hyphens`;
    }
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    if (!GO_INT.test(rangeAndStep[1])) return `${b.field} step ${JSON.stringify(rangeAndStep[1])} is not a number`;
    step = Number(rangeAndStep[1]);
    if (step < 0) return `${b.field} step ${rangeAndStep[1]} is negative`;
    // robfig: "N/step" means "N-max/step".
    if (lowAndHigh.length === 1) end = b.max;
  } else if (rangeAndStep.length > 2) {
    return `${b.field} ${JSON.stringify(expr)} has too many slashes`;
  }
  if (start < b.min) return `${b.field} ${start} is below ${b.min}`;
  if (end > b.max) return `${b.field} ${end} is above ${b.max}`;
  if (start > end) return `${b.field} range ${start}-${end} starts after its end`;
  if (step === 0) return `${b.field} step must be positive`;
  return undefined;
}

/**
 * Why robfig/cron v3's `ParseStandard` (with Kubernetes' CronJob rules when `timeZonePrefix` is false)
 * rejects `schedule`, as a clause such as `minute 99 is above 59`, or undefined when it accepts it.
 */
export function cronScheduleProblem(schedule: string, options: CronOptions): string | undefined {
  let spec = schedule;
  if (spec.length === 0) return 'it is empty';
  if (!options.timeZonePrefix && spec.includes('TZ')) return 'TZ or CRON_TZ is not allowed; set timeZone instead';
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    // robfig slices up to the first space; without one ParseStandard fails (v3.0.1 panics).
    if (space < 0) return 'a time zone prefix needs a schedule after it';
    const zone = spec.slice(spec.indexOf('=') + 1, space);
    if (timeZoneProblem(zone) !== undefined) return `time zone ${JSON.stringify(zone)} is unknown`;
    spec = spec.slice(space).trim();
  }
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.has(spec)) return undefined;
    if (spec.startsWith('@every ')) {
      return GO_DURATION.test(spec.slice('@every '.length)) ? undefined : `@every duration ${JSON.stringify(spec.slice(7))} is not a Go duration`;
    }
    return `descriptor ${JSON.stringify(spec)} is unknown`;
  }
  const fields = spec.split(/\s+/).filter(f => f.length > 0);
  if (fields.length !== 5) return `it has ${fields.length} field${fields.length === 1 ? '' : 's'}, not 5`;
  for (let i = 0; i < 5; i++) {
    // robfig getField splits with strings.FieldsFunc, which drops empty elements ("1,,2" is "1,2").
    for (const expr of fields[i].split(',')) {
      if (expr === '') continue;
      const problem = rangeProblem(expr, FIELDS[i]);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** What a time zone may be, for error messages. */
export const TIME_ZONE_ALLOWED = 'an IANA time zone name such as "Europe/Oslo", "America/New_York", "UTC" or "Etc/GMT+5"';

/** k8s validateTimeZone: each '/'-separated part. */
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

let canonicalZones: Map<string, string> | undefined;

/** Lowercased canonical name → canonical name, from node's ICU (plus UTC, which ICU lists apart). */
function canonical(): Map<string, string> {
  if (!canonicalZones) {
    canonicalZones = new Map();
    const supported: string[] = typeof (Intl as any).supportedValuesOf === 'function' ? (Intl as any).supportedValuesOf('timeZone') : [];
    for (const z of [...supported, 'UTC']) canonicalZones.set(z.toLowerCase(), z);
  }
  return canonicalZones;
}

function icuKnows(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Why Kubernetes rejects a CronJob `timeZone`, or undefined when it accepts it.
 *
 * Kubernetes (validateTimeZone in `pkg/apis/batch/validation/validation.go`) rejects "" and "Local",
 * loads the zone with Go's `time.LoadLocation` (the IANA database, case-sensitive, aliases included),
 * and limits each '/'-separated part to `[A-Za-z.-_0-9+]{1,14}`, not `.`, `..` or starting with `-`.
 *
 * Here the IANA database is node's ICU: `Intl.DateTimeFormat` accepts every IANA name, canonical or
 * alias (`US/Pacific`, `Etc/GMT+5`), but case-insensitively, while Go is case-sensitive. So a name that
 * differs only in case from a canonical one is rejected, and an alias must start each part with a
 * capital, as every IANA name does. ICU's tz version follows node's release, the API server's follows
 * its Go build: a zone created in the last release or two may be known to one and not the other.
 */
export function timeZoneProblem(zone: string): string | undefined {
  if (zone === '') return 'must not be empty';
  if (zone.toLowerCase() === 'local') return 'must be an explicit time zone, not Local';
  for (const part of zone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part)) return 'is not an IANA time zone name';
  }
  const known = canonical().get(zone.toLowerCase());
  if (known !== undefined) return known === zone ? undefined : `must be spelled ${known}`;
  if (!icuKnows(zone)) return 'is not in the IANA time zone database';
  if (!zone.split('/').every(part => /^[A-Z]/.test(part))) return 'is not spelled as in the IANA time zone database';
  return undefined;
}
