import badMoney from '../__fixtures__/order.invalid.bad-money.json';
import consignmentsNotIncluded from '../__fixtures__/order.invalid.consignments-not-included.json';
import lineItemsAsReferences from '../__fixtures__/order.invalid.line-items-as-references.json';
import missingTotalBadDate from '../__fixtures__/order.invalid.missing-total-bad-date.json';
import coupon from '../__fixtures__/order.coupon.json';
import foreignCurrency from '../__fixtures__/order.foreign-currency.json';
import giftCertificateSold from '../__fixtures__/order.gift-certificate-sold.json';
import guest from '../__fixtures__/order.guest.json';
import pickupAndDigital from '../__fixtures__/order.pickup-and-digital.json';
import taxInclusive from '../__fixtures__/order.tax-inclusive-store-tax-line.json';
import type { StoreOrder } from './store-order';
import { parseStoreOrder } from './to-store-order';

function parsed(raw: unknown): StoreOrder {
  const result = parseStoreOrder(raw);
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.order;
}

describe('parseStoreOrder', () => {
  it('maps a guest order: no customer id, UTC ISO dates, exact amounts', () => {
    const order = parsed(guest);
    expect(order).toMatchObject({ id: 1001, customerId: null, statusId: 11, dateCreated: '2024-03-06T03:15:42.000Z' });
    expect(order.totals.totalIncTax.toFixed(4)).toBe('67.5900');
    expect(order.lines.map((l) => [l.id, l.sku, l.quantity, l.priceExTax.toString(), l.consignment])).toEqual([
      [101, 'TEE-ORG-M', 2, '19.99', 'shipping'],
      [102, 'TOTE-CNV', 1, '14.5', 'shipping'],
    ]);
    expect(order.lines[0]!.options).toEqual([
      { name: 'Size', value: 'M' },
      { name: 'Colour', value: 'Natural' },
    ]);
    expect(order.billingAddress.countryIso2).toBe('US');
  });

  it('merges lines of every consignment kind, tagged by kind', () => {
    expect(parsed(pickupAndDigital).lines.map((l) => [l.id, l.consignment, l.consignmentId])).toEqual([
      [701, 'pickup', 71],
      [702, 'download', null],
    ]);
    expect(parsed(giftCertificateSold).lines.map((l) => [l.id, l.type, l.consignment])).toEqual([
      [1101, 'giftcertificate', 'gift-certificate-email'],
      [1102, 'physical', 'shipping'],
    ]);
  });

  it('reads consignment costs sent as JSON numbers without float drift', () => {
    const [shipping] = parsed(taxInclusive).shippingConsignments;
    expect(shipping!.costExTax.toString()).toBe('4.1583');
    expect(shipping!.costIncTax.toString()).toBe('4.99');
  });

  it('keeps the transactional currency apart from the store default', () => {
    expect(parsed(foreignCurrency).currency).toEqual({
      transactional: 'EUR',
      display: 'EUR',
      storeDefault: 'USD',
      storeDefaultToTransactionalRate: '0.9200000000',
    });
  });

  it('reads a blank store_default_currency_code (single-currency stores) as not sent, and only that', () => {
    const blank = parseStoreOrder({ ...foreignCurrency, store_default_currency_code: '' });
    const absent = parseStoreOrder({ ...foreignCurrency, store_default_currency_code: undefined });
    expect(blank.ok && blank.order.currency.storeDefault).toBeNull();
    expect(blank).toEqual(absent);
    expect(parseStoreOrder({ ...foreignCurrency, store_default_currency_code: 'US' }).ok).toBe(false);
  });

  it('collects applied coupons from the lines', () => {
    const [applied] = parsed(coupon).coupons;
    expect(applied).toMatchObject({ id: '17', code: 'SAVE10' });
    expect(applied!.amount.toFixed(2)).toBe('6.39');
  });
});

describe('parseStoreOrder on malformed JSON', () => {
  const errorsOf = (raw: unknown) => {
    const result = parseStoreOrder(raw);
    if (result.ok) throw new Error('expected a schema error');
    return result.errors;
  };

  it('names a money field that is not a decimal string', () => {
    expect(errorsOf(badMoney)).toEqual([
      'order.consignments.shipping.0.line_items.1.price_ex_tax: expected a decimal string such as "19.9900"',
    ]);
  });

  it('says which include is missing when line items are references', () => {
    expect(errorsOf(lineItemsAsReferences)).toEqual([
      'order.consignments.shipping.0.line_items.0: is a resource reference, not inline data (request include=consignments.line_items)',
      'order.consignments.shipping.0.line_items.1: is a resource reference, not inline data (request include=consignments.line_items)',
    ]);
  });

  it('says which include is missing when consignments are a reference', () => {
    expect(errorsOf(consignmentsNotIncluded)).toEqual([
      'order.consignments: is a resource reference, not inline data (request include=consignments.line_items&consignment_structure=object)',
    ]);
  });

  it('names a missing total and a date that is not RFC 2822', () => {
    const errors = errorsOf(missingTotalBadDate);
    expect(errors).toContain('order.date_created: expected an RFC 2822 date such as "Tue, 05 Mar 2019 21:40:11 +0000"');
    expect(errors.some((e) => e.startsWith('order.total_inc_tax: '))).toBe(true);
  });

  it('rejects a body that is not an order at all', () => {
    expect(errorsOf([{ status: 404, message: 'The requested resource was not found.' }])[0]).toMatch(/^order: /);
  });
});
