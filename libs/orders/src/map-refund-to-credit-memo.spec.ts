import { Decimal } from '@mlc/platform-money';
import {
  BASE_CONTEXT,
  CUSTOMER,
  REFUND_SCENARIOS,
  invoiceIdOf,
  runRefundScenario,
  settingsWith,
  toGoldenJson,
} from './__fixtures__/order-scenarios';
import fullGolden from './__fixtures__/refund.full.expected.json';
import partialGolden from './__fixtures__/refund.partial.expected.json';
import type { CreditMemoDraft, CreditMemoResult } from './documents/credit-memo';
import { toCreditMemoPayload } from './documents/to-payload';
import { mapRefundToCreditMemo } from './map-refund-to-credit-memo';
import type { StoreRefund } from './model/store-refund';

const GOLDENS: Record<string, { result: unknown }> = { 'refund.partial': partialGolden, 'refund.full': fullGolden };

interface GoldenLine {
  quantity: string;
  unitPrice: string;
  discountAmount?: string;
}

function draftOf(result: CreditMemoResult): CreditMemoDraft {
  if (result.kind !== 'draft') throw new Error(`${result.reason}: ${result.detail}`);
  return result;
}

describe('mapRefundToCreditMemo against the reviewed golden files', () => {
  it.each(Object.keys(REFUND_SCENARIOS))('%s maps to its golden credit memo', (name) => {
    expect(toGoldenJson(runRefundScenario(name).result)).toEqual(GOLDENS[name]!.result);
  });

  it.each(Object.keys(REFUND_SCENARIOS))("%s: the memo lines add up to the refund's total_amount", (name) => {
    const { refund } = runRefundScenario(name);
    const lines = (GOLDENS[name]!.result as { lines: GoldenLine[] }).lines;
    const total = Decimal.sum(
      lines.map((l) =>
        Decimal.parse(l.quantity)
          .times(l.unitPrice)
          .round(2)
          .minus(l.discountAmount ?? '0'),
      ),
    );
    expect(total.toFixed(2)).toBe(refund.totalAmount.toFixed(2));
  });
});

describe('mapRefundToCreditMemo decisions', () => {
  const { order, refund } = runRefundScenario('refund.partial');
  const full = runRefundScenario('refund.full');
  const context = { ...BASE_CONTEXT, invoiceId: invoiceIdOf(order.id), customerId: CUSTOMER.id };
  const map = (r: StoreRefund, settings = settingsWith(), items = new Map()) =>
    mapRefundToCreditMemo(r, order, settings, items, context);

  it('returns products to their items when refundLines is item-return', () => {
    const items = new Map([
      ['BEANIE-MER-GRY', { itemId: 'a1000000-0000-4000-8000-000000000003', number: 'BEANIE-MER-GRY' }],
    ]);
    const draft = draftOf(map(refund, settingsWith({ refundLines: 'item-return' }), items));
    expect(draft.lines[0]).toMatchObject({
      lineType: 'Item',
      itemId: 'a1000000-0000-4000-8000-000000000003',
      description: 'Refund: Merino Wool Beanie',
    });
  });

  it('prorates the invoice discount for a partial quantity and applies refund adjustments', () => {
    const mugs: StoreRefund = {
      ...full.refund,
      totalAmount: Decimal.parse('24.68'),
      totalTax: Decimal.parse('1.93'),
      items: [
        {
          type: 'PRODUCT',
          itemId: 301,
          quantity: 2,
          requestedAmount: null,
          adjustment: Decimal.parse('-0.50'),
          reason: '',
        },
      ],
    };
    const result = mapRefundToCreditMemo(mugs, full.order, settingsWith(), new Map(), {
      ...context,
      invoiceId: invoiceIdOf(1003),
    });
    // 2 x 12.99 = 25.98 less discount 3.90 x 2/3 = 2.60 and adjustment 0.50: 22.88 ex tax. A refund of 24.68 with
    // tax 1.93 is 22.75 ex tax, 0.13 away: parked. 24.81 with tax 1.93 matches.
    expect(result).toMatchObject({ kind: 'parked', reason: 'REFUND_UNRECONCILED' });
    const matching = { ...mugs, totalAmount: Decimal.parse('24.81') };
    const draft = draftOf(
      mapRefundToCreditMemo(matching, full.order, settingsWith(), new Map(), {
        ...context,
        invoiceId: invoiceIdOf(1003),
      }),
    );
    expect(draft.lines[0]).toMatchObject({
      quantity: Decimal.from(2),
      unitPrice: Decimal.parse('12.99'),
      discountAmount: Decimal.parse('3.10'),
    });
    expect(draft.lines[1]!.unitPrice?.toFixed(2)).toBe('1.93');
  });

  it('parks a refund the order lines cannot price', () => {
    const inflated = { ...refund, totalAmount: refund.totalAmount.plus('10.00') };
    expect(map(inflated)).toMatchObject({ kind: 'parked', reason: 'REFUND_UNRECONCILED' });
  });

  it('books a merchant-calculated refund as one amount line', () => {
    const override = {
      ...refund,
      usesMerchantOverride: true,
      totalAmount: Decimal.parse('20.00'),
      totalTax: Decimal.parse('1.00'),
    };
    const draft = draftOf(map(override));
    expect(draft.lines.map((l) => [l.description, l.unitPrice?.toFixed(2)])).toEqual([
      ['Refund (merchant-calculated)', '19.00'],
      ['Sales tax refunded by the store', '1.00'],
    ]);
  });

  it('parks declined refund payments and items the order does not have', () => {
    expect(map({ ...refund, payments: [{ ...refund.payments[0]!, declined: true }] })).toMatchObject({
      reason: 'REFUND_PAYMENT_DECLINED',
    });
    expect(map({ ...refund, items: [{ ...refund.items[0]!, itemId: 999 }] })).toMatchObject({
      reason: 'REFUND_ITEM_NOT_IN_ORDER',
    });
  });

  it('converts a tax-inclusive shipping refund to ex tax', () => {
    const inclusive = {
      ...order,
      taxInclusivePricing: true,
      shipping: { ...order.shipping, exTax: Decimal.parse('4.1583'), incTax: Decimal.parse('4.99') },
    };
    const shippingOnly: StoreRefund = {
      ...refund,
      totalAmount: Decimal.parse('4.99'),
      totalTax: Decimal.parse('0.83'),
      items: [refund.items[1]!],
    };
    const result = mapRefundToCreditMemo(
      { ...shippingOnly, items: [{ ...refund.items[1]!, requestedAmount: Decimal.parse('4.99') }] },
      inclusive,
      settingsWith(),
      new Map(),
      context,
    );
    expect(draftOf(result).lines.map((l) => l.unitPrice?.toFixed(2))).toEqual(['4.16', '0.83']);
  });

  it('leaves tax to BC in bc-calculates mode and keys the memo by order and refund id', () => {
    const draft = draftOf(
      map(
        refund,
        settingsWith({ taxMode: 'bc-calculates', taxGroups: { items: 'TAXABLE', byTaxClassId: { '2': 'SHIPPING' } } }),
      ),
    );
    expect(draft.lines.map((l) => l.taxCode)).toEqual(['TAXABLE', 'SHIPPING']);
    expect(draft.totals.expectedDocumentTotal).toBeNull();
    expect(toCreditMemoPayload(draft)).toMatchObject({
      externalDocumentNumber: 'BC-1002-R7',
      creditMemoDate: '2024-03-15',
      invoiceId: invoiceIdOf(1002),
    });
  });
});
