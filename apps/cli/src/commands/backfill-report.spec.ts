import { BackfillSummary, exitCodeOf, LineSplitter, renderSummary } from './backfill-report';

const tally = (changed: number, failed = 0, bySkipReason: Record<string, number> = {}) => ({
  changed,
  unchanged: 1,
  skipped: Object.values(bySkipReason).reduce((a, b) => a + b, 0),
  failed,
  bySkipReason,
});

const summary = (failed = 0): BackfillSummary => ({
  connectionId: 'acme',
  map: { mapped: 8, 'missing-in-store': 2, 'bc-service-item': 1, 'missing-in-bc': 0 },
  push: {
    dryRun: false,
    skus: 9,
    price: tally(7, failed, { 'currency-mismatch': 1 }),
    stock: tally(8),
    requests: { planned: 3, byKind: { 'variant-prices': 1, 'absolute-stock': 2 }, failed, unknown: 0 },
    drift: { skus: 1, units: 4, corrected: 1, alarms: 0 },
    warnings: [{ message: 'price not pushed: store currency EUR differs from BC currency USD', count: 1 }],
  },
});

describe('backfill report', () => {
  it('prints changed, unchanged, skipped by reason and failed for prices and stock', () => {
    const text = renderSummary(summary());
    expect(text).toContain('SKU map: 8 mapped; skipped by reason: missing-in-store 2, bc-service-item 1');
    expect(text).toContain('price: changed 7, unchanged 1, skipped 1, failed 0; skipped by reason: currency-mismatch 1');
    expect(text).toContain('stock: changed 8, unchanged 1, skipped 0, failed 0; skipped by reason: none');
    expect(text).toContain('requests: 3 (variant-prices 1, absolute-stock 2); failed 0, outcome unknown 0');
    expect(text).toContain('warning: price not pushed: store currency EUR differs from BC currency USD (1 SKUs)');
    expect(exitCodeOf(summary())).toBe(0);
  });

  it('exits non-zero when something failed', () => {
    expect(exitCodeOf(summary(2))).toBe(1);
  });

  it('splits a streamed body into whole lines', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('{"a":1}\n{"b"')).toEqual(['{"a":1}']);
    expect(splitter.push(':2}\n')).toEqual(['{"b":2}']);
    expect(splitter.push('{"c":3}')).toEqual([]);
    expect(splitter.end()).toEqual(['{"c":3}']);
  });
});
