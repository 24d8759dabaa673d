/**
 * BigCommerce dates. v2 (orders) sends RFC 2822 in UTC (`Tue, 05 Mar 2019 21:40:11 +0000`) and accepts RFC 2822 or
 * ISO 8601 in its `min_date_*` filters; v3 sends and accepts ISO 8601 / RFC 3339 (`2018-08-24T14:41:00+00:00`);
 * webhooks and hooks use integer unix seconds. Parsers are strict (a date that does not exist is refused, never
 * rolled over) and return instants; formatters always emit UTC.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

const RFC_2822 =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s*)?(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|UT|GMT|Z)$/;
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  offsetMinutes: number;
}

/** Parses an RFC 2822 date (`Tue, 05 Mar 2019 21:40:11 +0000`). Throws a RangeError naming the input otherwise. */
export function parseRfc2822(text: string): Date {
  const m = RFC_2822.exec(text.trim());
  if (!m) throw new RangeError(`not an RFC 2822 date: "${text}"`);
  const [, day, month, year, hour, minute, second = '0', zone = ''] = m;
  return toInstant(text, {
    year: Number(year),
    month: MONTHS.indexOf(month as (typeof MONTHS)[number]) + 1,
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millis: 0,
    offsetMinutes: parseOffset(zone),
  });
}

/** Parses an ISO 8601 / RFC 3339 date-time with an explicit offset (`Z`, `+00:00`, `-0400`). */
export function parseIso8601(text: string): Date {
  const m = ISO_8601.exec(text.trim());
  if (!m) throw new RangeError(`not an ISO 8601 date-time with offset: "${text}"`);
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone = ''] = m;
  return toInstant(text, {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millis: Number(fraction.padEnd(3, '0').slice(0, 3)),
    offsetMinutes: parseOffset(zone),
  });
}

/** Either format, as found in BigCommerce payloads (v2 RFC 2822 first, then ISO 8601). */
export function parseBigCommerceDate(text: string): Date {
  return RFC_2822.test(text.trim()) ? parseRfc2822(text) : parseIso8601(text);
}

export function isRfc2822(text: string): boolean {
  return succeeds(() => parseRfc2822(text));
}

export function isIso8601(text: string): boolean {
  return succeeds(() => parseIso8601(text));
}

/** `Tue, 05 Mar 2019 21:40:11 +0000`: whole seconds, UTC, the form v2 itself emits. */
export function formatRfc2822(instant: Date): string {
  assertValid(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  const weekday = WEEKDAYS[instant.getUTCDay()];
  const month = MONTHS[instant.getUTCMonth()];
  const time = `${pad(instant.getUTCHours())}:${pad(instant.getUTCMinutes())}:${pad(instant.getUTCSeconds())}`;
  return `${weekday}, ${pad(instant.getUTCDate())} ${month} ${instant.getUTCFullYear()} ${time} +0000`;
}

/** `2019-03-05T21:40:11Z`: RFC 3339 in UTC, whole seconds (what v3 filters such as `created:min` take). */
export function formatIso8601(instant: Date): string {
  assertValid(instant);
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Hooks and webhook payloads carry integer unix seconds. */
export function fromUnixSeconds(seconds: number): Date {
  if (!Number.isSafeInteger(seconds)) throw new RangeError(`not integer unix seconds: ${seconds}`);
  return new Date(seconds * 1000);
}

function parseOffset(zone: string): number {
  if (/^(UT|GMT|Z)$/i.test(zone)) return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  const hours = Number(digits.slice(1, 3));
  const minutes = Number(digits.slice(3, 5));
  if (hours > 23 || minutes > 59) throw new RangeError(`bad UTC offset: "${zone}"`);
  return sign * (hours * 60 + minutes);
}

function toInstant(text: string, f: Fields): Date {
  const utc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.millis);
  const check = new Date(utc);
  const exists =
    f.month >= 1 &&
    check.getUTCFullYear() === f.year &&
    check.getUTCMonth() === f.month - 1 &&
    check.getUTCDate() === f.day &&
    check.getUTCHours() === f.hour &&
    check.getUTCMinutes() === f.minute &&
    check.getUTCSeconds() === f.second;
  if (!exists) throw new RangeError(`no such date: "${text}"`);
  return new Date(utc - f.offsetMinutes * 60_000);
}

function assertValid(instant: Date): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid Date');
}

function succeeds(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
}
