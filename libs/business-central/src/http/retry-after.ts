/**
 * Reads `Retry-After` (RFC 9110: delay-seconds or an HTTP-date) into milliseconds from `now`. Unparseable or negative
 * values yield undefined so the caller falls back to jittered backoff.
 */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
