import { addSignal, emptyCoalescer, nextDueAt, pendingCount, takeDue } from './coalescer';

/** The value, or a failed test when it is missing. */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

interface Signal {
  connectionId: string;
  itemId: string;
  occurredAt: string;
  changeType: string;
}

const sig = (connectionId: string, itemId: string, second: number, changeType = 'updated'): Signal => ({
  connectionId,
  itemId,
  occurredAt: `2026-11-28T08:00:${String(second).padStart(2, '0')}.000Z`,
  changeType,
});

const options = { windowMs: 2000 };

describe('coalescer', () => {
  it('keeps the latest signal per item and releases the window when it is due', () => {
    let state = emptyCoalescer<Signal>();
    state = addSignal(state, sig('acme', 'i1', 1, 'updated'), 1000);
    state = addSignal(state, sig('acme', 'i1', 3, 'stock'), 1500);
    state = addSignal(state, sig('acme', 'i1', 2, 'older'), 1600);
    state = addSignal(state, sig('acme', 'i2', 1), 2500);
    expect(pendingCount(state)).toBe(2);
    expect(nextDueAt(state, options)).toBe(3000);

    const early = takeDue(state, 2999, options);
    expect(early.due).toEqual([]);
    expect(early.state).toBe(state);

    const { due, state: after } = takeDue(state, 3000, options);
    expect(due).toEqual([{ connectionId: 'acme', signals: [sig('acme', 'i1', 3, 'stock'), sig('acme', 'i2', 1)] }]);
    expect(pendingCount(after)).toBe(0);
    expect(nextDueAt(after, options)).toBeUndefined();
  });

  it('lets an equal timestamp replace the earlier arrival', () => {
    let state = emptyCoalescer<Signal>();
    state = addSignal(state, sig('acme', 'i1', 1, 'first'), 0);
    state = addSignal(state, sig('acme', 'i1', 1, 'second'), 10);
    expect(must(takeDue(state, 5000, options).due[0]).signals).toEqual([sig('acme', 'i1', 1, 'second')]);
  });

  it('keeps connections apart, each with its own window', () => {
    let state = emptyCoalescer<Signal>();
    state = addSignal(state, sig('acme', 'i1', 1), 0);
    state = addSignal(state, sig('beta', 'i1', 1), 1500);
    const first = takeDue(state, 2000, options);
    expect(first.due.map((b) => b.connectionId)).toEqual(['acme']);
    expect(nextDueAt(first.state, options)).toBe(3500);
    expect(takeDue(first.state, 3500, options).due.map((b) => b.connectionId)).toEqual(['beta']);
  });

  it('does not let a steady stream postpone the window', () => {
    let state = emptyCoalescer<Signal>();
    for (let t = 0; t < 2000; t += 100) state = addSignal(state, sig('acme', `i${t}`, 1), t);
    expect(must(takeDue(state, 2000, options).due[0]).signals).toHaveLength(20);
  });

  it('releases a full window early', () => {
    let state = emptyCoalescer<Signal>();
    state = addSignal(state, sig('acme', 'i1', 1), 0);
    state = addSignal(state, sig('acme', 'i2', 1), 10);
    expect(nextDueAt(state, { windowMs: 2000, maxItems: 2 })).toBe(0);
    expect(must(takeDue(state, 20, { windowMs: 2000, maxItems: 2 }).due[0]).signals).toHaveLength(2);
  });

  it('is plain JSON', () => {
    const state = addSignal(emptyCoalescer<Signal>(), sig('acme', 'i1', 1), 0);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});
