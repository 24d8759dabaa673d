import { HeaderBag, readRateLimitHeaders, retryAfterMs } from './rate-limit-headers';

/**
 * Holds BigCommerce requests before the store's quota runs out (DESIGN.md 6). The quota is store-wide and counted
 * over a fixed window (150 per 30 s on Standard/Plus); every process hitting the store sees the same
 * `X-Rate-Limit-Requests-Left` and `X-Rate-Limit-Time-Reset-Ms`, which is how separate processes coordinate without
 * talking to each other. Each process also keeps to its configured share of the quota, so shares that add up to 1
 * never exceed it together. Catalog pushes stop while the store has no more than the reserve left (a fraction of the quota, or a number of
 * requests per window), keeping it for
 * order reads. On 429 every request waits the reset time; consecutive 429s back off further (doubling, capped).
 */
export type RequestPriority = 'order-read' | 'catalog-push';

export interface RateLimiterOptions {
  /** This process's share of the store quota, in (0, 1]. Shares of all processes should add up to at most 1. */
  readonly share?: number;
  /** Fraction of the store quota that catalog pushes leave for order reads, in [0, 1). */
  readonly catalogReserve?: number;
  /**
   * Requests per window that catalog pushes leave for order reads, whatever the store's plan (replaces
   * `catalogReserve` when given). A reserve of the whole quota or more still lets one catalog push per window through,
   * so a misconfigured reserve slows pushes down instead of stopping them.
   */
  readonly catalogReserveRequests?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Assumed window until the store says otherwise. */
  readonly defaultWindowMs?: number;
  /** Extra wait added per consecutive 429 (doubling). */
  readonly backoffBaseMs?: number;
  readonly maxBackoffMs?: number;
}

/** One admitted request. Report how it ended exactly once. */
export interface RateLimitPermit {
  /** The store answered (any status, 429 included). */
  complete(headers: HeaderBag, status: number): void;
  /** No answer arrived (timeout, reset). */
  abandon(): void;
}

export interface RateLimitSnapshot {
  readonly quota?: number;
  readonly storeLeft?: number;
  readonly windowEndsAt?: number;
  readonly usedInWindow: number;
  readonly inFlight: number;
  readonly blockedUntil: number;
  readonly consecutive429: number;
}

type WindowRelation = 'current' | 'newer' | 'stale';

export class StoreRateLimiter {
  private readonly share: number;
  private readonly catalogReserve: number;
  private readonly catalogReserveRequests?: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly backoffBaseMs: number;
  private readonly maxBackoffMs: number;
  private windowMs: number;
  private quota?: number;
  private storeLeft?: number;
  private windowEndsAt?: number;
  private usedInWindow = 0;
  private inFlight = 0;
  private blockedUntil = 0;
  private consecutive429 = 0;

  constructor(options: RateLimiterOptions = {}) {
    this.share = options.share ?? 1;
    this.catalogReserve = options.catalogReserve ?? 0.2;
    if (!(this.share > 0 && this.share <= 1)) throw new RangeError(`share must be in (0, 1]: ${this.share}`);
    if (!(this.catalogReserve >= 0 && this.catalogReserve < 1)) {
      throw new RangeError(`catalogReserve must be in [0, 1): ${this.catalogReserve}`);
    }
    const absolute = options.catalogReserveRequests;
    if (absolute !== undefined && !(Number.isInteger(absolute) && absolute >= 0)) {
      throw new RangeError(`catalogReserveRequests must be a whole number >= 0: ${absolute}`);
    }
    this.catalogReserveRequests = absolute;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.windowMs = options.defaultWindowMs ?? 30_000;
    this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
  }

  /** Waits until a request of this priority fits the store's quota and this process's share, then admits it. */
  async acquire(priority: RequestPriority = 'order-read'): Promise<RateLimitPermit> {
    for (;;) {
      const waitMs = this.waitFor(priority);
      if (waitMs <= 0) return this.admit();
      await this.sleep(waitMs);
    }
  }

  snapshot(): RateLimitSnapshot {
    return {
      quota: this.quota,
      storeLeft: this.storeLeft,
      windowEndsAt: this.windowEndsAt,
      usedInWindow: this.usedInWindow,
      inFlight: this.inFlight,
      blockedUntil: this.blockedUntil,
      consecutive429: this.consecutive429,
    };
  }

  private waitFor(priority: RequestPriority): number {
    const now = this.now();
    if (now < this.blockedUntil) return this.blockedUntil - now;
    this.rollIfDue(now);
    if (this.quota === undefined) return 0;
    const ownCap = Math.max(1, Math.floor(this.quota * this.share));
    const floor = priority === 'catalog-push' ? this.catalogFloor(this.quota) : 0;
    const storeHasRoom = this.storeLeft === undefined || this.storeLeft > floor;
    if (this.usedInWindow < ownCap && storeHasRoom) return 0;
    return Math.max(1, (this.windowEndsAt ?? now + this.windowMs) - now);
  }

  /** Catalog pushes wait while the store has no more than this many requests left in the window. */
  private catalogFloor(quota: number): number {
    if (this.catalogReserveRequests === undefined) return Math.ceil(quota * this.catalogReserve);
    return Math.min(this.catalogReserveRequests, quota - 1);
  }

  private rollIfDue(now: number): void {
    if (this.windowEndsAt === undefined || now < this.windowEndsAt) return;
    const periods = Math.floor((now - this.windowEndsAt) / this.windowMs) + 1;
    this.windowEndsAt += periods * this.windowMs;
    this.usedInWindow = 0;
    this.storeLeft = this.quota;
  }

  private admit(): RateLimitPermit {
    this.usedInWindow += 1;
    this.inFlight += 1;
    if (this.storeLeft !== undefined) this.storeLeft -= 1;
    let open = true;
    return {
      complete: (headers, status) => {
        if (!open) return;
        open = false;
        this.inFlight -= 1;
        this.observe(headers, status);
      },
      abandon: () => {
        if (!open) return;
        open = false;
        this.inFlight -= 1;
      },
    };
  }

  private observe(headers: HeaderBag, status: number): void {
    const now = this.now();
    const h = readRateLimitHeaders(headers);
    if (h.windowMs) this.windowMs = h.windowMs;
    if (h.quota !== undefined) this.quota = h.quota;
    const relation = this.placeWindow(h.resetMs, now);
    if (h.left !== undefined && relation !== 'stale') {
      // Requests still in flight may not be counted in this answer yet.
      const estimate = h.left - this.inFlight;
      const previous = relation === 'current' ? this.storeLeft : undefined;
      this.storeLeft = previous === undefined ? estimate : Math.min(previous, estimate);
    }
    if (status === 429) this.backOff(retryAfterMs(headers, now), now, h.left !== undefined || h.resetMs !== undefined);
    else this.consecutive429 = 0;
  }

  private placeWindow(resetMs: number | undefined, now: number): WindowRelation {
    if (resetMs === undefined) {
      if (this.windowEndsAt === undefined && this.quota !== undefined) this.windowEndsAt = now + this.windowMs;
      return 'current';
    }
    const endsAt = now + resetMs;
    if (this.windowEndsAt === undefined) {
      this.windowEndsAt = endsAt;
      return 'newer';
    }
    const tolerance = this.windowMs / 2;
    if (endsAt < this.windowEndsAt - tolerance) return 'stale';
    if (endsAt > this.windowEndsAt + tolerance) {
      // The store refilled before our clock said so; our count for the old window is kept (conservative).
      this.windowEndsAt = endsAt;
      return 'newer';
    }
    this.windowEndsAt = Math.max(this.windowEndsAt, endsAt);
    return 'current';
  }

  /**
   * A 429 with the quota headers means the store's quota is spent: nothing more until the window refills. One without
   * them means the platform is under load ("retry later"): wait what it asked for, without assuming the quota is spent
   * (which would hold every request of the process until the window ends, up to 30 s, for a 1 s Retry-After).
   */
  private backOff(serverWaitMs: number | undefined, now: number, quotaSpent: boolean): void {
    this.consecutive429 += 1;
    if (quotaSpent) this.storeLeft = 0;
    const extra = Math.min(this.maxBackoffMs, this.backoffBaseMs * (2 ** (this.consecutive429 - 1) - 1));
    const waitMs = (serverWaitMs ?? this.backoffBaseMs) + extra;
    this.blockedUntil = Math.max(this.blockedUntil, now + waitMs);
  }
}
