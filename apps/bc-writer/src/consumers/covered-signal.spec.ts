import { COVERED_MARGIN_MS, coveredBy } from './covered-signal';

const at = '2026-11-28T10:00:00.000Z';
const signal = (extra: Record<string, unknown> = {}) =>
  ({ connectionId: 'acme', orderId: 7, kind: 'order', source: 'webhook', occurredAt: at, ...extra }) as Parameters<typeof coveredBy>[0];
const after = (ms: number) => new Date(Date.parse(at) + ms);

describe('coveredBy', () => {
  it('covers a webhook or poll about an order read to completion more than the margin after it', () => {
    expect(coveredBy(signal(), after(COVERED_MARGIN_MS + 1))).toBe(true);
    expect(coveredBy(signal({ source: 'poll' }), after(60_000))).toBe(true);
  });

  it('does not cover within the margin, before the signal, or without a completed read', () => {
    expect(coveredBy(signal(), after(COVERED_MARGIN_MS))).toBe(false);
    expect(coveredBy(signal(), after(-1000))).toBe(false);
    expect(coveredBy(signal(), undefined)).toBe(false);
    expect(coveredBy(signal({ occurredAt: 'not a date' }), after(60_000))).toBe(false);
  });

  it('never covers refund signals, resyncs or replays', () => {
    expect(coveredBy(signal({ kind: 'refund', refundId: 3 }), after(60_000))).toBe(false);
    expect(coveredBy(signal({ source: 'resync' }), after(60_000))).toBe(false);
    expect(coveredBy(signal({ source: 'replay' }), after(60_000))).toBe(false);
  });
});
