/**
 * BigCommerce's store-wide quota: N requests per fixed window (150 per 30 s on Standard plans), shared by every
 * API account of the store, timed on the sandbox clock. Every answer carries the four `X-Rate-Limit-*` headers; an
 * exhausted window answers 429 until it refills.
 */
export interface RateLimitState {
  readonly allowed: boolean;
  readonly headers: Record<string, string>;
  readonly resetMs: number;
}

export class StoreRateLimiter {
  private windowStart = Number.NEGATIVE_INFINITY;
  private used = 0;

  constructor(
    private readonly now: () => number,
    private readonly limits: () => { quota: number; windowMs: number },
  ) {}

  /** Counts one request against the window and reports whether it may proceed. */
  take(): RateLimitState {
    const { quota, windowMs } = this.limits();
    const now = this.roll(windowMs);
    if (this.used >= quota) return this.state(false, quota, windowMs, now);
    this.used += 1;
    return this.state(true, quota, windowMs, now);
  }

  /** The current headers without counting a request (for answers that are not served, such as 401). */
  peek(): RateLimitState {
    const { quota, windowMs } = this.limits();
    return this.state(true, quota, windowMs, this.roll(windowMs));
  }

  reset(): void {
    this.windowStart = Number.NEGATIVE_INFINITY;
    this.used = 0;
  }

  private roll(windowMs: number): number {
    const now = this.now();
    if (now >= this.windowStart + windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    return now;
  }

  private state(allowed: boolean, quota: number, windowMs: number, now: number): RateLimitState {
    const resetMs = Math.max(0, Math.ceil(this.windowStart + windowMs - now));
    const headers: Record<string, string> = {
      'x-rate-limit-requests-left': String(Math.max(0, quota - this.used)),
      'x-rate-limit-requests-quota': String(quota),
      'x-rate-limit-time-reset-ms': String(resetMs),
      'x-rate-limit-time-window-ms': String(windowMs),
    };
    if (!allowed) headers['x-retry-after'] = String(Math.max(1, Math.ceil(resetMs / 1000)));
    return { allowed, headers, resetMs };
  }
}
