import { BigCommerceOpenApi, useOpenApiSuite } from './testing';

/**
 * Every v2 operation the sandbox serves answers in the shape BigCommerce's official OpenAPI files document. The
 * files are read from the shared reference folder at test time; without them these tests fail, naming the folder.
 */
describe('BigCommerce sandbox v2 responses validate against the official OpenAPI files', () => {
  const suite = useOpenApiSuite();
  const { expectValid } = suite;

  it('the validator is not vacuous: it rejects bodies that break the documented schemas', async () => {
    const line = (await suite.sb.api('GET', `/v2/orders/${suite.orders.shipped}/products`)).json<
      Array<Record<string, unknown>>
    >()[0]!;
    const strict = (file: string, path: string, method: string, status: number, body: unknown) =>
      suite.spec.validateResponse(file, path, method, status, body).valid;
    expect(strict('orders.v2.oas2.yml', '/orders/{order_id}/products', 'GET', 200, [line])).toBe(true);
    expect(
      strict('orders.v2.oas2.yml', '/orders/{order_id}/products', 'GET', 200, [{ ...line, undocumented: 1 }]),
    ).toBe(false);
    const order = (await suite.sb.api('GET', `/v2/orders/${suite.orders.shipped}`)).json<Record<string, unknown>>();
    expect(strict('orders.v2.oas2.yml', '/orders/{order_id}', 'GET', 200, { ...order, total_inc_tax: 69.84 })).toBe(
      false,
    );
    const variants = (await suite.sb.api('GET', '/v3/catalog/variants')).json<{
      data: Array<Record<string, unknown>>;
      meta: unknown;
    }>();
    expect(
      strict('product-variants_catalog.v3.yml', '/catalog/variants', 'GET', 200, {
        ...variants,
        data: [{ ...variants.data[0], price: '12.00' }],
      }),
    ).toBe(false);
    expect(() => new BigCommerceOpenApi('/nonexistent/reference/bigcommerce-openapi')).toThrow(
      /OpenAPI files not found in \/nonexistent/,
    );
  });

  it('v2 store information and time', async () => {
    expectValid('store_information.v2.yml', '/store', 'GET', 200, (await suite.sb.api('GET', '/v2/store')).json());
    expectValid('store_information.v2.yml', '/time', 'GET', 200, (await suite.sb.api('GET', '/v2/time')).json());
  });

  it('v2 orders: list, single with every include, count, update', async () => {
    const list = await suite.sb.api('GET', '/v2/orders?limit=250');
    expect(list.status).toBe(200);
    expectValid('orders.v2.oas2.yml', '/orders', 'GET', 200, list.json());
    for (const id of Object.values(suite.orders)) {
      for (const query of [
        '',
        '?include=consignments.line_items&consignment_structure=object',
        '?include=consignments&consignment_structure=object',
        '?include=fees',
      ]) {
        const res = await suite.sb.api('GET', `/v2/orders/${id}${query}`);
        expect(res.status).toBe(200);
        expectValid('orders.v2.oas2.yml', '/orders/{order_id}', 'GET', 200, res.json());
      }
    }
    expectValid(
      'orders.v2.oas2.yml',
      '/orders/count',
      'GET',
      200,
      (await suite.sb.api('GET', '/v2/orders/count')).json(),
    );
    const updated = await suite.sb.api('PUT', `/v2/orders/${suite.orders.pickup}`, { body: { status_id: 8 } });
    expectValid('orders.v2.oas2.yml', '/orders/{order_id}', 'PUT', 200, updated.json());
  });

  it('v2 order sub-resources and statuses', async () => {
    for (const id of Object.values(suite.orders)) {
      const products = await suite.sb.api('GET', `/v2/orders/${id}/products`);
      expectValid('orders.v2.oas2.yml', '/orders/{order_id}/products', 'GET', 200, products.json());
      const line = products.json<Array<{ id: number }>>()[0]!;
      expectValid(
        'orders.v2.oas2.yml',
        '/orders/{order_id}/products/{product_id}',
        'GET',
        200,
        (await suite.sb.api('GET', `/v2/orders/${id}/products/${line.id}`)).json(),
      );
      const consignments = await suite.sb.api('GET', `/v2/orders/${id}/consignments?include=consignments.line_items`);
      expectValid('orders.v2.oas2.yml', '/orders/{order_id}/consignments', 'GET', 200, consignments.json());
    }
    const addresses = await suite.sb.api('GET', `/v2/orders/${suite.orders.shipped}/shipping_addresses`);
    expectValid('orders.v2.oas2.yml', '/orders/{order_id}/shipping_addresses', 'GET', 200, addresses.json());
    const addressId = addresses.json<Array<{ id: number }>>()[0]!.id;
    expectValid(
      'orders.v2.oas2.yml',
      '/orders/{order_id}/shipping_addresses/{id}',
      'GET',
      200,
      (await suite.sb.api('GET', `/v2/orders/${suite.orders.shipped}/shipping_addresses/${addressId}`)).json(),
    );
    expectValid(
      'orders.v2.oas2.yml',
      '/orders/{order_id}/coupons',
      'GET',
      200,
      (await suite.sb.api('GET', `/v2/orders/${suite.orders.shipped}/coupons`)).json(),
    );
    expectValid(
      'orders.v2.oas2.yml',
      '/order_statuses',
      'GET',
      200,
      (await suite.sb.api('GET', '/v2/order_statuses')).json(),
    );
    expectValid(
      'orders.v2.oas2.yml',
      '/order_statuses/{status_id}',
      'GET',
      200,
      (await suite.sb.api('GET', '/v2/order_statuses/11')).json(),
    );
  });

  it('v2 errors are the documented arrays', async () => {
    const missing = await suite.sb.api('GET', '/v2/orders/999999');
    expectValid('orders.v2.oas2.yml', '/orders/{order_id}/consignments', 'GET', 404, missing.json());
    const badWrite = await suite.sb.api('PUT', `/v2/orders/${suite.orders.shipped}/shipping_addresses/1`, {
      body: { item_total: 1 },
    });
    expect(Array.isArray(badWrite.json())).toBe(true);
  });
});
