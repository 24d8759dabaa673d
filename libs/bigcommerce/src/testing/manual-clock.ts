/**
 * A simulated clock for time-dependent code (rate limiter, retries): `now` and `sleep` are injected, and
 * `runUntilIdle` jumps straight to the next timer, so minutes of quota windows run in milliseconds.
 */
export class ManualClock {
  private current: number;
  private sequence = 0;
  private readonly timers: Array<{ at: number; seq: number; resolve: () => void }> = [];

  constructor(startMs = 0) {
    this.current = startMs;
  }

  readonly now = (): number => this.current;

  readonly sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.timers.push({ at: this.current + Math.max(0, ms), seq: (this.sequence += 1), resolve });
    });

  /** Fires timers in time order, letting promise chains settle between them, until none is pending. */
  async runUntilIdle(maxTimers = 1_000_000): Promise<void> {
    for (let fired = 0; fired < maxTimers; fired += 1) {
      await settle();
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) return;
      this.current = Math.max(this.current, next.at);
      next.resolve();
    }
    throw new Error(`ManualClock: more than ${maxTimers} timers fired; is something looping?`);
  }

  /** Moves time forward by `ms`, firing the timers due on the way. */
  async advance(ms: number): Promise<void> {
    const until = this.current + ms;
    for (;;) {
      await settle();
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      this.current = Math.max(this.current, next.at);
      next.resolve();
    }
    this.current = until;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setImmediate(resolve));
}
