import { SkuOutcome } from './plan-outcome';
import { recordPushResult, resultsBySku } from './push-record';
import { SkuMapEntry } from './sku-map';

const basis = { inventory: '10', observedAt: 1000 };
const nextBasis = { inventory: '14', observedAt: 2000 };
const entry: SkuMapEntry = {
  sku: 'A',
  storeProductId: 1,
  kind: 'product',
  inventoryTracking: 'product',
  bcItemId: 'i',
  lastPushedPrice: '9',
  lastPushedLevel: 10,
  stockBasis: basis,
};

function outcome(
  stock: SkuOutcome['stock'],
  price: SkuOutcome['price'] = { status: 'changed', from: '9', to: '11' },
): SkuOutcome {
  return { sku: 'A', bcItemId: 'i', price, stock };
}

const relative = (delta: number): SkuOutcome['stock'] => ({
  status: 'changed',
  mode: 'relative',
  delta,
  target: 10 + delta,
  nextBasis,
});
const absolute = (why: 'first-push' | 'drift-correction'): SkuOutcome['stock'] => ({
  status: 'changed',
  mode: 'absolute',
  why,
  level: 14,
  target: 14,
  nextBasis,
});

describe('recordPushResult', () => {
  it('records price and stock that succeeded', () => {
    const next = recordPushResult(entry, outcome(relative(4)), { price: 'succeeded', stock: 'succeeded' });
    expect(next).toMatchObject({ lastPushedPrice: '11', lastPushedLevel: 14, stockBasis: nextBasis });
  });

  it('keeps everything as it was after failures, so the next plan sends it again', () => {
    expect(recordPushResult(entry, outcome(relative(4)), { price: 'failed', stock: 'failed' })).toEqual(entry);
    expect(recordPushResult(entry, outcome(relative(4)), {})).toEqual(entry);
  });

  it('never lets an unknown relative outcome make the store offer more than it has', () => {
    expect(recordPushResult(entry, outcome(relative(4)), { stock: 'unknown' }).stockBasis).toEqual(nextBasis);
    expect(recordPushResult(entry, outcome(relative(-4)), { stock: 'unknown' }).stockBasis).toEqual(basis);
  });

  it('assumes an unknown correction landed but an unknown first push did not', () => {
    expect(recordPushResult(entry, outcome(absolute('drift-correction')), { stock: 'unknown' }).stockBasis).toEqual(
      nextBasis,
    );
    const fresh = { ...entry, stockBasis: undefined, lastPushedLevel: undefined };
    expect(recordPushResult(fresh, outcome(absolute('first-push')), { stock: 'unknown' }).stockBasis).toBeUndefined();
  });

  it('moves the basis of unchanged stock at once and leaves skipped parts alone', () => {
    const unchanged = outcome({ status: 'unchanged', target: 10, nextBasis }, { status: 'unchanged', price: '9' });
    expect(recordPushResult(entry, unchanged, {})).toEqual({ ...entry, stockBasis: nextBasis });
    const skipped = outcome({ status: 'skipped', reason: 'bc-blocked' }, { status: 'skipped', reason: 'bc-blocked' });
    expect(recordPushResult(entry, skipped, { price: 'succeeded', stock: 'succeeded' })).toBe(entry);
  });

  it('refuses an outcome of another SKU', () => {
    expect(() => recordPushResult({ ...entry, sku: 'B' }, outcome(relative(1)), {})).toThrow(RangeError);
  });
});

describe('resultsBySku', () => {
  it('spreads each write result to its SKUs, by part', () => {
    const writes = [
      { kind: 'variant-prices', skus: ['A', 'B'] },
      { kind: 'relative-stock', skus: ['A'] },
      { kind: 'absolute-stock', skus: ['C'] },
    ];
    const results = resultsBySku(writes, ['succeeded', 'unknown', 'failed']);
    expect(results.get('A')).toEqual({ price: 'succeeded', stock: 'unknown' });
    expect(results.get('B')).toEqual({ price: 'succeeded' });
    expect(results.get('C')).toEqual({ stock: 'failed' });
    expect(() => resultsBySku(writes, ['succeeded'])).toThrow('one result per write');
  });
});
