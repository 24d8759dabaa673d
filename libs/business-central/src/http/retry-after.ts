/**
 * Reads `Retry-After` (RFC 9110: delay-seconds or an HTTP-date) into milliseconds from `now`. Unparseable or negative
 * values yield undefined so the caller falls back to jittered backoff.
 */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date always names a weekday and month; bare numbers with signs or fractions are not one.
  if (!/^[A-Za-z]{3},/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
