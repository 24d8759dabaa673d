/**
 * Date formats BigCommerce uses: v2 bodies carry RFC 2822 in UTC (`Tue, 05 Mar 2019 21:40:11 +0000`), v3 bodies
 * ISO 8601, hooks and webhook payloads unix seconds. v2 filters accept RFC 2822 or ISO 8601; anything else (such as
 * an RFC 2822 date whose `+` was sent unencoded and so arrived as a space) is refused, not guessed.
 */
const RFC2822 =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? ([+-]\d{4}|GMT|UT|UTC|Z)$/;
const ISO8601 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 2822 in UTC with a numeric zone, as v2 order bodies show dates. */
export function toRfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

/** ISO 8601 with an explicit offset and no milliseconds (`2018-08-24T14:41:00+00:00`), as catalog v3 shows dates. */
export function toIsoOffset(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** ISO 8601 UTC with `Z` (`2021-08-27T14:22:57Z`), as customers and refunds show dates. */
export function toIsoZ(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'GMT' || zone === 'UT' || zone === 'UTC') return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

/** Parses an RFC 2822 or ISO 8601 filter value to epoch ms; undefined when it is neither. Zoneless ISO is UTC. */
export function parseFilterDate(text: string): number | undefined {
  const rfc = RFC2822.exec(text.trim());
  if (rfc) {
    const [, day, mon, year, hh, mm, ss, zone] = rfc;
    const utc = Date.UTC(Number(year), MONTHS.indexOf(mon!), Number(day), Number(hh), Number(mm), Number(ss ?? 0));
    return valid(utc - offsetMinutes(zone) * 60_000);
  }
  const iso = ISO8601.exec(text.trim());
  if (iso) {
    const [, year, month, day, hh, mm, ss, zone] = iso;
    const utc = Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      Number(hh ?? 0),
      Number(mm ?? 0),
      Number(ss ?? 0),
    );
    return valid(utc - offsetMinutes(zone) * 60_000);
  }
  return undefined;
}

function valid(ms: number): number | undefined {
  return Number.isFinite(ms) ? ms : undefined;
}
