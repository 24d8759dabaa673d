import { Decimal } from '@mlc/platform-money';
import { BigCommerceTestSandbox, JsonBody as Json, WebhookReceiver } from './testing';

describe('BigCommerce sandbox v2 orders', () => {
  let sb: BigCommerceTestSandbox;

  beforeAll(async () => {
    sb = await BigCommerceTestSandbox.start({ seed: { products: 10, customers: 2 } });
    await sb.control('PUT', '/__sandbox/bigcommerce/settings', { inventoryApplyDelayMs: 0 });
  });
  afterAll(() => sb?.close());

  const stock = async () =>
    (await sb.control('GET', '/__sandbox/bigcommerce/state')).json<{ stock: Record<string, number> }>().stock;
  const setStock = (sku: string, level: number) =>
    sb.control('PATCH', `/__sandbox/bigcommerce/skus/${sku}`, { stock: level });

  it('placing an order decrements store stock; an out-of-stock SKU is refused with 422 and nothing changes', async () => {
    await setStock('SKU-00001', 3);
    await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00001', quantity: 2 }] });
    expect((await stock())['SKU-00001']).toBe(1);
    const before = (await sb.control('GET', '/__sandbox/bigcommerce/state')).json<{ orders: unknown[] }>().orders
      .length;
    const refused = await sb.control('POST', '/__sandbox/bigcommerce/orders', {
      guest: true,
      lines: [
        { sku: 'SKU-00001', quantity: 1 },
        { sku: 'SKU-00001', quantity: 1 },
      ],
    });
    expect(refused.status).toBe(422);
    expect(refused.json<{ error: string }>().error).toBe('SKU-00001 is out of stock: 1 available, 2 requested');
    expect((await stock())['SKU-00001']).toBe(1);
    expect((await sb.control('GET', '/__sandbox/bigcommerce/state')).json<{ orders: unknown[] }>().orders).toHaveLength(
      before,
    );
    const unknown = await sb.control('POST', '/__sandbox/bigcommerce/orders', {
      guest: true,
      lines: [{ sku: 'NOPE', quantity: 1 }],
    });
    expect(unknown.status).toBe(422);
  });

  it('a product that allows backorders sells past its stock; the level stops at 0 and the rest is recorded as backordered', async () => {
    await setStock('SKU-00002', 1);
    await sb.control('PATCH', '/__sandbox/bigcommerce/skus/SKU-00002', { allowBackorders: true });
    await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00002', quantity: 4 }] });
    const state = (await sb.control('GET', '/__sandbox/bigcommerce/state')).json<{
      stock: Record<string, number>;
      backordered: Record<string, number>;
    }>();
    expect(state.stock['SKU-00002']).toBe(0);
    expect(state.backordered['SKU-00002']).toBe(3);
  });

  it('stock is checked at the pickup location; safety stock holds units back from sale', async () => {
    const location = (
      await sb.control('POST', '/__sandbox/bigcommerce/locations', { code: 'SHOP-1', label: 'Downtown shop' })
    ).json<{ id: number }>().id;
    const refused = await sb.control('POST', '/__sandbox/bigcommerce/orders', {
      guest: true,
      fulfillment: 'pickup',
      pickupLocationId: location,
      lines: [{ sku: 'SKU-00003', quantity: 1 }],
    });
    expect(refused.status).toBe(422);
    await sb.api('PUT', '/v3/inventory/adjustments/absolute', {
      body: { items: [{ location_id: location, sku: 'SKU-00003', quantity: 2 }] },
    });
    const id = await sb.placeOrder({
      guest: true,
      fulfillment: 'pickup',
      pickupLocationId: location,
      lines: [{ sku: 'SKU-00003', quantity: 2 }],
    });
    const order = (
      await sb.api('GET', `/v2/orders/${id}?include=consignments.line_items&consignment_structure=object`)
    ).json<Json>();
    expect(order.shipping_address_count).toBe(0);
    expect(order.consignments.pickups[0].location).toMatchObject({ id: location, code: 'SHOP-1' });
    expect(order.consignments.pickups[0].line_items[0].order_address_id).toBe(0);
    expect((await sb.api('GET', `/v2/orders/${id}/shipping_addresses`)).status).toBe(204);
    await setStock('SKU-00004', 5);
    await sb.control('PATCH', '/__sandbox/bigcommerce/skus/SKU-00004', { safetyStock: 4 });
    expect(
      (
        await sb.control('POST', '/__sandbox/bigcommerce/orders', {
          guest: true,
          lines: [{ sku: 'SKU-00004', quantity: 2 }],
        })
      ).status,
    ).toBe(422);
  });

  it('lines land in shipping, download and email gift-certificate consignments', async () => {
    await sb.control('POST', '/__sandbox/bigcommerce/products', {
      name: 'Manual PDF',
      sku: 'PDF-1',
      price: '4.50',
      type: 'digital',
    });
    const id = await sb.placeOrder({
      customerEmail: 'mixed.basket@example.com',
      lines: [
        { sku: 'SKU-00005', quantity: 1 },
        { sku: 'PDF-1', quantity: 1 },
      ],
      giftCertificates: [{ amount: '50.00', recipientEmail: 'lucky@example.com' }],
    });
    const c = (
      await sb.api('GET', `/v2/orders/${id}?include=consignments.line_items&consignment_structure=object`)
    ).json<Json>().consignments;
    expect(c.shipping[0].line_items.map((l: Json) => l.sku)).toEqual(['SKU-00005']);
    expect(c.downloads[0].line_items.map((l: Json) => l.sku)).toEqual(['PDF-1']);
    expect(c.email.gift_certificates[0]).toMatchObject({ recipient_email: 'lucky@example.com' });
    expect(c.email.gift_certificates[0].line_items[0]).toMatchObject({
      type: 'giftcertificate',
      total_tax: '0.0000',
      total_inc_tax: '50.0000',
    });
    const refs = (
      await sb.api('GET', `/v2/orders/${id}?include=consignments&consignment_structure=object`)
    ).json<Json>().consignments;
    expect(refs.downloads[0].line_items[0].resource).toMatch(new RegExp(`^/orders/${id}/products/\\d+$`));
  });

  it('serves shipping addresses under both documented spellings', async () => {
    const id = await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00006', quantity: 1 }] });
    const order = (await sb.api('GET', `/v2/orders/${id}`)).json<Json>();
    expect(order.shipping_addresses.resource).toBe(`/orders/${id}/shippingaddresses`);
    const a = await sb.api('GET', `/v2/orders/${id}/shipping_addresses`);
    const b = await sb.api('GET', `/v2/orders/${id}/shippingaddresses`);
    expect(a.status).toBe(200);
    expect(b.json()).toEqual(a.json());
    const addressId = a.json<Json[]>()[0]!.id;
    expect((await sb.api('GET', `/v2/orders/${id}/shippingaddresses/${addressId}`)).json()).toEqual(
      a.json<Json[]>()[0],
    );
    expect((await sb.api('GET', `/v2/orders/${id}/shipping_addresses/${addressId}/shipping_quotes`)).status).toBe(204);
  });

  it('tax-inclusive pricing: entered prices include tax and every total stays consistent', async () => {
    await sb.control('PUT', '/__sandbox/bigcommerce/settings', { pricesIncludeTax: true, taxRate: '0.2' });
    try {
      await setStock('SKU-00007', 10);
      const price = (await sb.control('GET', '/__sandbox/bigcommerce/state')).json<{ prices: Record<string, string> }>()
        .prices['SKU-00007']!;
      const id = await sb.placeOrder({
        guest: true,
        lines: [{ sku: 'SKU-00007', quantity: 3 }],
        shippingCost: '12.00',
        couponCode: 'SAVE10',
      });
      const order = (await sb.api('GET', `/v2/orders/${id}`)).json<Json>();
      const line = (await sb.api('GET', `/v2/orders/${id}/products`)).json<Json[]>()[0]!;
      const d = (v: string) => Decimal.parse(v);
      expect(order.is_tax_inclusive_pricing).toBe(true);
      expect(d(line.price_inc_tax).eq(price)).toBe(true);
      expect(d(line.total_inc_tax).eq(d(price).times(3))).toBe(true);
      expect(d(line.total_ex_tax).eq(d(price).times(3).dividedBy('1.2').round(2))).toBe(true);
      expect(d(line.total_ex_tax).plus(line.total_tax).eq(line.total_inc_tax)).toBe(true);
      expect(d(order.shipping_cost_inc_tax).eq('12')).toBe(true);
      expect(d(order.shipping_cost_ex_tax).eq('10')).toBe(true);
      expect(d(order.total_ex_tax).plus(order.total_tax).eq(order.total_inc_tax)).toBe(true);
      expect(d(order.total_inc_tax).eq(d(line.discounted_total_inc_tax).plus('12'))).toBe(true);
      expect(d(order.coupon_discount).eq(d(price).times(3).times('0.1').round(2))).toBe(true);
    } finally {
      await sb.control('PUT', '/__sandbox/bigcommerce/settings', { pricesIncludeTax: false, taxRate: '0.0825' });
    }
  });

  it('multi-currency: display and transactional currency fields follow the documented meanings', async () => {
    await sb.control('PUT', '/__sandbox/bigcommerce/settings', { currencies: { EUR: '0.9', GBP: '0.8' } });
    const price = (await sb.control('GET', '/__sandbox/bigcommerce/state')).json<{ prices: Record<string, string> }>()
      .prices['SKU-00008']!;
    const eur = (
      await sb.api(
        'GET',
        `/v2/orders/${await sb.placeOrder({ guest: true, currency: 'EUR', lines: [{ sku: 'SKU-00008', quantity: 1 }] })}`,
      )
    ).json<Json>();
    expect(eur).toMatchObject({
      currency_code: 'EUR',
      default_currency_code: 'EUR',
      store_default_currency_code: 'USD',
      store_default_to_transactional_exchange_rate: '0.9000000000',
      currency_exchange_rate: '0.9000000000',
    });
    expect(Decimal.parse(eur.subtotal_ex_tax).eq(Decimal.parse(price).times('0.9').round(2))).toBe(true);
    const display = (
      await sb.api(
        'GET',
        `/v2/orders/${await sb.placeOrder({ guest: true, displayCurrency: 'GBP', lines: [{ sku: 'SKU-00008', quantity: 1 }] })}`,
      )
    ).json<Json>();
    expect(display).toMatchObject({
      currency_code: 'GBP',
      default_currency_code: 'USD',
      currency_exchange_rate: '0.8000000000',
      store_default_to_transactional_exchange_rate: '1.0000000000',
    });
    expect(
      (
        await sb.control('POST', '/__sandbox/bigcommerce/orders', {
          guest: true,
          currency: 'JPY',
          lines: [{ sku: 'SKU-00008', quantity: 1 }],
        })
      ).status,
    ).toBe(422);
  });

  it('list filters: status_id, customer_id, email, id bounds, limit capped at 250; a bad filter value is 400', async () => {
    const customerEmail = 'filter.me@example.com';
    const a = await sb.placeOrder({ customerEmail, lines: [{ sku: 'SKU-00009', quantity: 1 }], statusId: 7 });
    const customerId = (await sb.api('GET', `/v2/orders/${a}`)).json<Json>().customer_id;
    const byStatus = (await sb.api('GET', '/v2/orders?status_id=7')).json<Json[]>();
    expect(byStatus.map((o) => o.id)).toContain(a);
    expect(byStatus.every((o) => o.status_id === 7)).toBe(true);
    expect((await sb.api('GET', `/v2/orders?customer_id=${customerId}`)).json<Json[]>().map((o) => o.id)).toEqual([a]);
    expect(
      (await sb.api('GET', `/v2/orders?email=${encodeURIComponent(customerEmail)}`)).json<Json[]>().map((o) => o.id),
    ).toEqual([a]);
    expect((await sb.api('GET', `/v2/orders?min_id=${a}&max_id=${a}`)).json<Json[]>().map((o) => o.id)).toEqual([a]);
    expect((await sb.api('GET', '/v2/orders?status_id=open')).status).toBe(400);
    expect((await sb.api('GET', '/v2/orders?sort=total:asc')).status).toBe(400);
    expect((await sb.api('GET', '/v2/orders?limit=1000')).json<Json[]>().length).toBeLessThanOrEqual(250);
    const ids = (await sb.api('GET', '/v2/orders?sort=id:desc&limit=3')).json<Json[]>().map((o) => o.id);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    expect((await sb.api('GET', '/v2/orders/count')).json<Json>().count).toBeGreaterThan(5);
  });

  it('PUT status_id changes the status and date_modified and fires store/order/updated and statusUpdated; read-only fields are refused', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      await sb.api('POST', '/v3/hooks', { body: { scope: 'store/order/*', destination: receiver.url('/orders') } });
      const id = await sb.placeOrder({ guest: true, lines: [{ sku: 'SKU-00010', quantity: 1 }] });
      await sb.control('POST', '/__sandbox/clock', { advanceMs: 5_000 });
      const put = await sb.api('PUT', `/v2/orders/${id}`, { body: { status_id: 2, staff_notes: 'shipped by UPS' } });
      expect(put.status).toBe(200);
      expect(put.json<Json>()).toMatchObject({ status_id: 2, status: 'Shipped', staff_notes: 'shipped by UPS' });
      expect(Date.parse(put.json<Json>().date_modified)).toBeGreaterThan(Date.parse(put.json<Json>().date_created));
      const scopes = (await receiver.waitFor((p) => (p.data as Json).id === id, 3)).map(
        (d) => JSON.parse(d.body).scope,
      );
      expect(scopes.sort()).toEqual(['store/order/created', 'store/order/statusUpdated', 'store/order/updated']);
      expect((await sb.api('PUT', `/v2/orders/${id}`, { body: { coupon_discount: '1.00' } })).json()).toEqual([
        {
          status: 400,
          message:
            "The field 'coupon_discount' cannot be written to. Please remove it from your request before trying again.",
        },
      ]);
      const repricing = await sb.api('PUT', `/v2/orders/${id}`, { body: { total_inc_tax: '1.00' } });
      expect(repricing.status).toBe(400);
      expect(repricing.json<Array<{ message: string }>>()[0]!.message).toContain('cannot be updated in the sandbox');
      expect((await sb.api('PUT', `/v2/orders/${id}`, { body: { status_id: 99 } })).status).toBe(400);
      await sb.control('POST', `/__sandbox/bigcommerce/orders/${id}/status`, { statusId: 10 });
      await receiver.waitFor((p) => (p.data as Json).status?.new_status_id === 10);
      expect((await sb.api('DELETE', `/v2/orders/${id}`)).status).toBe(204);
      await receiver.waitFor((p) => p.scope === 'store/order/archived' && (p.data as Json).id === id);
      expect((await sb.api('GET', `/v2/orders/${id}`)).json<Json>().is_deleted).toBe(true);
      expect((await sb.api('GET', `/v2/orders?min_id=${id}&max_id=${id}`)).status).toBe(204);
    } finally {
      await receiver.close();
    }
  });

  it('answers unknown routes and wrong methods in the v2 and v3 error shapes; refuses malformed JSON and wrong content types', async () => {
    expect((await sb.api('GET', '/v2/nothing-here')).json()).toEqual([
      { status: 404, message: 'The requested resource was not found.' },
    ]);
    expect((await sb.api('GET', '/v3/nothing-here')).json()).toMatchObject({
      status: 404,
      title: expect.any(String),
      type: expect.any(String),
    });
    const wrongMethod = await sb.api('PATCH', '/v2/orders');
    expect(wrongMethod.status).toBe(405);
    expect(Array.isArray(wrongMethod.json())).toBe(true);
    expect((await sb.api('PUT', '/v3/catalog/products', { raw: '[{"id": 1,' })).json()).toMatchObject({ status: 400 });
    expect(
      (await sb.api('PUT', '/v2/orders/100', { raw: '{', headers: { 'content-type': 'application/json' } })).json(),
    ).toEqual([{ status: 400, message: 'The request body is not valid JSON.' }]);
    expect(
      (await sb.api('PUT', '/v3/catalog/products', { raw: '[]', headers: { 'content-type': 'text/plain' } })).status,
    ).toBe(415);
    expect((await sb.api('GET', '/v2/orders', { headers: { accept: 'application/xml' } })).status).toBe(406);
  });

  it('authenticates with X-Auth-Token: 401 without or with a wrong token or store, 403 without the scope', async () => {
    expect((await sb.api('GET', '/v2/orders', { token: null })).status).toBe(401);
    const v3 = await sb.api('GET', '/v3/catalog/products', { token: 'nope' });
    expect(v3.status).toBe(401);
    expect(v3.json()).toMatchObject({ status: 401 });
    expect(Array.isArray((await sb.api('GET', '/v2/orders', { token: 'nope' })).json())).toBe(true);
    expect((await sb.api('GET', '/v2/orders', { storeHash: 'other' })).status).toBe(401);
    await sb.control('POST', '/__sandbox/bigcommerce/api-accounts', {
      accessToken: 'read-only-token',
      clientId: 'reader',
      scopes: ['store_v2_orders_read_only'],
    });
    expect((await sb.api('GET', '/v2/orders', { token: 'read-only-token' })).status).toBeLessThan(300);
    expect((await sb.api('PUT', '/v2/orders/100', { token: 'read-only-token', body: { status_id: 2 } })).status).toBe(
      403,
    );
    expect((await sb.api('GET', '/v3/catalog/products', { token: 'read-only-token' })).status).toBe(403);
  });
});
