/**
 * BigCommerce's store-wide rate-limit headers (names are case-insensitive): `X-Rate-Limit-Requests-Quota` (requests
 * per window), `-Requests-Left`, `-Time-Window-Ms` (30000 on every plan) and `-Time-Reset-Ms` (ms until the quota
 * refills); a limited response may carry `X-Retry-After` in whole seconds instead.
 */
export interface RateLimitHeaders {
  readonly quota: number;
  readonly left: number;
  readonly windowMs: number;
  readonly resetMs: number;
}

/** A fetch/undici `Headers`, or a plain object such as Node's `IncomingHttpHeaders`. */
export type HeaderSource =
  { get(name: string): string | null | undefined } | Readonly<Record<string, string | readonly string[] | undefined>>;

function headerValue(source: HeaderSource, name: string): string | undefined {
  if (typeof source.get === 'function') {
    return (source as { get(name: string): string | null | undefined }).get(name) ?? undefined;
  }
  const record = source as Readonly<Record<string, string | readonly string[] | undefined>>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : (value as string | undefined);
}

function nonNegativeInt(source: HeaderSource, name: string): number | undefined {
  const text = headerValue(source, name)?.trim();
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** The four `X-Rate-Limit-*` values, or undefined unless all are present and valid. */
export function parseRateLimitHeaders(source: HeaderSource): RateLimitHeaders | undefined {
  const quota = nonNegativeInt(source, 'x-rate-limit-requests-quota');
  const left = nonNegativeInt(source, 'x-rate-limit-requests-left');
  const windowMs = nonNegativeInt(source, 'x-rate-limit-time-window-ms');
  const resetMs = nonNegativeInt(source, 'x-rate-limit-time-reset-ms');
  if (quota === undefined || left === undefined || windowMs === undefined || resetMs === undefined) return undefined;
  if (quota === 0 || windowMs === 0) return undefined;
  return { quota, left, windowMs, resetMs };
}

/** `X-Retry-After` (seconds) in milliseconds, when present. */
export function parseRetryAfterMs(source: HeaderSource): number | undefined {
  const seconds = nonNegativeInt(source, 'x-retry-after');
  return seconds === undefined ? undefined : seconds * 1000;
}
