import { BigCommerceTestSandbox, JsonBody } from './testing';

/**
 * The control API (shared routes and the BigCommerce ones) validates its input: 400 with every issue named by its
 * field, 404/422 with a sentence for unknown records, and never a 500 for bad input.
 */
describe('control API input validation (shared and BigCommerce routes)', () => {
  let sb: BigCommerceTestSandbox;
  let order: number;

  beforeAll(async () => {
    sb = await BigCommerceTestSandbox.start({ seed: { products: 3, variantsPerProduct: 0, customers: 1 } });
    order = await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00001', quantity: 1 }] });
  });
  afterAll(() => sb?.close());

  const refused = async (method: string, path: string, body: unknown, status = 400) => {
    const res = await sb.control(method, path, body);
    expect(res.status).toBe(status);
    return res.json<JsonBody>();
  };

  it('shared routes: seed, faults and clock name each bad field; malformed JSON is 400', async () => {
    expect((await refused('POST', '/__sandbox/seed', { products: 'many', customers: -1 })).issues).toEqual([
      expect.stringMatching(/^products: .*expected number/),
      expect.stringMatching(/^customers: .*>=0/),
    ]);
    expect((await refused('POST', '/__sandbox/seed', { products: 1, colour: 'red' })).issues).toEqual([
      expect.stringContaining('"colour"'),
    ]);
    expect((await refused('POST', '/__sandbox/faults', { system: 'shopify', status: 500 })).issues).toEqual([
      expect.stringMatching(/^system: .*"bigcommerce".*"business-central-notifications"/),
    ]);
    expect((await refused('POST', '/__sandbox/faults', { system: 'bigcommerce' })).issues).toEqual([
      '(body): a fault needs at least one of status, latencyMs, reset or drop',
    ]);
    expect(
      (await refused('POST', '/__sandbox/faults', { system: 'bigcommerce', afterCommit: true, latencyMs: 5 })).issues,
    ).toEqual(['(body): afterCommit needs a status or reset to fail the response with']);
    expect(
      (await refused('POST', '/__sandbox/faults', { system: 'bigcommerce', status: 500, path: '([' })).issues,
    ).toEqual(['path: not a valid regular expression']);
    expect(
      (await refused('POST', '/__sandbox/faults', { system: 'bigcommerce', status: 700, rate: 2 })).issues,
    ).toEqual([expect.stringMatching(/^status: .*<=599/), expect.stringMatching(/^rate: .*<=1/)]);
    expect((await sb.control('GET', '/__sandbox/faults')).json<JsonBody>().faults).toEqual([]);
    expect((await refused('POST', '/__sandbox/clock', { advanceMs: -5 })).issues).toEqual([
      expect.stringMatching(/^advanceMs: .*>=0/),
    ]);
    const malformed = await fetch(`${sb.baseUrl}/__sandbox/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"advanceMs":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: 'body is not valid JSON' });
  });

  it('orders: lines are required and checked; unknown SKUs, coupons and currencies are 422 with a sentence', async () => {
    expect((await refused('POST', '/__sandbox/bigcommerce/orders', {})).issues).toEqual([
      '(body): an order needs lines or giftCertificates',
    ]);
    expect(
      (
        await refused('POST', '/__sandbox/bigcommerce/orders', {
          customerEmail: 'not-an-email',
          lines: [{ sku: 'SKU-00001', quantity: 0 }],
        })
      ).issues,
    ).toEqual([expect.stringMatching(/^customerEmail: /), expect.stringMatching(/^lines\.0\.quantity: .*>=1/)]);
    const line = [{ sku: 'SKU-00001', quantity: 1 }];
    expect(
      await refused('POST', '/__sandbox/bigcommerce/orders', { lines: [{ sku: 'NOPE', quantity: 1 }] }, 422),
    ).toEqual({
      error: 'unknown SKU NOPE',
    });
    expect(await refused('POST', '/__sandbox/bigcommerce/orders', { lines: line, couponCode: 'NOPE' }, 422)).toEqual({
      error: 'coupon NOPE does not exist',
    });
    expect(
      (await refused('POST', '/__sandbox/bigcommerce/orders', { lines: line, currency: 'JPY' }, 422)).error,
    ).toMatch(/^currency JPY is not enabled/);
    const orders = (await sb.control('GET', '/__sandbox/bigcommerce/state')).json<{ orders: unknown[] }>().orders;
    expect(orders).toHaveLength(1);
  });

  it('order status and refunds: unknown orders are 404, bad values name the field, nothing is applied', async () => {
    expect(await refused('POST', '/__sandbox/bigcommerce/orders/999999/status', { statusId: 2 }, 404)).toEqual({
      error: 'order 999999 not found',
    });
    expect((await refused('POST', `/__sandbox/bigcommerce/orders/${order}/status`, { statusId: 99 })).issues).toEqual([
      expect.stringMatching(/^statusId: .*<=14/),
    ]);
    expect(
      (await refused('POST', `/__sandbox/bigcommerce/orders/${order}/refunds`, { amount: 'lots' })).issues,
    ).toEqual(['amount: a money string such as "12.50"']);
    expect(
      await refused(
        'POST',
        `/__sandbox/bigcommerce/orders/${order}/refunds`,
        { items: [{ sku: 'NOPE', quantity: 1 }] },
        422,
      ),
    ).toEqual({ error: `order ${order} has no line for NOPE with 1 refundable` });
    expect(
      (await sb.api('GET', `/v2/orders/${order}`)).json<{ status_id: number; refunded_amount: string }>(),
    ).toMatchObject({
      status_id: 11,
      refunded_amount: '0.0000',
    });
  });

  it('store settings, products and SKUs: unknown keys, bad values and unknown records are named', async () => {
    expect((await refused('PUT', '/__sandbox/bigcommerce/settings', { rateLimitQuota: 0, colour: 1 })).issues).toEqual([
      expect.stringMatching(/^rateLimitQuota: .*>=1/),
      expect.stringContaining('"colour"'),
    ]);
    expect(await refused('PUT', '/__sandbox/bigcommerce/settings', { timezone: 'Mars/Olympus' })).toEqual({
      error: 'unknown time zone Mars/Olympus',
    });
    expect((await refused('POST', '/__sandbox/bigcommerce/products', { name: 'X', sku: 'X' })).issues).toEqual([
      expect.stringMatching(/^price: /),
    ]);
    expect(
      (
        await refused('POST', '/__sandbox/bigcommerce/products', {
          name: 'X',
          sku: 'X',
          price: '1',
          inventoryTracking: 'variant',
        })
      ).issues,
    ).toEqual(['(body): inventoryTracking "variant" needs variants']);
    expect(await refused('PATCH', '/__sandbox/bigcommerce/skus/NOPE', { stock: 1 }, 404)).toEqual({
      error: 'SKU NOPE not found',
    });
    expect((await refused('PATCH', '/__sandbox/bigcommerce/skus/SKU-00002', { stock: -1 })).issues).toEqual([
      expect.stringMatching(/^stock: .*>=0/),
    ]);
    expect((await sb.control('GET', '/__sandbox/bigcommerce/settings')).json<JsonBody>().rateLimitQuota).not.toBe(0);
  });

  it('unknown control and API routes answer 404 in the v3 error shape on the store port', async () => {
    for (const path of ['/__sandbox/nothing', '/nothing/here']) {
      const res = await fetch(`${sb.baseUrl}${path}`, { method: 'POST' });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ status: 404, title: 'Not Found', type: expect.any(String) });
    }
  });
});
