import { Decimal } from '@mlc/platform-money';
import {
  BASE_CONTEXT,
  CUSTOMER,
  ORDER_SCENARIOS,
  runOrderScenario,
  settingsWith,
  toGoldenJson,
} from './__fixtures__/order-scenarios';
import bundle from './__fixtures__/order.bundle.expected.json';
import coupon from './__fixtures__/order.coupon.expected.json';
import foreignCurrency from './__fixtures__/order.foreign-currency.expected.json';
import freeShipping from './__fixtures__/order.free-shipping.expected.json';
import giftCertificateRedeemed from './__fixtures__/order.gift-certificate-redeemed.expected.json';
import giftCertificateSold from './__fixtures__/order.gift-certificate-sold.expected.json';
import guest from './__fixtures__/order.guest.expected.json';
import longAndCollidingSkus from './__fixtures__/order.long-and-colliding-skus.expected.json';
import manualDiscount from './__fixtures__/order.manual-discount.expected.json';
import moreThan50Lines from './__fixtures__/order.more-than-50-lines.expected.json';
import pickupAndDigital from './__fixtures__/order.pickup-and-digital.expected.json';
import returningShopper from './__fixtures__/order.returning-shopper.expected.json';
import severalShippingAddresses from './__fixtures__/order.several-shipping-addresses.expected.json';
import taxInclusiveBcCalculates from './__fixtures__/order.tax-inclusive-bc-calculates.expected.json';
import taxInclusiveStoreTaxLine from './__fixtures__/order.tax-inclusive-store-tax-line.expected.json';
import zeroPriceLine from './__fixtures__/order.zero-price-line.expected.json';
import type { SalesDocumentDraft, SalesDocumentResult } from './documents/sales-document';
import { toSalesDocumentPayload } from './documents/to-payload';
import { mapOrderToSalesDocument } from './map-order-to-sales-document';

/** Reviewed goldens: each holds an `_arithmetic` array showing the sums by hand. */
const GOLDENS: Record<string, { result: unknown }> = {
  'order.guest': guest,
  'order.returning-shopper': returningShopper,
  'order.coupon': coupon,
  'order.manual-discount': manualDiscount,
  'order.free-shipping': freeShipping,
  'order.several-shipping-addresses': severalShippingAddresses,
  'order.pickup-and-digital': pickupAndDigital,
  'order.tax-inclusive-bc-calculates': taxInclusiveBcCalculates,
  'order.tax-inclusive-store-tax-line': taxInclusiveStoreTaxLine,
  'order.foreign-currency': foreignCurrency,
  'order.gift-certificate-sold': giftCertificateSold,
  'order.gift-certificate-redeemed': giftCertificateRedeemed,
  'order.bundle': bundle,
  'order.long-and-colliding-skus': longAndCollidingSkus,
  'order.zero-price-line': zeroPriceLine,
  'order.more-than-50-lines': moreThan50Lines,
};

interface GoldenLine {
  lineType: string;
  quantity?: string;
  unitPrice?: string;
  discountAmount?: string;
}

/** BC's arithmetic, written out again here on purpose: round2(quantity x unitPrice) - discountAmount per line. */
function bcDocumentTotal(lines: readonly GoldenLine[]): Decimal {
  return Decimal.sum(
    lines
      .filter((l) => l.lineType !== 'Comment')
      .map((l) =>
        Decimal.parse(l.quantity!)
          .times(Decimal.parse(l.unitPrice!))
          .round(2)
          .minus(l.discountAmount ?? '0'),
      ),
  );
}

function draftOf(result: SalesDocumentResult | undefined): SalesDocumentDraft {
  if (result?.kind !== 'draft') throw new Error(`expected a draft, got ${JSON.stringify(result)}`);
  return result;
}

const rawTotal = (name: string, field: 'total_inc_tax' | 'total_ex_tax') =>
  Decimal.parse((ORDER_SCENARIOS[name]!.raw as Record<string, string>)[field]!);

describe('mapOrderToSalesDocument against the reviewed golden files', () => {
  it('has a golden for every order scenario', () => {
    expect(Object.keys(GOLDENS).sort()).toEqual(Object.keys(ORDER_SCENARIOS).sort());
  });

  it.each(Object.keys(GOLDENS))('%s maps to its golden document', (name) => {
    const run = runOrderScenario(name);
    expect(toGoldenJson(run.result)).toEqual(GOLDENS[name]!.result);
  });

  const storeTaxLine = Object.keys(ORDER_SCENARIOS).filter(
    (n) => ORDER_SCENARIOS[n]!.settings.taxMode === 'store-tax-line',
  );
  it.each(storeTaxLine)('%s: the BC lines add up to the store total_inc_tax to the cent (store-tax-line)', (name) => {
    const lines = (GOLDENS[name]!.result as { lines: GoldenLine[] }).lines;
    expect(bcDocumentTotal(lines).toFixed(2)).toBe(rawTotal(name, 'total_inc_tax').toFixed(2));
    expect(draftOf(runOrderScenario(name).result).totals.expectedDocumentTotal?.toFixed(2)).toBe(
      rawTotal(name, 'total_inc_tax').toFixed(2),
    );
  });

  const bcCalculates = Object.keys(ORDER_SCENARIOS).filter(
    (n) => ORDER_SCENARIOS[n]!.settings.taxMode === 'bc-calculates',
  );
  it.each(bcCalculates)('%s: the ex-tax lines are within a cent of the store total_ex_tax (bc-calculates)', (name) => {
    const lines = (GOLDENS[name]!.result as { lines: GoldenLine[] }).lines;
    expect(bcDocumentTotal(lines).minus(rawTotal(name, 'total_ex_tax')).abs().lt('0.01')).toBe(true);
    expect(draftOf(runOrderScenario(name).result).totals.expectedDocumentTotal).toBeNull();
  });
});

describe('mapOrderToSalesDocument decisions', () => {
  it('parks an order in a currency BC does not have, naming it', () => {
    const { order, resolution } = runOrderScenario('order.foreign-currency');
    if (resolution.kind !== 'resolved') throw new Error('fixture must resolve');
    const context = { ...BASE_CONTEXT, bcCurrencyCodes: ['CAD'] };
    const result = mapOrderToSalesDocument(order, settingsWith(), CUSTOMER, resolution.items, context);
    expect(result).toMatchObject({ kind: 'parked', reason: 'CURRENCY_NOT_IN_BC' });
    expect(result.kind === 'parked' && result.detail).toContain('EUR');
  });

  it('parks when a needed account is not configured, naming the setting', () => {
    const { order, resolution } = runOrderScenario('order.returning-shopper');
    if (resolution.kind !== 'resolved') throw new Error('fixture must resolve');
    const settings = settingsWith({ accounts: { shipping: '40500', storeTax: '23100' } });
    const result = mapOrderToSalesDocument(order, settings, CUSTOMER, resolution.items, BASE_CONTEXT);
    expect(result).toMatchObject({
      kind: 'parked',
      reason: 'ACCOUNT_NOT_CONFIGURED',
      detail: 'settings.accounts.handling is required for an order with a handling cost',
    });
  });

  it('parks when a configured account is missing in BC', () => {
    const { order, resolution } = runOrderScenario('order.guest');
    if (resolution.kind !== 'resolved') throw new Error('fixture must resolve');
    const context = { ...BASE_CONTEXT, accounts: {} };
    const result = mapOrderToSalesDocument(
      order,
      ORDER_SCENARIOS['order.guest']!.settings,
      CUSTOMER,
      resolution.items,
      context,
    );
    expect(result).toMatchObject({ kind: 'parked', reason: 'ACCOUNT_NOT_IN_BC' });
  });

  it('parks instead of writing a partial document when a SKU has no item', () => {
    const { order } = runOrderScenario('order.coupon');
    const result = mapOrderToSalesDocument(order, settingsWith(), CUSTOMER, new Map(), BASE_CONTEXT);
    expect(result).toMatchObject({ kind: 'parked', reason: 'ITEM_NOT_RESOLVED' });
  });

  it('parks when the lines cannot explain the store total (e.g. an unmapped fee)', () => {
    const { order, resolution } = runOrderScenario('order.coupon');
    if (resolution.kind !== 'resolved') throw new Error('fixture must resolve');
    const withFee = { ...order, totals: { ...order.totals, totalIncTax: order.totals.totalIncTax.plus('3.50') } };
    const result = mapOrderToSalesDocument(withFee, settingsWith(), CUSTOMER, resolution.items, BASE_CONTEXT);
    expect(result).toMatchObject({ kind: 'parked', reason: 'UNEXPLAINED_DIFFERENCE' });
  });

  it('puts order-level discounts on a negative G/L line when accounts.discounts is set', () => {
    const { order, resolution } = runOrderScenario('order.manual-discount');
    if (resolution.kind !== 'resolved') throw new Error('fixture must resolve');
    const settings = settingsWith({
      accounts: { ...ORDER_SCENARIOS['order.coupon']!.settings.accounts, discounts: '40950' },
    });
    const draft = draftOf(mapOrderToSalesDocument(order, settings, CUSTOMER, resolution.items, BASE_CONTEXT));
    const discountLine = draft.lines.find((l) => l.source.kind === 'order-discount');
    expect(discountLine?.unitPrice?.toString()).toBe('-5');
    expect(draft.lines.filter((l) => l.discountAmount)).toEqual([]);
    expect(draft.totals.expectedDocumentTotal?.toFixed(2)).toBe('95.51');
  });

  it('writes a deep-insert body with BC field names and JSON numbers', () => {
    const invoice = toSalesDocumentPayload(draftOf(runOrderScenario('order.coupon').result));
    expect(invoice).toMatchObject({
      externalDocumentNumber: 'BC-1003',
      invoiceDate: '2024-03-08',
      postingDate: '2024-03-08',
    });
    expect(invoice['salesInvoiceLines']).toContainEqual({
      sequence: 10000,
      lineType: 'Item',
      itemId: 'a1000000-0000-4000-8000-000000000006',
      description: 'Ceramic Pour-Over Mug',
      quantity: 3,
      unitPrice: 12.99,
      discountAmount: 3.9,
      taxCode: 'NONTAXABLE',
    });
    const order = toSalesDocumentPayload(draftOf(runOrderScenario('order.returning-shopper').result));
    expect(order).toMatchObject({ orderDate: '2024-03-07', pricesIncludeTax: false });
    expect(order).not.toHaveProperty('salesInvoiceLines');
    expect(order['salesOrderLines']).toHaveLength(7);
  });
});
