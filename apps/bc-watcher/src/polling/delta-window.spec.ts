import { advance, initialWatermark, pollFloor, RecentlyPublished } from './delta-window';

describe('RecentlyPublished', () => {
  it('publishes a record once per modification time', () => {
    const recent = new RecentlyPublished();
    expect(recent.isNew('a', 1000)).toBe(true);
    recent.remember('a', 1000);
    expect(recent.isNew('a', 1000)).toBe(false);
    expect(recent.isNew('a', 2000)).toBe(true);
  });

  it('forgets records that fell below the window floor', () => {
    const recent = new RecentlyPublished();
    recent.remember('old', 1000);
    recent.remember('new', 5000);
    recent.prune(3000);
    expect(recent.size).toBe(1);
    expect(recent.isNew('old', 1000)).toBe(true);
    expect(recent.isNew('new', 5000)).toBe(false);
  });
});

describe('watermark arithmetic', () => {
  it('reads from the watermark minus the overlap', () => {
    expect(pollFloor(new Date('2026-01-01T00:02:00Z'), 120_000).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('starts a new stream at now minus the lookback', () => {
    expect(initialWatermark(Date.parse('2026-01-01T01:00:00Z'), 3600_000).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('moves only forward, to the latest modification seen', () => {
    const w = new Date('2026-01-01T00:00:10Z');
    expect(advance(w, [Date.parse('2026-01-01T00:00:05Z')])).toBe(w);
    expect(advance(w, [Date.parse('2026-01-01T00:00:30Z'), Date.parse('2026-01-01T00:00:20Z')]).toISOString()).toBe(
      '2026-01-01T00:00:30.000Z',
    );
    expect(advance(w, [])).toBe(w);
  });
});
