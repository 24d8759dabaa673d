import { Decimal } from '@mlc/platform-money';
import { CommittedIndex, applyOrderState, emptyCommittedStock, indexCommitted } from './committed-stock';
import { SkuMapEntry } from './sku-map';
import { MAX_STORE_LEVEL, StockDecisionInput, decideStock, stockTarget } from './stock-drift';

const NOW = Date.parse('2026-11-28T10:00:00.000Z');
const d = Decimal.parse;
const entry: SkuMapEntry = {
  sku: 'A',
  storeProductId: 1,
  kind: 'product',
  inventoryTracking: 'product',
  bcItemId: 'i',
};
const withBasis = (inventory: string): SkuMapEntry => ({
  ...entry,
  stockBasis: { inventory, observedAt: NOW - 60_000 },
});
const nothingCommitted = indexCommitted(emptyCommittedStock('acme'));

function decide(overrides: Partial<StockDecisionInput>) {
  return decideStock({
    entry: withBasis('10'),
    inventory: d('10'),
    observedAt: NOW - 1000,
    committed: nothingCommitted,
    now: NOW,
    driftAlarmThreshold: 3,
    driftCorrectionQuietMs: 300_000,
    ...overrides,
  });
}

function committedWith(state: string, minutesAgo: number): CommittedIndex {
  return indexCommitted(
    applyOrderState(emptyCommittedStock('acme'), {
      connectionId: 'acme',
      orderId: 1,
      state,
      documentType: 'salesInvoice',
      lines: [{ sku: 'A', quantity: '2' }],
      sequence: 1,
      occurredAt: new Date(NOW - minutesAgo * 60_000).toISOString(),
    }),
  );
}

describe('stockTarget', () => {
  it('is inventory minus committed, whole units rounded down, never negative, capped', () => {
    expect(stockTarget(d('5'), d('4'))).toBe(1);
    expect(stockTarget(d('7.9'), d('0'))).toBe(7);
    expect(stockTarget(d('3'), d('4'))).toBe(0);
    expect(stockTarget(d('-2'), d('0'))).toBe(0);
    expect(stockTarget(d('99999999999'), d('0'))).toBe(MAX_STORE_LEVEL);
  });
});

describe('decideStock', () => {
  it('sets an absolute level on the first push', () => {
    const decision = decide({ entry, inventory: d('8') });
    expect(decision.change).toEqual({ action: 'absolute', level: 8, why: 'first-push' });
    expect(decision.nextBasis).toEqual({ inventory: '8', observedAt: NOW - 1000 });
  });

  it('pushes the BC-side change as a relative delta, nothing when it is zero', () => {
    expect(decide({ inventory: d('14') }).change).toEqual({ action: 'relative', delta: 4 });
    expect(decide({ inventory: d('7') }).change).toEqual({ action: 'relative', delta: -3 });
    expect(decide({ inventory: d('10.4') }).change).toEqual({ action: 'none' });
  });

  it('does not push what clamping hides, and recovers once stock is positive again', () => {
    const oversold = committedWith('RECEIVED', 10);
    expect(decide({ entry: withBasis('1'), inventory: d('2'), committed: oversold }).change).toEqual({
      action: 'none',
    });
    expect(decide({ entry: withBasis('1'), inventory: d('6'), committed: oversold }).change).toEqual({
      action: 'relative',
      delta: 4,
    });
  });

  it('corrects drift absolutely only when nothing is in flight', () => {
    const clean = decide({ storeLevel: 12, inventory: d('11') });
    expect(clean.drift).toEqual({ sku: 'A', storeLevel: 12, expected: 10, drift: 2, alarm: false, corrected: true });
    expect(clean.change).toEqual({ action: 'absolute', level: 11, why: 'drift-correction' });

    const open = decide({ storeLevel: 4, inventory: d('10'), committed: committedWith('PARKED', 60) });
    expect(open.drift).toMatchObject({ expected: 8, drift: -4, alarm: true, corrected: false });
    expect(open.change).toEqual({ action: 'none' });

    const recent = decide({ storeLevel: 4, inventory: d('10'), committed: committedWith('CANCELLED', 1) });
    expect(recent.drift).toMatchObject({ drift: -6, corrected: false, notCorrectedBecause: 'order-in-flight' });

    const quiet = decide({ storeLevel: 4, inventory: d('10'), committed: committedWith('CANCELLED', 10) });
    expect(quiet.drift).toMatchObject({ drift: -6, corrected: true });
  });

  it('reports zero drift without correcting anything', () => {
    const decision = decide({ storeLevel: 10, inventory: d('13') });
    expect(decision.drift).toMatchObject({ drift: 0, alarm: false, corrected: false });
    expect(decision.drift?.notCorrectedBecause).toBeUndefined();
    expect(decision.change).toEqual({ action: 'relative', delta: 3 });
  });
});
