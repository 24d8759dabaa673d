import { eventually, useOpenApiSuite } from './testing';

/**
 * Every v3 and webhook operation the sandbox serves answers in the shape BigCommerce's official OpenAPI files document. The
 * files are read from the shared reference folder at test time; without them these tests fail, naming the folder.
 */
describe('BigCommerce sandbox v3 and webhook responses validate against the official OpenAPI files', () => {
  const suite = useOpenApiSuite();
  const { expectValid } = suite;

  it('v3 catalog: products (with variants) and variants, reads and batch writes', async () => {
    const products = await suite.sb.api('GET', '/v3/catalog/products?include=variants&limit=5');
    expectValid('products_catalog.v3.yml', '/catalog/products', 'GET', 200, products.json());
    const all = (await suite.sb.api('GET', '/v3/catalog/products?limit=250')).json<{
      data: Array<{ id: number; sku: string }>;
    }>().data;
    expectValid(
      'products_catalog.v3.yml',
      '/catalog/products',
      'GET',
      200,
      (await suite.sb.api('GET', '/v3/catalog/products?limit=250')).json(),
    );
    const tee = all.find((p) => p.sku === 'TEE')!;
    expectValid(
      'products_catalog.v3.yml',
      '/catalog/products/{product_id}',
      'GET',
      200,
      (await suite.sb.api('GET', `/v3/catalog/products/${tee.id}?include=variants`)).json(),
    );
    const batch = await suite.sb.api('PUT', '/v3/catalog/products', { body: [{ id: all[0]!.id, price: 12.5 }] });
    expect(batch.status).toBe(200);
    expectValid('products_catalog.v3.yml', '/catalog/products', 'PUT', 200, batch.json());
    const tooMany = await suite.sb.api('PUT', '/v3/catalog/products', {
      body: Array.from({ length: 11 }, (_, i) => ({ id: all[i % all.length]!.id })),
    });
    expectValid('products_catalog.v3.yml', '/catalog/products', 'PUT', 413, tooMany.json());
    const invalid = await suite.sb.api('PUT', '/v3/catalog/products', { body: [{ id: all[0]!.id, price: -1 }] });
    expectValid('products_catalog.v3.yml', '/catalog/products', 'PUT', 422, invalid.json());
    const conflict = await suite.sb.api('PUT', '/v3/catalog/products', {
      body: [{ id: all[0]!.id, sku: 'SKU-00002' }],
    });
    expectValid('products_catalog.v3.yml', '/catalog/products', 'PUT', 409, conflict.json());
    const partial = await suite.sb.api('PUT', '/v3/catalog/products', { body: [{ id: tee.id, inventory_level: 5 }] });
    expect(partial.status).toBe(207);
    expectValid('products_catalog.v3.yml', '/catalog/products', 'PUT', 207, partial.json());

    const variants = await suite.sb.api('GET', '/v3/catalog/variants?limit=250');
    expectValid('product-variants_catalog.v3.yml', '/catalog/variants', 'GET', 200, variants.json());
    expectValid(
      'product-variants_catalog.v3.yml',
      '/catalog/products/{product_id}/variants',
      'GET',
      200,
      (await suite.sb.api('GET', `/v3/catalog/products/${tee.id}/variants`)).json(),
    );
    const teeVariant = variants
      .json<{ data: Array<{ id: number; sku: string }> }>()
      .data.find((v) => v.sku === 'TEE-S')!;
    const vbatch = await suite.sb.api('PUT', '/v3/catalog/variants', {
      body: [{ id: teeVariant.id, price: 21, inventory_level: 7 }],
    });
    expect(vbatch.status).toBe(200);
    expectValid('product-variants_catalog.v3.yml', '/catalog/variants', 'PUT', 200, vbatch.json());
    const vinvalid = await suite.sb.api('PUT', '/v3/catalog/variants', {
      body: [{ id: teeVariant.id, price: 'free' }],
    });
    expectValid('product-variants_catalog.v3.yml', '/catalog/variants', 'PUT', 422, vinvalid.json());
  });

  it('v3 customers: list (first page, cursor page, later page) and create', async () => {
    expectValid(
      'customers.v3.yml',
      '/customers',
      'GET',
      200,
      (await suite.sb.api('GET', '/v3/customers?include=addresses,storecredit,attributes,formfields')).json(),
    );
    const first = (await suite.sb.api('GET', '/v3/customers?limit=2')).json<{
      meta: { cursor_pagination: { end_cursor: string } };
    }>();
    expectValid(
      'customers.v3.yml',
      '/customers',
      'GET',
      200,
      (await suite.sb.api('GET', `/v3/customers?limit=2&after=${first.meta.cursor_pagination.end_cursor}`)).json(),
    );
    expectValid(
      'customers.v3.yml',
      '/customers',
      'GET',
      200,
      (await suite.sb.api('GET', '/v3/customers?limit=2&page=2')).json(),
    );
    const created = await suite.sb.api('POST', '/v3/customers', {
      body: [{ email: 'spec.check@example.com', first_name: 'Spec', last_name: 'Check' }],
    });
    expect(created.status).toBe(200);
    expectValid('customers.v3.yml', '/customers', 'POST', 200, created.json());
    const invalid = await suite.sb.api('POST', '/v3/customers', {
      body: [{ email: 'spec.check@example.com', first_name: 'Spec', last_name: 'Check' }],
    });
    expectValid('customers.v3.yml', '/customers', 'POST', 422, invalid.json());
  });

  it('v3 inventory: adjustments, items, locations and their problem+json errors', async () => {
    const absolute = await suite.sb.api('PUT', '/v3/inventory/adjustments/absolute', {
      body: { reason: 'count', items: [{ location_id: 1, sku: 'SKU-00005', quantity: 40 }] },
    });
    expectValid('inventory.v3.yml', '/inventory/adjustments/absolute', 'PUT', 200, absolute.json());
    const relative = await suite.sb.api('POST', '/v3/inventory/adjustments/relative', {
      body: { items: [{ location_id: 1, sku: 'SKU-00005', quantity: -1 }] },
    });
    expectValid('inventory.v3.yml', '/inventory/adjustments/relative', 'POST', 200, relative.json());
    const wrongMode = await suite.sb.api('PUT', '/v3/inventory/adjustments/absolute', {
      body: { items: [{ location_id: 1, variant_id: 1001, quantity: 1 }] },
    });
    expect(wrongMode.headers.get('content-type')).toContain('application/problem+json');
    expectValid(
      'inventory.v3.yml',
      '/inventory/adjustments/absolute',
      'PUT',
      422,
      wrongMode.json(),
      'application/problem+json',
    );
    expectValid(
      'inventory.v3.yml',
      '/inventory/items',
      'GET',
      200,
      (await suite.sb.api('GET', '/v3/inventory/items?limit=1000')).json(),
    );
    expectValid(
      'inventory.v3.yml',
      '/inventory/locations/{location_id}/items',
      'GET',
      200,
      (await suite.sb.api('GET', '/v3/inventory/locations/1/items')).json(),
    );
    expectValid(
      'locations.v3.yml',
      '/inventory/locations',
      'GET',
      200,
      (await suite.sb.api('GET', '/v3/inventory/locations')).json(),
    );
  });

  it('v3 transactions, refund quotes, refunds and refund reads', async () => {
    expectValid(
      'orders.v3.yml',
      '/orders/{order_id}/transactions',
      'GET',
      200,
      (await suite.sb.api('GET', `/v3/orders/${suite.orders.shipped}/transactions`)).json(),
    );
    const lines = (await suite.sb.api('GET', `/v2/orders/${suite.orders.euro}/products`)).json<Array<{ id: number }>>();
    const quote = await suite.sb.api('POST', `/v3/orders/${suite.orders.euro}/payment_actions/refund_quotes`, {
      body: { items: [{ item_type: 'PRODUCT', item_id: lines[0]!.id, quantity: 1 }] },
    });
    expect(quote.status).toBe(201);
    expectValid('orders.v3.yml', '/orders/{order_id}/payment_actions/refund_quotes', 'POST', 201, quote.json());
    const amount = quote.json<{ data: { total_refund_amount: number } }>().data.total_refund_amount;
    const refund = await suite.sb.api('POST', `/v3/orders/${suite.orders.euro}/payment_actions/refunds`, {
      body: {
        items: [{ item_type: 'PRODUCT', item_id: lines[0]!.id, quantity: 1 }],
        payments: [{ provider_id: 'storecredit', amount, offline: false }],
      },
    });
    expect(refund.status).toBe(201);
    expectValid('orders.v3.yml', '/orders/{order_id}/payment_actions/refunds', 'POST', 201, refund.json());
    const refused = await suite.sb.api('POST', `/v3/orders/${suite.orders.pickup}/payment_actions/refunds`, {
      body: {
        items: [{ item_type: 'ORDER', item_id: suite.orders.pickup, amount: 1 }],
        payments: [{ provider_id: 'storecredit', amount: 1, offline: false }],
      },
    });
    expect(refused.status).toBe(422);
    expectValid('orders.v3.yml', '/orders/{order_id}/payment_actions/refunds', 'POST', 422, refused.json());
    const badQuote = await suite.sb.api('POST', `/v3/orders/${suite.orders.euro}/payment_actions/refund_quotes`, {
      body: { items: [{ item_type: 'SHIPPING', item_id: 999, amount: 1 }] },
    });
    expectValid('orders.v3.yml', '/orders/{order_id}/payment_actions/refund_quotes', 'POST', 422, badQuote.json());
    expectValid(
      'orders.v3.yml',
      '/orders/{order_id}/payment_actions/refunds',
      'GET',
      200,
      (await suite.sb.api('GET', `/v3/orders/${suite.orders.euro}/payment_actions/refunds`)).json(),
    );
    expectValid(
      'orders.v3.yml',
      '/orders/payment_actions/refunds',
      'GET',
      200,
      (await suite.sb.api('GET', '/v3/orders/payment_actions/refunds')).json(),
    );
    const refundId = refund.json<{ data: { id: number } }>().data.id;
    expectValid(
      'orders.v3.yml',
      '/orders/payment_actions/refunds/{refund_id}',
      'GET',
      200,
      (await suite.sb.api('GET', `/v3/orders/payment_actions/refunds/${refundId}`)).json(),
    );
  });

  it('v3 hooks: create, list, read, update, delete, admin and errors', async () => {
    const created = await suite.sb.api('POST', '/v3/hooks', {
      body: { scope: 'store/order/*', destination: suite.receiver.url(), headers: { 'x-secret': 's3cret' } },
    });
    expect(created.status).toBe(200);
    expectValid('webhooks.v3.yml', '/hooks', 'POST', 200, created.json());
    const id = created.json<{ data: { id: number } }>().data.id;
    expectValid('webhooks.v3.yml', '/hooks', 'GET', 200, (await suite.sb.api('GET', '/v3/hooks')).json());
    expectValid(
      'webhooks.v3.yml',
      '/hooks/{webhook_id}',
      'GET',
      200,
      (await suite.sb.api('GET', `/v3/hooks/${id}`)).json(),
    );
    expectValid(
      'webhooks.v3.yml',
      '/hooks/{webhook_id}',
      'PUT',
      200,
      (await suite.sb.api('PUT', `/v3/hooks/${id}`, { body: { is_active: true } })).json(),
    );
    expectValid('webhooks.v3.yml', '/hooks/admin', 'GET', 200, (await suite.sb.api('GET', '/v3/hooks/admin')).json());
    expectValid(
      'webhooks.v3.yml',
      '/hooks',
      'POST',
      422,
      (await suite.sb.api('POST', '/v3/hooks', { body: { scope: 'store/order/created' } })).json(),
    );
    expectValid(
      'webhooks.v3.yml',
      '/hooks/{webhook_id}',
      'GET',
      404,
      (await suite.sb.api('GET', '/v3/hooks/1')).json(),
    );
    expectValid(
      'webhooks.v3.yml',
      '/hooks',
      'POST',
      401,
      (await suite.sb.api('POST', '/v3/hooks', { token: 'wrong-token', body: {} })).json(),
    );
    expectValid(
      'webhooks.v3.yml',
      '/hooks/{webhook_id}',
      'DELETE',
      200,
      (await suite.sb.api('DELETE', `/v3/hooks/${id}`)).json(),
    );
  });

  it('webhook deliveries validate against the per-scope callback schemas', async () => {
    const scopes = ['store/order/*', 'store/product/*', 'store/sku/*', 'store/customer/*'];
    for (const scope of scopes)
      await suite.sb.api('POST', '/v3/hooks', { body: { scope, destination: suite.receiver.url('/all') } });
    const id = await suite.sb.placeOrder({
      customerEmail: 'callbacks@example.com',
      lines: [
        { sku: 'TEE-S', quantity: 1 },
        { sku: 'SKU-00006', quantity: 1 },
      ],
    });
    await suite.sb.api('PUT', `/v2/orders/${id}`, { body: { status_id: 2 } });
    await suite.sb.control('POST', `/__sandbox/bigcommerce/orders/${id}/refunds`, { amount: '1.00' });
    await suite.sb.api('DELETE', `/v2/orders/${id}`);
    const products = (await suite.sb.api('GET', '/v3/catalog/products?sku=SKU-00006')).json<{
      data: Array<{ id: number }>;
    }>().data;
    await suite.sb.api('PUT', '/v3/catalog/products', {
      body: [{ id: products[0]!.id, price: 30, inventory_level: 3 }],
    });
    const tee = (await suite.sb.api('GET', '/v3/catalog/variants?sku=TEE-M')).json<{ data: Array<{ id: number }> }>()
      .data[0]!;
    await suite.sb.api('PUT', '/v3/catalog/variants', { body: [{ id: tee.id, price: 23, inventory_level: 4 }] });
    await suite.sb.api('PUT', '/v3/customers', { body: [{ id: 1, first_name: 'Renamed' }] });
    const expected = [
      'store/order/created',
      'store/order/updated',
      'store/order/statusUpdated',
      'store/order/refund/created',
      'store/order/archived',
      'store/product/updated',
      'store/product/inventory/updated',
      'store/product/inventory/order/updated',
      'store/sku/updated',
      'store/sku/inventory/updated',
      'store/sku/inventory/order/updated',
      'store/customer/created',
      'store/customer/updated',
    ];
    const seen = await eventually(
      () => {
        const got = new Set(
          suite.receiver.deliveries
            .filter((d) => d.path === '/all')
            .map((d) => (JSON.parse(d.body) as { scope: string }).scope),
        );
        return expected.every((s) => got.has(s)) ? got : undefined;
      },
      5000,
      'a delivery for every scope',
    );
    expect([...seen].sort()).toEqual([...expected].sort());
    for (const d of suite.receiver.deliveries.filter((x) => x.path === '/all')) {
      const payload = JSON.parse(d.body) as { scope: string };
      const result = suite.spec.validateCallback(payload.scope, payload);
      if (!result.valid)
        throw new Error(`${payload.scope} delivery does not match its callback schema: ${result.errors.join('; ')}`);
      expect(Object.keys(payload).sort()).toEqual(['created_at', 'data', 'hash', 'producer', 'scope', 'store_id']);
    }
  });
});
