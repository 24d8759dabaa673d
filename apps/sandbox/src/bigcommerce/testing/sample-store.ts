import type { BigCommerceTestSandbox } from './test-sandbox';

/** Orders of every kind the schema suites read: shipped with discounts, pickup, digital with a gift certificate, euro, unpaid. */
export interface SampleOrders {
  readonly shipped: number;
  readonly pickup: number;
  readonly digital: number;
  readonly euro: number;
  readonly unpaid: number;
}

/**
 * Fills a seeded store (at least 6 products, 1 customer) with a variant product, a digital product, a second
 * currency and one order of each kind; the shipped order is partly refunded.
 */
export async function buildSampleStore(sb: BigCommerceTestSandbox): Promise<SampleOrders> {
  await sb.control('POST', '/__sandbox/bigcommerce/products', {
    name: 'Tee with sizes',
    sku: 'TEE',
    price: '20.00',
    variants: [
      { sku: 'TEE-S', inventory: 10, optionLabel: 'S' },
      { sku: 'TEE-M', price: '22.00', inventory: 10, optionLabel: 'M' },
    ],
  });
  await sb.control('POST', '/__sandbox/bigcommerce/products', {
    name: 'E-book',
    sku: 'EBOOK',
    price: '9.99',
    type: 'digital',
    inventoryTracking: 'none',
  });
  await sb.control('PUT', '/__sandbox/bigcommerce/settings', { currencies: { EUR: '0.92' } });
  const state = (await sb.control('GET', '/__sandbox/bigcommerce/state')).json<{
    customers: Array<{ email: string }>;
  }>();
  const customer = state.customers[0]?.email ?? 'sample.customer@example.com';
  const orders: SampleOrders = {
    shipped: await sb.placeOrder({
      customerEmail: customer,
      lines: [
        { sku: 'SKU-00001', quantity: 2 },
        { sku: 'TEE-M', quantity: 1 },
      ],
      couponCode: 'SAVE10',
      manualDiscount: '3.00',
    }),
    pickup: await sb.placeOrder({ guest: true, fulfillment: 'pickup', lines: [{ sku: 'SKU-00002', quantity: 1 }] }),
    digital: await sb.placeOrder({
      customerEmail: 'new.shopper@example.com',
      lines: [{ sku: 'EBOOK', quantity: 1 }],
      giftCertificates: [{ amount: '25.00', recipientEmail: 'friend@example.com' }],
    }),
    euro: await sb.placeOrder({ customerEmail: customer, currency: 'EUR', lines: [{ sku: 'SKU-00003', quantity: 1 }] }),
    unpaid: await sb.placeOrder({ guest: true, statusId: 7, lines: [{ sku: 'SKU-00004', quantity: 1 }] }),
  };
  await sb.control('POST', `/__sandbox/bigcommerce/orders/${orders.shipped}/refunds`, {
    items: [{ sku: 'SKU-00001', quantity: 1 }],
  });
  return orders;
}
