import { StoreRateLimiter } from './rate-limiter';

describe('store rate limiter', () => {
  it('allows the quota per window, then refuses with the time left until the window resets', () => {
    let now = 1_000_000;
    const limiter = new StoreRateLimiter(
      () => now,
      () => ({ quota: 2, windowMs: 30_000 }),
    );
    expect(limiter.take().headers['x-rate-limit-requests-left']).toBe('1');
    expect(limiter.take().allowed).toBe(true);
    now += 10_000;
    const refused = limiter.take();
    expect(refused.allowed).toBe(false);
    expect(refused.headers).toMatchObject({
      'x-rate-limit-requests-left': '0',
      'x-rate-limit-requests-quota': '2',
      'x-rate-limit-time-reset-ms': '20000',
      'x-rate-limit-time-window-ms': '30000',
      'x-retry-after': '20',
    });
    now += 20_000;
    expect(limiter.take().allowed).toBe(true);
  });

  it('peek reports the window without spending a request', () => {
    const limiter = new StoreRateLimiter(
      () => 0,
      () => ({ quota: 1, windowMs: 1000 }),
    );
    expect(limiter.peek().headers['x-rate-limit-requests-left']).toBe('1');
    expect(limiter.take().allowed).toBe(true);
    expect(limiter.peek().headers['x-rate-limit-requests-left']).toBe('0');
  });
});
