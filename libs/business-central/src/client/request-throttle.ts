import { Clock, systemClock } from './clock';

/*
 * Business Central limits each API user to 5 concurrent requests (more wait in BC's queue, then 503 after 8 minutes)
 * and 6,000 requests per sliding 5-minute window (429 beyond). Several services share one user, so each process gets
 * a configured share and enforces it before sending: a local concurrency limit plus a sliding-window budget.
 */

export interface ThrottleOptions {
  /** This process's share of BC's 5 concurrent requests per user. */
  readonly maxConcurrent: number;
  /** This process's share of BC's 6,000 requests per 5 minutes. */
  readonly perFiveMinutes: number;
  readonly windowMs?: number;
  readonly clock?: Clock;
}

export const FIVE_MINUTES_MS = 5 * 60_000;
const UNTIL_RELEASE = -1;

/**
 * FIFO limiter: a request starts when a concurrency slot is free and the window still has budget. A request holds
 * budget from its start, and enters the window at its end: BC counts it on arrival, somewhere between our send and
 * its answer, so counting it at the answer never lets a later request reach BC before BC's own entry has aged out
 * (counting at the send did, by the jitter of request latency, and drew 429s at every window boundary).
 */
export class RequestThrottle {
  private readonly clock: Clock;
  private readonly windowMs: number;
  private readonly waiters: Array<(release: () => void) => void> = [];
  /** End times of finished requests inside the window, oldest first (ring via `head` to avoid O(n) shifts). */
  private ends: number[] = [];
  private head = 0;
  private inFlight = 0;
  private pausedUntil = 0;
  private timer: unknown;

  constructor(private readonly options: ThrottleOptions) {
    if (!(options.maxConcurrent >= 1) || !(options.perFiveMinutes >= 1)) {
      throw new RangeError('throttle needs maxConcurrent >= 1 and perFiveMinutes >= 1');
    }
    this.clock = options.clock ?? systemClock;
    this.windowMs = options.windowMs ?? FIVE_MINUTES_MS;
  }

  /** Resolves with a release function once the request may start. Call release exactly once when it ends. */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.pump();
    });
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }

  /** BC answered 429 with a wait: start nothing new until it has passed. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
    this.pump();
  }

  /** Requests running now, and those holding window budget (running or ended within the window), for metrics and tests. */
  snapshot(): { inFlight: number; inWindow: number; waiting: number } {
    this.prune(this.clock.now());
    return { inFlight: this.inFlight, inWindow: this.ends.length - this.head + this.inFlight, waiting: this.waiters.length };
  }

  private pump(): void {
    while (this.waiters.length > 0 && this.inFlight < this.options.maxConcurrent) {
      const now = this.clock.now();
      this.prune(now);
      const waitMs = this.waitBeforeNextStart(now);
      if (waitMs === UNTIL_RELEASE) return;
      if (waitMs > 0) return this.wakeAfter(waitMs);
      this.inFlight += 1;
      const resolve = this.waiters.shift();
      resolve?.(this.releaser());
    }
  }

  private waitBeforeNextStart(now: number): number {
    if (now < this.pausedUntil) return this.pausedUntil - now;
    const ended = this.ends.length - this.head;
    if (ended + this.inFlight < this.options.perFiveMinutes) return 0;
    // All budget is held by running requests: the next release enters the window and pumps again.
    if (ended === 0) return UNTIL_RELEASE;
    const oldest = this.ends[this.head] ?? now;
    return oldest + this.windowMs - now;
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      this.ends.push(this.clock.now());
      this.pump();
    };
  }

  private prune(now: number): void {
    while (this.head < this.ends.length && (this.ends[this.head] ?? now) <= now - this.windowMs) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.ends.length) {
      this.ends = this.ends.slice(this.head);
      this.head = 0;
    }
  }

  private wakeAfter(ms: number): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, ms);
  }
}
