import { Decimal } from '@mlc/platform-money';
import { BigCommerceTestSandbox, eventually, JsonBody, WebhookReceiver } from './testing';

/** The conformance cases listed at the end of reference/bigcommerce.md, one test each, named after the case. */
describe('BigCommerce conformance cases (reference/bigcommerce.md section 11)', () => {
  let sb: BigCommerceTestSandbox;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    sb = await BigCommerceTestSandbox.start({ seed: { products: 60, variantsPerProduct: 0, customers: 3 } });
    receiver = await WebhookReceiver.start();
    await sb.control('POST', '/__sandbox/bigcommerce/products', {
      name: 'Hoodie',
      sku: 'HOODIE',
      price: '40.00',
      variants: [
        { sku: 'VAR-SKU', inventory: 50, optionLabel: 'M' },
        { sku: 'VAR-SKU-L', inventory: 50, optionLabel: 'L' },
      ],
    });
  });

  afterAll(async () => {
    await receiver?.close();
    await sb?.close();
  });

  const variantBySku = async (sku: string) =>
    (await sb.api('GET', `/v3/catalog/variants?sku=${sku}`)).json<{
      data: Array<{ id: number; product_id: number; sku_id: number | null }>;
    }>().data[0]!;
  const productBySku = async (sku: string) =>
    (await sb.api('GET', `/v3/catalog/products?sku=${sku}`)).json<{ data: Array<{ id: number }> }>().data[0]!;

  it('1. a missing v2 order is 404 with the v2 error array', async () => {
    const res = await sb.api('GET', '/v2/orders/999999');
    expect(res.status).toBe(404);
    expect(res.json()).toEqual([{ status: 404, message: 'The requested resource was not found.' }]);
  });

  it('2. GET /v2/orders with min_date_modified in the future is 204 with an empty body', async () => {
    await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00001', quantity: 1 }] });
    const res = await sb.api(
      'GET',
      `/v2/orders?min_date_modified=${encodeURIComponent('Thu, 01 Jan 2099 00:00:00 +0000')}`,
    );
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
  });

  it('3. v2 money fields are 4-decimal strings and dates RFC 2822 UTC, consistent to the cent', async () => {
    const id = await sb.placeOrder({
      guest: true,
      lines: [{ sku: 'SKU-00002', quantity: 3 }],
      couponCode: 'SAVE10',
      shippingCost: '7.25',
    });
    const order = (await sb.api('GET', `/v2/orders/${id}`)).json<Record<string, unknown>>();
    for (const field of [
      'subtotal_ex_tax',
      'subtotal_inc_tax',
      'subtotal_tax',
      'total_ex_tax',
      'total_inc_tax',
      'total_tax',
      'shipping_cost_inc_tax',
      'coupon_discount',
      'refunded_amount',
    ]) {
      expect(order[field]).toMatch(/^-?\d+\.\d{4}$/);
    }
    for (const field of ['date_created', 'date_modified']) {
      expect(order[field]).toMatch(
        /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/,
      );
    }
    const d = (f: string) => Decimal.parse(order[f] as string);
    expect(d('total_ex_tax').plus(d('total_tax')).eq(d('total_inc_tax'))).toBe(true);
    expect(d('subtotal_ex_tax').plus(d('subtotal_tax')).eq(d('subtotal_inc_tax'))).toBe(true);
    expect(d('total_ex_tax').eq(d('subtotal_ex_tax').minus(d('coupon_discount')).plus(d('shipping_cost_ex_tax')))).toBe(
      true,
    );
  });

  it('4. an order references its products; lines come from /products (50 per page) or inline consignments', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => ({ sku: `SKU-${String(i + 1).padStart(5, '0')}`, quantity: 1 }));
    const id = await sb.placeOrder({ customerEmail: 'big.basket@example.com', lines, couponCode: 'FIVEOFF' });
    const order = (await sb.api('GET', `/v2/orders/${id}`)).json<{ products: { url: string; resource: string } }>();
    expect(order.products.resource).toBe(`/orders/${id}/products`);
    expect(order.products.url).toMatch(new RegExp(`/stores/sandbox/v2/orders/${id}/products$`));
    const page1 = (await sb.api('GET', `/v2/orders/${id}/products`)).json<unknown[]>();
    const page2 = (await sb.api('GET', `/v2/orders/${id}/products?page=2`)).json<unknown[]>();
    expect(page1).toHaveLength(50);
    expect(page2).toHaveLength(10);
    expect((await sb.api('GET', `/v2/orders/${id}/products?page=3`)).status).toBe(204);
    const inline = (
      await sb.api('GET', `/v2/orders/${id}?include=consignments.line_items&consignment_structure=object`)
    ).json<{
      consignments: { shipping: Array<{ line_items: Array<Record<string, unknown>> }> };
    }>();
    const all = inline.consignments.shipping.flatMap((c) => c.line_items);
    expect(all).toHaveLength(60);
    for (const line of all) {
      for (const key of ['id', 'product_id', 'variant_id', 'sku', 'quantity', 'price_ex_tax', 'applied_discounts'])
        expect(line).toHaveProperty(key);
    }
    const discounts = all.flatMap((l) => l.applied_discounts as Array<{ amount: string; code: string }>);
    expect(discounts.every((d) => d.code === 'FIVEOFF')).toBe(true);
    expect(Decimal.sum(discounts.map((d) => Decimal.parse(d.amount))).eq('5')).toBe(true);
  });

  it('5. min_date_modified with +0000 must be URL-encoded; the date_modified:asc poll pages without losing orders', async () => {
    const since = 'Thu, 01 Jan 2015 00:00:00 +0000';
    expect((await sb.api('GET', `/v2/orders?min_date_modified=${encodeURIComponent(since)}`)).status).toBe(200);
    const unencoded = await sb.api('GET', `/v2/orders?min_date_modified=${since.replace(/ /g, '%20')}`);
    expect(unencoded.status).toBe(400);
    expect(unencoded.json<Array<{ message: string }>>()[0]!.message).toContain('min_date_modified');
    for (let i = 0; i < 7; i += 1) await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00010', quantity: 1 }] });
    const seen = new Map<number, string>();
    for (let page = 1; ; page += 1) {
      const res = await sb.api(
        'GET',
        `/v2/orders?min_date_modified=${encodeURIComponent(since)}&sort=date_modified:asc&limit=3&page=${page}`,
      );
      if (res.status === 204) break;
      for (const o of res.json<Array<{ id: number; date_modified: string }>>()) seen.set(o.id, o.date_modified);
    }
    const all = (await sb.control('GET', '/__sandbox/bigcommerce/state')).json<{ orders: Array<{ id: number }> }>()
      .orders;
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(all.map((o) => o.id));
    const dates = [...seen.values()].map((d) => Date.parse(d));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
  });

  it('6. a v3 error is {status,title,type,errors}: POST /v3/hooks without destination is 422 naming it', async () => {
    const res = await sb.api('POST', '/v3/hooks', { body: { scope: 'store/order/created' } });
    expect(res.status).toBe(422);
    const body = res.json<Record<string, unknown>>();
    expect(body).toMatchObject({ status: 422, title: expect.any(String), type: expect.any(String) });
    expect(body.errors).toHaveProperty('destination');
  });

  it('7. POST /v3/customers takes at most 10 (413 above), answers 200 {data:[...],meta:{}}; an unknown email:in is 200 with []', async () => {
    const people = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        email: `batch${n}.${i}@example.com`,
        first_name: 'Batch',
        last_name: `No${i}`,
      }));
    expect((await sb.api('POST', '/v3/customers', { body: people(11) })).status).toBe(413);
    const one = await sb.api('POST', '/v3/customers', { body: people(1) });
    expect(one.status).toBe(200);
    expect(one.json()).toEqual({
      data: [expect.objectContaining({ id: expect.any(Number), email: 'batch1.0@example.com' })],
      meta: {},
    });
    const none = await sb.api('GET', '/v3/customers?email:in=nobody@x.com');
    expect(none.status).toBe(200);
    expect(none.json<{ data: unknown[] }>().data).toEqual([]);
  });

  it('8. batch catalog writes: products max 10, variants max 50 (413), every item needs id, partial failure is 207', async () => {
    const p = await productBySku('SKU-00001');
    expect(
      (await sb.api('PUT', '/v3/catalog/products', { body: Array.from({ length: 11 }, () => ({ id: p.id })) })).status,
    ).toBe(413);
    const v = await variantBySku('VAR-SKU');
    expect(
      (await sb.api('PUT', '/v3/catalog/variants', { body: Array.from({ length: 51 }, () => ({ id: v.id })) })).status,
    ).toBe(413);
    expect((await sb.api('PUT', '/v3/catalog/products', { body: [{ price: 10 }] })).status).toBe(422);
    expect((await sb.api('PUT', '/v3/catalog/variants', { body: [{ price: 10 }] })).json()).toHaveProperty(
      'batch_errors',
    );
    const hoodie = await productBySku('HOODIE');
    const partial = await sb.api('PUT', '/v3/catalog/products', {
      body: [{ id: hoodie.id, price: 45, inventory_level: 9 }],
    });
    expect(partial.status).toBe(207);
    expect(partial.json<{ errors: { status: number } }>().errors.status).toBe(422);
    expect(
      (await sb.api('GET', `/v3/catalog/products/${hoodie.id}`)).json<{ data: { price: number } }>().data.price,
    ).toBe(45);
  });

  it('9. a variant SKU is not found on /v3/catalog/products?sku= but is on /v3/catalog/variants?sku=', async () => {
    expect((await sb.api('GET', '/v3/catalog/products?sku=VAR-SKU')).json<{ data: unknown[] }>().data).toEqual([]);
    expect(
      (await sb.api('GET', '/v3/catalog/variants?sku=VAR-SKU')).json<{ data: Array<{ sku: string }> }>().data,
    ).toEqual([expect.objectContaining({ sku: 'VAR-SKU' })]);
  });

  it('10. inventory: absolute is PUT, relative is POST; 200 {transaction_id}; >2000 items refused; variant_id on a product-tracked item is 422 problem+json', async () => {
    const v = await variantBySku('VAR-SKU');
    const ok = await sb.api('PUT', '/v3/inventory/adjustments/absolute', {
      body: { reason: 'count', items: [{ location_id: 1, variant_id: v.id, quantity: 12 }] },
    });
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({ transaction_id: expect.any(String) });
    expect((await sb.api('POST', '/v3/inventory/adjustments/absolute', { body: { items: [] } })).status).toBe(405);
    expect((await sb.api('PUT', '/v3/inventory/adjustments/relative', { body: { items: [] } })).status).toBe(405);
    const items = Array.from({ length: 2001 }, () => ({ location_id: 1, variant_id: v.id, quantity: 1 }));
    expect((await sb.api('PUT', '/v3/inventory/adjustments/absolute', { body: { items } })).status).toBe(422);
    const simple = await variantBySku('SKU-00003');
    const wrong = await sb.api('PUT', '/v3/inventory/adjustments/absolute', {
      body: { items: [{ location_id: 1, variant_id: simple.id, quantity: 1 }] },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect(wrong.json<{ title: string }>().title).toBe(
      `[Item with variant_id ${simple.id} is tracked by product, please update stock by product id]`,
    );
    await eventually(
      async () => {
        const level = (await sb.api('GET', `/v3/catalog/variants?sku=VAR-SKU`)).json<{
          data: Array<{ inventory_level: number }>;
        }>().data[0]!.inventory_level;
        return level === 12 ? level : undefined;
      },
      3000,
      'the asynchronous adjustment',
    );
  });

  it('11. every response carries X-Rate-Limit-*; past the quota the store answers 429 until the window resets', async () => {
    const limited = await BigCommerceTestSandbox.start({ rateLimitQuota: 5 });
    try {
      await limited.control('POST', '/__sandbox/clock', { advanceMs: 30_000 });
      for (let i = 0; i < 5; i += 1) {
        const res = await limited.api('GET', '/v2/time');
        expect(res.status).toBe(200);
        expect(res.headers.get('x-rate-limit-requests-left')).toBe(String(4 - i));
        expect(res.headers.get('x-rate-limit-requests-quota')).toBe('5');
        expect(res.headers.get('x-rate-limit-time-window-ms')).toBe('30000');
        expect(Number(res.headers.get('x-rate-limit-time-reset-ms'))).toBeGreaterThan(0);
      }
      const refused = await limited.api('GET', '/v3/catalog/products');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('x-rate-limit-requests-left')).toBe('0');
      const resetMs = Number(refused.headers.get('x-rate-limit-time-reset-ms'));
      expect(resetMs).toBeGreaterThan(0);
      expect(resetMs).toBeLessThanOrEqual(30_000);
      expect((await limited.api('GET', '/v2/orders/1')).status).toBe(429);
      await limited.control('POST', '/__sandbox/clock', { advanceMs: resetMs });
      expect((await limited.api('GET', '/v2/time')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('12. POST /v3/hooks returns the hook with integer unix timestamps; the same scope and destination twice is refused', async () => {
    const body = {
      scope: 'store/order/created',
      destination: receiver.url('/case12'),
      is_active: true,
      headers: { 'X-Secret': 'abc' },
    };
    const res = await sb.api('POST', '/v3/hooks', { body });
    expect(res.status).toBe(200);
    const hook = res.json<{ data: Record<string, unknown>; meta: unknown }>();
    expect(Object.keys(hook.data).sort()).toEqual([
      'client_id',
      'created_at',
      'destination',
      'headers',
      'id',
      'is_active',
      'scope',
      'store_hash',
      'updated_at',
    ]);
    expect(Number.isInteger(hook.data.created_at)).toBe(true);
    expect(hook.data).toMatchObject({
      store_hash: 'sandbox',
      scope: 'store/order/created',
      is_active: true,
      headers: { 'X-Secret': 'abc' },
    });
    expect(hook.meta).toEqual({});
    expect((await sb.api('POST', '/v3/hooks', { body })).status).toBe(422);
    await sb.api('DELETE', `/v3/hooks/${hook.data.id as number}`);
  });

  it('13. delivery bodies have exactly the documented keys and scope-specific data', async () => {
    const path = '/case13';
    for (const scope of ['store/order/statusUpdated', 'store/order/refund/created', 'store/sku/inventory/updated']) {
      await sb.api('POST', '/v3/hooks', { body: { scope, destination: receiver.url(path) } });
    }
    const id = await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00020', quantity: 2 }] });
    await sb.api('PUT', `/v2/orders/${id}`, { body: { status_id: 9 } });
    await sb.control('POST', `/__sandbox/bigcommerce/orders/${id}/refunds`, { amount: '2.00' });
    const v = await variantBySku('VAR-SKU-L');
    await sb.api('PUT', '/v3/catalog/variants', { body: [{ id: v.id, inventory_level: 33 }] });
    const got = await receiver.waitFor(() => true, 4);
    const bodies = receiver.deliveries.filter((d) => d.path === path).map((d) => JSON.parse(d.body) as JsonBody);
    expect(got.length).toBeGreaterThanOrEqual(4);
    for (const b of bodies) {
      expect(Object.keys(b).sort()).toEqual(['created_at', 'data', 'hash', 'producer', 'scope', 'store_id']);
      expect(b.store_id).toMatch(/^\d+$/);
      expect(Number.isInteger(b.created_at)).toBe(true);
      expect(b.hash).toMatch(/^[0-9a-f]{40}$/);
      expect(b.producer).toBe('stores/sandbox');
    }
    const status = bodies.find((b) => b.scope === 'store/order/statusUpdated' && b.data.status.new_status_id === 9)!;
    expect(status.data).toEqual({ type: 'order', id, status: { previous_status_id: 11, new_status_id: 9 } });
    const refund = bodies.find((b) => b.scope === 'store/order/refund/created' && b.data.id === id)!;
    expect(refund.data.refund.refund_id).toEqual(expect.any(Number));
    const sku = bodies.find((b) => b.scope === 'store/sku/inventory/updated')!;
    expect(sku.data).toEqual({
      type: 'sku',
      id: v.sku_id,
      inventory: { product_id: v.product_id, method: 'absolute', value: 33, variant_id: v.id },
    });
    expect(sku.data.id).not.toBe(v.id);
  });

  it('14. a failed delivery is retried after 60 s, then 180 s, with the same hash and webhook-id; after ~48 h the hook is inactive', async () => {
    const failing = await WebhookReceiver.start();
    failing.status = 500;
    try {
      const hook = (
        await sb.api('POST', '/v3/hooks', { body: { scope: 'store/order/created', destination: failing.url('/down') } })
      ).json<{ data: { id: number } }>().data;
      await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00030', quantity: 1 }] });
      await eventually(() => (failing.deliveries.length === 1 ? true : undefined), 3000, 'the first attempt');
      const advance = (ms: number) => sb.control('POST', '/__sandbox/clock', { advanceMs: ms });
      await advance(59_000);
      await new Promise((r) => setTimeout(r, 150));
      expect(failing.deliveries).toHaveLength(1);
      await advance(1_000);
      await eventually(() => (failing.deliveries.length === 2 ? true : undefined), 3000, 'the retry after 60 s');
      await advance(179_000);
      await new Promise((r) => setTimeout(r, 150));
      expect(failing.deliveries).toHaveLength(2);
      await advance(1_000);
      await eventually(() => (failing.deliveries.length === 3 ? true : undefined), 3000, 'the retry after 180 s');
      const [first, second] = failing.deliveries;
      expect(JSON.parse(second!.body).hash).toBe(JSON.parse(first!.body).hash);
      expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
      for (const [i, seconds] of [300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400].entries()) {
        await advance(seconds * 1000);
        await eventually(() => (failing.deliveries.length === 4 + i ? true : undefined), 3000, `retry ${i + 3}`);
      }
      expect((await sb.hookDeactivated(hook.id)).is_active).toBe(false);
      expect(failing.deliveries).toHaveLength(12);
    } finally {
      await failing.close();
    }
  });

  it('15. refund: quote (201, refund_methods[][]) then refund (201) with a quoted amount; overlapping refunds and unquoted amounts are refused', async () => {
    const id = await sb.placeOrder({
      customerEmail: 'refund.me@example.com',
      lines: [{ sku: 'SKU-00040', quantity: 2 }],
    });
    const line = (await sb.api('GET', `/v2/orders/${id}/products`)).json<Array<{ id: number }>>()[0]!;
    const items = [{ item_type: 'PRODUCT', item_id: line.id, quantity: 1 }];
    const quote = await sb.api('POST', `/v3/orders/${id}/payment_actions/refund_quotes`, { body: { items } });
    expect(quote.status).toBe(201);
    const methods = quote.json<{ data: { refund_methods: Array<Array<{ provider_id: string; amount: number }>> } }>()
      .data.refund_methods;
    expect(Array.isArray(methods[0])).toBe(true);
    const leg = methods[0]![0]!;
    const wrong = await sb.api('POST', `/v3/orders/${id}/payment_actions/refunds`, {
      body: { items, payments: [{ provider_id: leg.provider_id, amount: leg.amount + 1, offline: false }] },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.json<{ data: Array<{ status: number }> }>().data[0]!.status).toBe(422);
    const payments = [{ provider_id: leg.provider_id, amount: leg.amount, offline: false }];
    const [a, b] = await Promise.all([
      sb.api('POST', `/v3/orders/${id}/payment_actions/refunds`, { body: { items, payments } }),
      sb.api('POST', `/v3/orders/${id}/payment_actions/refunds`, { body: { items, payments } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const created = (a.status === 201 ? a : b).json<{ data: { id: number; payments: unknown[] } }>().data;
    expect(created.id).toEqual(expect.any(Number));
    expect(created.payments).toHaveLength(1);
  });
});
