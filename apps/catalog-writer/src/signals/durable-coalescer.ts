import { addSignal, CoalescerState, emptyCoalescer, pendingCount, takeDue } from '@mlc/catalog';
import { describeError, dispositionOf } from '@mlc/platform-errors';
import type { Logger } from '@mlc/platform-observability';
import { fullJitterDelay } from '@mlc/platform-resilience';
import type { PendingSignal, PendingSignalStore, SignalKind } from '../persistence/pending-signals.repository';

/** A coalesced signal: the lib's (connection, item, time) plus the version of its pending row. */
interface Signal {
  readonly connectionId: string;
  readonly itemId: string;
  readonly occurredAt: string;
  readonly version: number;
}

export interface DueSignals {
  readonly connectionId: string;
  readonly signals: readonly PendingSignal[];
}

/** `done`: the push that covered the signals succeeded or was recorded; `retry`: keep them and try later. */
export type FlushResult = 'done' | 'retry';

export interface DurableCoalescerOptions {
  readonly kind: SignalKind;
  readonly repo: PendingSignalStore;
  /** The connection's coalescing window (its catalog settings); unknown connections get 0. */
  readonly windowMsOf: (connectionId: string) => Promise<number>;
  /** A window with this many items is due at once. */
  readonly maxItems: number;
  /**
   * Bursts (a stock scan publishing thousands of changes): a window that falls due while signals are still arriving
   * (the last one less than `quietMs` ago) waits for a pause, up to `maxWindows` × its window, so a burst becomes few
   * full pushes instead of many partial ones. A lone change is pushed after one window, as before.
   */
  readonly burst?: { readonly quietMs: number; readonly maxWindows: number };
  readonly flush: (due: DueSignals) => Promise<FlushResult>;
  readonly tickMs: number;
  readonly retry: { readonly baseMs: number; readonly maxMs: number };
  readonly logger: Logger;
  /** A programmer error in a flush (not a retryable or permanent one): by default the process exits. */
  readonly onCrash?: (err: unknown) => void;
  readonly now?: () => number;
}

/**
 * Coalescing that loses nothing: `add` writes the signal to `pending_signals` before it returns (so the consumer may
 * commit the offset), and keeps it in the in-memory coalescer of `@mlc/catalog`; a connection's window is flushed
 * when due, one flush per connection at a time, and its rows are deleted only after the flush reports `done`. A
 * `retry` keeps them and tries again after a growing back-off. At start-up, rows left by a previous process are
 * loaded back.
 */
export class DurableCoalescer {
  private readonly windows = new Map<string, { state: CoalescerState<Signal>; windowMs: number; lastAddAt: number }>();
  private readonly flushing = new Map<string, Promise<void>>();
  private readonly failures = new Map<string, { count: number; notBefore: number }>();
  private timer?: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(private readonly opts: DurableCoalescerOptions) {
    this.now = opts.now ?? Date.now;
  }

  async add(connectionId: string, ref: string, occurredAt: string): Promise<void> {
    const pending = await this.opts.repo.add(connectionId, this.opts.kind, ref, occurredAt);
    this.remember(pending, await this.opts.windowMsOf(connectionId));
  }

  /** Loads what earlier processes left pending, then checks for due windows every `tickMs`. */
  async start(): Promise<void> {
    for (const pending of await this.opts.repo.all(this.opts.kind)) {
      this.remember(pending, await this.opts.windowMsOf(pending.connectionId).catch(() => 0));
    }
    this.timer = setInterval(() => this.tick(), this.opts.tickMs);
    this.timer.unref();
  }

  /** Stops taking due windows and waits for the flushes under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all(this.flushing.values());
  }

  /** Distinct refs waiting in memory, over all connections. */
  pending(): number {
    let n = 0;
    for (const { state } of this.windows.values()) n += pendingCount(state);
    return n;
  }

  /** Resolves once nothing is pending or being flushed (tests and benchmarks). */
  async idle(pollMs = 50): Promise<void> {
    while (this.pending() > 0 || this.flushing.size > 0) await new Promise((r) => setTimeout(r, pollMs));
  }

  tick(): void {
    const now = this.now();
    for (const [connectionId, window] of this.windows) {
      if (this.flushing.has(connectionId)) continue;
      if ((this.failures.get(connectionId)?.notBefore ?? 0) > now) continue;
      if (this.burstGoesOn(window, now)) continue;
      const { due, state } = takeDue(window.state, now, { windowMs: window.windowMs, maxItems: this.opts.maxItems });
      window.state = state;
      for (const batch of due) this.startFlush(batch.connectionId, this.keepOverflow(window, batch.signals));
    }
  }

  /**
   * A push carries at most `maxItems` signals (one full inventory call, whole price batches): the oldest go now, the
   * rest open the next window, which is due at once when it is full too.
   */
  private keepOverflow(window: { state: CoalescerState<Signal> }, signals: readonly Signal[]): Signal[] {
    if (signals.length <= this.opts.maxItems) return [...signals];
    const ordered = [...signals].sort((a, b) => a.version - b.version);
    const now = this.now();
    for (const signal of ordered.slice(this.opts.maxItems)) window.state = addSignal(window.state, signal, now);
    return ordered.slice(0, this.opts.maxItems);
  }

  private burstGoesOn(window: { state: CoalescerState<Signal>; windowMs: number; lastAddAt: number }, now: number) {
    const burst = this.opts.burst;
    const open = Object.values(window.state.windows)[0];
    if (!burst || !open || Object.keys(open.items).length >= this.opts.maxItems) return false;
    const young = now - open.openedAt < window.windowMs * burst.maxWindows;
    return young && now - window.lastAddAt < burst.quietMs;
  }

  private remember(pending: PendingSignal, windowMs: number): void {
    const window = this.windows.get(pending.connectionId) ?? { state: emptyCoalescer<Signal>(), windowMs, lastAddAt: 0 };
    window.windowMs = windowMs;
    window.lastAddAt = this.now();
    const signal: Signal = {
      connectionId: pending.connectionId,
      itemId: pending.ref,
      occurredAt: pending.occurredAt,
      version: pending.version,
    };
    window.state = addSignal(window.state, signal, this.now());
    this.windows.set(pending.connectionId, window);
  }

  private startFlush(connectionId: string, signals: readonly Signal[]): void {
    const pending = signals.map((s) => ({
      connectionId,
      kind: this.opts.kind,
      ref: s.itemId,
      occurredAt: s.occurredAt,
      version: s.version,
    }));
    const run = this.flushOnce({ connectionId, signals: pending }).finally(() => this.flushing.delete(connectionId));
    this.flushing.set(connectionId, run);
  }

  private async flushOnce(due: DueSignals): Promise<void> {
    let result: FlushResult;
    try {
      result = await this.opts.flush(due);
    } catch (err) {
      const crash = dispositionOf(err) === 'crash';
      this.opts.logger[crash ? 'fatal' : 'warn'](
        { connectionId: due.connectionId, kind: this.opts.kind, err: describeError(err) },
        'coalesced push failed; its signals stay pending',
      );
      if (crash) (this.opts.onCrash ?? (() => process.exit(1)))(err);
      result = 'retry';
    }
    if (result === 'done') {
      this.failures.delete(due.connectionId);
      await this.removeRows(due);
      return;
    }
    const count = (this.failures.get(due.connectionId)?.count ?? 0) + 1;
    const delay = fullJitterDelay(count, this.opts.retry.baseMs, this.opts.retry.maxMs);
    this.failures.set(due.connectionId, { count, notBefore: this.now() + Math.max(delay, this.opts.retry.baseMs / 2) });
    const windowMs = this.windows.get(due.connectionId)?.windowMs ?? 0;
    for (const signal of due.signals) this.remember(signal, windowMs);
  }

  private async removeRows(due: DueSignals): Promise<void> {
    try {
      await this.opts.repo.remove(
        due.connectionId,
        this.opts.kind,
        due.signals.map((s) => ({ ref: s.ref, version: s.version })),
      );
    } catch (err) {
      // The push is recorded; rows left behind only cause one more (no-op) push after a restart.
      this.opts.logger.warn({ connectionId: due.connectionId, err: describeError(err) }, 'pending rows not removed');
    }
  }
}
