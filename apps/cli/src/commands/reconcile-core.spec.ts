import { Decimal } from '@mlc/platform-money';
import { dayIn, daysBetween, reconcile, renderReconciliation, type BcOrderFigures, type Figures, type StoreOrderFigures } from './reconcile-core';

const figures = (total: string, tax = '0', shipping = '0', discounts = '0', refunds = '0'): Figures => ({
  total: Decimal.parse(total),
  tax: Decimal.parse(tax),
  shipping: Decimal.parse(shipping),
  discounts: Decimal.parse(discounts),
  refunds: Decimal.parse(refunds),
});

const order = (orderId: number, createdAt: string, f: Figures, statusId = 11): StoreOrderFigures => ({ orderId, createdAt, statusId, deleted: false, currency: 'USD', figures: f });
const doc = (documentNumber: string, f: Figures): BcOrderFigures => ({ found: true, documentNumber, status: 'Open', figures: f });

describe('dayIn / daysBetween', () => {
  it('puts an instant on the calendar day of the time zone', () => {
    expect(dayIn('UTC', '2026-11-28T23:30:00Z')).toBe('2026-11-28');
    expect(dayIn('Europe/Berlin', '2026-11-28T23:30:00Z')).toBe('2026-11-29');
    expect(dayIn('America/Los_Angeles', '2026-11-28T05:00:00Z')).toBe('2026-11-27');
  });

  it('lists every day inclusive', () => {
    expect(daysBetween('2026-11-29', '2026-12-01')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
  });
});

describe('reconcile', () => {
  const base = { from: '2026-11-27', to: '2026-11-28', timeZone: 'Europe/Berlin', tolerance: '0.01', syncableStatuses: [11, 2] };

  it('adds up matching orders per local day and finds no break within the tolerance', () => {
    const r = reconcile({
      ...base,
      orders: [order(1, '2026-11-27T10:00:00Z', figures('108.25', '8.25', '7.50')), order(2, '2026-11-27T23:30:00Z', figures('20.00', '1.00'))],
      bc: new Map([
        [1, doc('PSI-1', figures('108.25', '8.25', '7.50'))],
        [2, doc('PSI-2', figures('20.01', '1.00'))],
      ]),
    });
    expect(r.breaks).toEqual([]);
    // 23:30 UTC on the 27th is already the 28th in Berlin.
    expect(r.days.map((d) => [d.day, d.orders, d.store.total, d.bc.total])).toEqual([
      ['2026-11-27', 1, '108.25', '108.25'],
      ['2026-11-28', 1, '20.00', '20.01'],
    ]);
  });

  it('lists each breaking order with every figure that differs, and orders BC lacks', () => {
    const r = reconcile({
      ...base,
      orders: [
        order(3, '2026-11-27T10:00:00Z', figures('108.25', '8.25', '7.50', '0', '10.00')),
        order(4, '2026-11-27T11:00:00Z', figures('50.00')),
        order(5, '2026-11-27T12:00:00Z', figures('70.00'), 5),
      ],
      bc: new Map([[3, doc('PSI-3', figures('100.00', '0', '7.50', '0', '0'))], [4, { found: false, why: 'ledger state NEEDS_MAPPING' } as const]]),
    });
    expect(r.notSyncable).toBe(1);
    expect(r.breaks).toEqual([
      { orderId: 3, day: '2026-11-27', documentNumber: 'PSI-3', problems: ['total: store 108.25 USD vs BC 100.00 (+8.25)', 'tax: store 8.25 USD vs BC 0.00 (+8.25)', 'refunds: store 10.00 USD vs BC 0.00 (+10.00)'] },
      { orderId: 4, day: '2026-11-27', documentNumber: null, problems: ['no BC document: ledger state NEEDS_MAPPING'] },
    ]);
    expect(r.days[0]).toMatchObject({ orders: 2, breaks: 2, store: { total: '158.25' }, bc: { total: '100.00' } });
    expect(renderReconciliation(r)).toContain('2 order(s) break:\n  order 3 (2026-11-27, PSI-3): total: store 108.25 USD vs BC 100.00 (+8.25); tax:');
  });

  it('leaves out orders created outside the period', () => {
    const r = reconcile({ ...base, orders: [order(6, '2026-11-25T10:00:00Z', figures('1.00'))], bc: new Map() });
    expect(r.days.every((d) => d.orders === 0)).toBe(true);
    expect(r.breaks).toEqual([]);
  });
});
