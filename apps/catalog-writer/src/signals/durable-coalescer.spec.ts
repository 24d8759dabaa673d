import { createLogger } from '@mlc/platform-observability';
import { MemoryPendingSignals } from '../testing/memory-pending-signals';
import { DueSignals, DurableCoalescer, FlushResult } from './durable-coalescer';

const T0 = Date.parse('2026-11-28T08:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();

function setup(results: FlushResult[] = [], burst?: { quietMs: number; maxWindows: number }) {
  let clock = T0;
  const repo = new MemoryPendingSignals();
  const flushed: DueSignals[] = [];
  let release: (() => void) | undefined;
  const coalescer = new DurableCoalescer({
    kind: 'item',
    repo,
    windowMsOf: async () => 2000,
    maxItems: 3,
    ...(burst && { burst }),
    flush: async (due) => {
      flushed.push(due);
      if (release === undefined) return results.shift() ?? 'done';
      await new Promise<void>((resolve) => (release = resolve));
      return 'done';
    },
    tickMs: 1_000_000,
    retry: { baseMs: 1000, maxMs: 1000 },
    logger: createLogger('test', 'silent'),
    now: () => clock,
  });
  const settle = () => new Promise((r) => setImmediate(r));
  return {
    repo,
    flushed,
    coalescer,
    advance: async (ms: number) => {
      clock += ms;
      coalescer.tick();
      await settle();
      await settle();
    },
    holdFlushes: () => (release = () => undefined),
    releaseFlush: () => release?.(),
  };
}

describe('DurableCoalescer', () => {
  it('keeps a signal durably pending before add returns, and pushes a window once, when due', async () => {
    const t = setup();
    await t.coalescer.add('acme', 'item-1', iso(0));
    await t.coalescer.add('acme', 'item-2', iso(0));
    await t.coalescer.add('acme', 'item-1', iso(5));
    expect(t.repo.refs()).toEqual(['item-1', 'item-2']);
    await t.advance(1999);
    expect(t.flushed).toEqual([]);
    await t.advance(1);
    expect(t.flushed).toHaveLength(1);
    expect(t.flushed[0]?.signals.map((s) => s.ref).sort()).toEqual(['item-1', 'item-2']);
    expect(t.repo.refs()).toEqual([]);
  });

  it('lets a window wait while a burst goes on, but never longer than its maximum', async () => {
    const t = setup([], { quietMs: 300, maxWindows: 3 });
    await t.coalescer.add('acme', 'a', iso(0));
    await t.advance(1900);
    await t.coalescer.add('acme', 'b', iso(0));
    await t.advance(200);
    expect(t.flushed).toEqual([]);
    await t.advance(300);
    expect(t.flushed).toHaveLength(1);

    await t.coalescer.add('acme', 'c', iso(0));
    for (let i = 0; i < 30; i += 1) {
      await t.advance(200);
      if (t.flushed.length > 1) break;
      await t.coalescer.add('acme', 'c', iso(0));
    }
    expect(t.flushed).toHaveLength(2);
    expect(t.flushed[1]?.signals.map((s) => s.ref)).toEqual(['c']);
  });

  it('pushes at most maxItems signals at a time, the oldest first, and the rest right after', async () => {
    const t = setup();
    t.holdFlushes();
    for (const ref of ['a', 'b', 'c', 'd', 'e']) await t.coalescer.add('acme', ref, iso(0));
    await t.advance(0);
    expect(t.flushed.map((d) => d.signals.map((s) => s.ref))).toEqual([['a', 'b', 'c']]);
    t.releaseFlush();
    await t.advance(0);
    await t.advance(2000);
    expect(t.flushed.map((d) => d.signals.map((s) => s.ref))).toEqual([['a', 'b', 'c'], ['d', 'e']]);
  });

  it('pushes a full window at once', async () => {
    const t = setup();
    for (const ref of ['a', 'b', 'c']) await t.coalescer.add('acme', ref, iso(0));
    await t.advance(0);
    expect(t.flushed).toHaveLength(1);
  });

  it('keeps the signals of a push that must be retried, and tries again after the back-off', async () => {
    const t = setup(['retry', 'done']);
    await t.coalescer.add('acme', 'item-1', iso(0));
    await t.advance(2000);
    expect(t.flushed).toHaveLength(1);
    expect(t.repo.refs()).toEqual(['item-1']);
    await t.advance(2000);
    expect(t.flushed).toHaveLength(2);
    expect(t.repo.refs()).toEqual([]);
  });

  it('never deletes a signal that arrived while the push covering the older one ran', async () => {
    const t = setup();
    t.holdFlushes();
    await t.coalescer.add('acme', 'item-1', iso(0));
    await t.advance(2000);
    await t.coalescer.add('acme', 'item-1', iso(2500));
    t.releaseFlush();
    await t.coalescer.stop();
    expect(t.repo.refs()).toEqual(['item-1']);
  });

  it('resumes what a previous process left pending', async () => {
    const t = setup();
    await t.repo.add('acme', 'item', 'item-9', iso(0));
    await t.coalescer.start();
    expect(t.coalescer.pending()).toBe(1);
    await t.advance(2000);
    expect(t.flushed[0]?.signals.map((s) => s.ref)).toEqual(['item-9']);
    await t.coalescer.stop();
  });
});
