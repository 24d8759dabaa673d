/**
 * BigCommerce's store-wide quota headers (rate-limits guide): every response carries the window size, the time
 * until it refills, the quota and what is left of it. A 429 may also carry `X-Retry-After` (seconds); a standard
 * `Retry-After` (seconds or HTTP date) is honoured when a proxy sends one. Header names are case-insensitive.
 */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface RateLimitHeaders {
  readonly quota?: number;
  readonly left?: number;
  readonly windowMs?: number;
  readonly resetMs?: number;
}

export function headerValue(headers: HeaderBag, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === 'string' ? value : value[0];
  }
  return undefined;
}

export function readRateLimitHeaders(headers: HeaderBag): RateLimitHeaders {
  return {
    quota: nonNegativeInt(headerValue(headers, 'x-rate-limit-requests-quota')),
    left: nonNegativeInt(headerValue(headers, 'x-rate-limit-requests-left')),
    windowMs: nonNegativeInt(headerValue(headers, 'x-rate-limit-time-window-ms')),
    resetMs: nonNegativeInt(headerValue(headers, 'x-rate-limit-time-reset-ms')),
  };
}

/** How long the server asked us to wait, in ms: the quota reset first, then Retry-After, then X-Retry-After. */
export function retryAfterMs(headers: HeaderBag, nowMs: number): number | undefined {
  const reset = nonNegativeInt(headerValue(headers, 'x-rate-limit-time-reset-ms'));
  if (reset !== undefined) return reset;
  const retryAfter = headerValue(headers, 'retry-after');
  if (retryAfter !== undefined) {
    const seconds = nonNegativeInt(retryAfter);
    if (seconds !== undefined) return seconds * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - nowMs);
  }
  const xRetry = nonNegativeInt(headerValue(headers, 'x-retry-after'));
  return xRetry === undefined ? undefined : xRetry * 1000;
}

function nonNegativeInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}
