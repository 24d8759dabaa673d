const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC_2822 = /^(?:[A-Z][a-z]{2}, )?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses the dates BigCommerce sends (RFC 2822 on v2, ISO 8601 on v3) into a UTC ISO string, or null when the text
 * is neither. Strict on purpose: `Date.parse` accepts too much to be a contract check.
 */
export function parseStoreDate(text: string): string | null {
  const rfc = RFC_2822.exec(text.trim());
  if (rfc) {
    const [, day, monthName, year, hh, mm, ss, sign, offH, offM] = rfc;
    const month = MONTHS.indexOf(monthName ?? '');
    if (month < 0) return null;
    const wallClock = new Date(Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss)));
    // Date.UTC rolls 31 Feb over to March; a date that does not round-trip is not a date.
    if (
      wallClock.getUTCDate() !== Number(day) ||
      wallClock.getUTCHours() !== Number(hh) ||
      wallClock.getUTCMinutes() !== Number(mm) ||
      Number(ss) > 59
    )
      return null;
    const offsetMinutes = (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM));
    return new Date(wallClock.getTime() - offsetMinutes * 60_000).toISOString();
  }
  if (ISO_8601.test(text.trim())) {
    const date = new Date(text.trim());
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  return null;
}

/**
 * The calendar date (`YYYY-MM-DD`, BC's date format) of an instant in an IANA time zone: an order placed at 03:15 UTC
 * on 6 March is dated 5 March in America/Chicago.
 */
export function localDate(isoInstant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(isoInstant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
