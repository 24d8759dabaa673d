import { parseRateLimitHeaders, parseRetryAfterMs } from './rate-limit-headers';

describe('rate-limit headers', () => {
  const raw = {
    'X-Rate-Limit-Requests-Quota': '150',
    'x-rate-limit-requests-left': '35',
    'X-RATE-LIMIT-TIME-WINDOW-MS': '30000',
    'x-rate-limit-time-reset-ms': ['15000'],
  };

  it('reads the four values from a plain object, whatever the case', () => {
    expect(parseRateLimitHeaders(raw)).toEqual({ quota: 150, left: 35, windowMs: 30000, resetMs: 15000 });
  });

  it('reads them from a fetch Headers', () => {
    const headers = new Headers(Object.entries(raw).map(([k, v]) => [k, String(v)] as [string, string]));
    expect(parseRateLimitHeaders(headers)).toEqual({ quota: 150, left: 35, windowMs: 30000, resetMs: 15000 });
  });

  it('gives nothing when one is missing or not a whole number', () => {
    expect(parseRateLimitHeaders({ ...raw, 'x-rate-limit-requests-left': undefined })).toBeUndefined();
    expect(parseRateLimitHeaders({ ...raw, 'x-rate-limit-requests-left': '-1' })).toBeUndefined();
    expect(parseRateLimitHeaders({ ...raw, 'X-Rate-Limit-Requests-Quota': '0' })).toBeUndefined();
    expect(parseRateLimitHeaders({})).toBeUndefined();
  });

  it('reads X-Retry-After seconds as milliseconds', () => {
    expect(parseRetryAfterMs({ 'X-Retry-After': '4' })).toBe(4000);
    expect(parseRetryAfterMs({ 'X-Retry-After': 'soon' })).toBeUndefined();
  });
});
