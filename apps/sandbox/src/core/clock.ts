/**
 * Sandbox time: real time plus an offset that `POST /__sandbox/clock {advanceMs}` moves forward, so expiries (BC
 * subscriptions, tokens, webhook retry windows) can be tested without waiting. Timers scheduled on this clock fire
 * when their due time passes in sandbox time, whether by waiting or by advancing.
 */
export class SandboxClock {
  private offsetMs = 0;
  private readonly timers = new Set<{ due: number; fn: () => void; handle?: NodeJS.Timeout }>();

  now(): number {
    return Date.now() + this.offsetMs;
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advanceMs must be a non-negative number');
    this.offsetMs += ms;
    for (const timer of [...this.timers]) this.arm(timer);
  }

  /** Runs `fn` once sandbox time reaches `due` (epoch ms). Returns a cancel function. */
  at(due: number, fn: () => void): () => void {
    const timer: { due: number; fn: () => void; handle?: NodeJS.Timeout } = { due, fn };
    this.timers.add(timer);
    this.arm(timer);
    return () => {
      clearTimeout(timer.handle);
      this.timers.delete(timer);
    };
  }

  after(delayMs: number, fn: () => void): () => void {
    return this.at(this.now() + delayMs, fn);
  }

  /** Cancels every pending timer (used by reset and shutdown). */
  clear(): void {
    for (const timer of this.timers) clearTimeout(timer.handle);
    this.timers.clear();
  }

  private arm(timer: { due: number; fn: () => void; handle?: NodeJS.Timeout }): void {
    clearTimeout(timer.handle);
    const wait = Math.max(0, timer.due - this.now());
    timer.handle = setTimeout(() => {
      this.timers.delete(timer);
      timer.fn();
    }, wait);
    timer.handle.unref();
  }
}
