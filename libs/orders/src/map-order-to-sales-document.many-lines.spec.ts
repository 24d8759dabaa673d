import { Decimal } from '@mlc/platform-money';
import { BASE_CONTEXT, CUSTOMER, settingsWith } from './__fixtures__/order-scenarios';
import guest from './__fixtures__/order.guest.json';
import { lineAmount } from './documents/build-context';
import { mapOrderToSalesDocument } from './map-order-to-sales-document';
import { parseStoreOrder } from './model/to-store-order';
import type { BcItemRecord } from './ports/item-lookup.port';
import { planItemLookup, resolveItems } from './resolve-items';

const RATE = Decimal.parse('0.0825');
const LINES = 60;

/**
 * An order with more lines than one page of /v2/orders/{id}/products (50), built the way BigCommerce computes it:
 * line i costs 2.00 + 0.35 i, quantity 1 + i mod 3, tax 8.25% per line rounded to the cent, shipping 12.00.
 */
function orderWithManyLines() {
  const template = guest.consignments.shipping[0]!.line_items[1]!;
  const lines = Array.from({ length: LINES }, (_, index) => {
    const i = index + 1;
    const price = Decimal.parse('2.00').plus(Decimal.parse('0.35').times(i));
    const quantity = 1 + (i % 3);
    const total = price.times(quantity);
    const tax = total.times(RATE).round(2);
    return {
      ...template,
      id: 5000 + i,
      order_id: 1017,
      sku: `BULK-${String(i).padStart(3, '0')}`,
      name: `Bulk item ${i}`,
      quantity,
      price_ex_tax: price.toFixed(4),
      price_inc_tax: price.plus(price.times(RATE).round(4)).toFixed(4),
      price_tax: price.times(RATE).round(4).toFixed(4),
      total_ex_tax: total.toFixed(4),
      total_inc_tax: total.plus(tax).toFixed(4),
      total_tax: tax.toFixed(4),
    };
  });
  const subtotal = Decimal.sum(lines.map((l) => Decimal.parse(l.total_ex_tax)));
  const lineTax = Decimal.sum(lines.map((l) => Decimal.parse(l.total_tax)));
  const shipping = Decimal.parse('12.00');
  const shippingTax = shipping.times(RATE).round(2);
  const totalEx = subtotal.plus(shipping);
  const totalTax = lineTax.plus(shippingTax);
  const consignment = {
    ...guest.consignments.shipping[0]!,
    line_items: lines,
    cost_ex_tax: 12,
    cost_inc_tax: 12.99,
    cost_tax: 0.99,
  };
  return {
    raw: {
      ...guest,
      id: 1017,
      customer_id: 60,
      subtotal_ex_tax: subtotal.toFixed(4),
      subtotal_inc_tax: subtotal.plus(lineTax).toFixed(4),
      subtotal_tax: lineTax.toFixed(4),
      shipping_cost_ex_tax: shipping.toFixed(4),
      shipping_cost_inc_tax: shipping.plus(shippingTax).toFixed(4),
      shipping_cost_tax: shippingTax.toFixed(4),
      total_ex_tax: totalEx.toFixed(4),
      total_tax: totalTax.toFixed(4),
      total_inc_tax: totalEx.plus(totalTax).toFixed(4),
      consignments: { ...guest.consignments, shipping: [consignment] },
    },
    expectedTotal: totalEx.plus(totalTax),
  };
}

describe('an order with more than 50 lines', () => {
  const { raw, expectedTotal } = orderWithManyLines();
  const parsed = parseStoreOrder(raw);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const order = parsed.order;
  const settings = settingsWith();
  const plan = planItemLookup(order, settings.skuMapping);
  const catalog: BcItemRecord[] = plan.numbers.map((number, index) => ({
    id: `a2000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
    number,
    gtin: '',
    blocked: false,
    type: 'Inventory',
    displayName: number,
  }));
  const resolution = resolveItems(order, 'item-number', {
    byNumber: catalog,
    byGtin: [],
    mappings: [],
    mappedItems: [],
  });
  if (resolution.kind !== 'resolved') throw new Error('all bulk SKUs must resolve');
  const result = mapOrderToSalesDocument(order, settings, CUSTOMER, resolution.items, BASE_CONTEXT);
  if (result.kind !== 'draft') throw new Error(result.detail);

  it('keeps every line of the consignment (no 50-line page cut)', () => {
    expect(order.lines).toHaveLength(LINES);
    expect(result.lines.filter((l) => l.lineType === 'Item')).toHaveLength(LINES);
  });

  it('numbers lines 10000 apart in store order, shipping and tax last', () => {
    expect(result.lines.map((l) => l.sequence)).toEqual(Array.from({ length: LINES + 2 }, (_, i) => (i + 1) * 10000));
    expect(result.lines.slice(-2).map((l) => l.source.kind)).toEqual(['shipping', 'store-tax']);
  });

  it('adds up to the store total to the cent', () => {
    expect(Decimal.sum(result.lines.map(lineAmount)).toFixed(2)).toBe(expectedTotal.toFixed(2));
    expect(result.totals.expectedDocumentTotal?.toFixed(2)).toBe(expectedTotal.toFixed(2));
  });
});
