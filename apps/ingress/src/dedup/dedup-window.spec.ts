import { DedupWindow } from './dedup-window';

function windowAt(options = { ttlMs: 1000, maxEntries: 100 }) {
  const clock = { now: 0 };
  return { clock, window: new DedupWindow(options, () => clock.now) };
}

function claimed(state: ReturnType<DedupWindow['begin']>) {
  if (state.kind !== 'claimed') throw new Error(`expected a claim, got ${state.kind}`);
  return state.claim;
}

describe('DedupWindow', () => {
  it('reports a committed delivery as a duplicate by any of its keys', () => {
    const { window } = windowAt();
    claimed(window.begin(['w:c1:msg-1', 'h:c1:order:1:abc'])).commit();
    expect(window.begin(['w:c1:msg-1']).kind).toBe('duplicate');
    expect(window.begin(['w:c1:msg-2', 'h:c1:order:1:abc']).kind).toBe('duplicate');
    expect(window.begin(['w:c2:msg-1']).kind).toBe('claimed');
  });

  it('forgets a released claim, so the retry of a failed publish is published', () => {
    const { window } = windowAt();
    claimed(window.begin(['k'])).release();
    expect(window.begin(['k']).kind).toBe('claimed');
    expect(window.size).toBe(0);
  });

  it('makes a concurrent redelivery wait for the first outcome', async () => {
    const { window } = windowAt();
    const first = claimed(window.begin(['a', 'b']));
    const second = window.begin(['b']);
    expect(second.kind).toBe('pending');
    first.commit();
    await (second as { settled: Promise<void> }).settled;
    expect(window.begin(['b']).kind).toBe('duplicate');
  });

  it('lets the waiting redelivery claim the keys when the first publish failed', async () => {
    const { window } = windowAt();
    const first = claimed(window.begin(['a']));
    const waiting = window.begin(['a']);
    first.release();
    await (waiting as { settled: Promise<void> }).settled;
    expect(window.begin(['a']).kind).toBe('claimed');
  });

  it('ignores a second settle of the same claim', () => {
    const { window } = windowAt();
    const claim = claimed(window.begin(['a']));
    claim.release();
    claim.commit();
    expect(window.begin(['a']).kind).toBe('claimed');
  });

  it('expires entries after the TTL and prunes them', () => {
    const { clock, window } = windowAt({ ttlMs: 1000, maxEntries: 100 });
    claimed(window.begin(['old'])).commit();
    clock.now = 600;
    claimed(window.begin(['young'])).commit();
    clock.now = 1000;
    expect(window.begin(['old']).kind).toBe('claimed');
    expect(window.prune()).toBe(1);
    expect(window.size).toBe(1);
    expect(window.begin(['young']).kind).toBe('duplicate');
  });

  it('never holds more than maxEntries, evicting the oldest first', () => {
    const { clock, window } = windowAt({ ttlMs: 60_000, maxEntries: 3 });
    for (const key of ['k1', 'k2', 'k3', 'k4', 'k5']) {
      clock.now += 1;
      claimed(window.begin([key])).commit();
    }
    expect(window.size).toBe(3);
    expect(window.begin(['k1']).kind).toBe('claimed');
    expect(window.begin(['k5']).kind).toBe('duplicate');
  });

  it('keeps expiry order when a key is remembered again', () => {
    const { clock, window } = windowAt({ ttlMs: 1000, maxEntries: 10 });
    claimed(window.begin(['a'])).commit();
    clock.now = 500;
    claimed(window.begin(['b'])).commit();
    clock.now = 1200;
    claimed(window.begin(['a'])).commit();
    clock.now = 1600;
    expect(window.prune()).toBe(1);
    expect(window.begin(['a']).kind).toBe('duplicate');
  });
});
