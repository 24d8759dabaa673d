import { BigCommerceTestSandbox, JsonBody as Json } from './testing';

describe('BigCommerce sandbox rate limit and injected faults', () => {
  let sb: BigCommerceTestSandbox;

  beforeEach(async () => {
    sb = await BigCommerceTestSandbox.start({ seed: { products: 3, customers: 1 } });
  });
  afterEach(() => sb?.close());

  it('counts every API account of the store against one quota, and the window resets on the sandbox clock', async () => {
    await sb.control('PUT', '/__sandbox/bigcommerce/settings', { rateLimitQuota: 4, rateLimitWindowMs: 10_000 });
    await sb.control('POST', '/__sandbox/clock', { advanceMs: 30_000 });
    await sb.control('POST', '/__sandbox/bigcommerce/api-accounts', {
      accessToken: 'second-token',
      clientId: 'second',
    });
    const statuses = [];
    for (const token of ['sandbox-token', 'second-token', 'sandbox-token', 'second-token', 'second-token']) {
      statuses.push((await sb.api('GET', '/v3/catalog/products', { token })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const refused = await sb.api('GET', '/v2/orders');
    expect(refused.status).toBe(429);
    expect(Array.isArray(refused.json())).toBe(true);
    expect(Number(refused.headers.get('x-retry-after'))).toBeGreaterThanOrEqual(1);
    const unauthenticated = await sb.api('GET', '/v2/orders', { token: 'nope' });
    expect(unauthenticated.status).toBe(401);
    await sb.control('POST', '/__sandbox/clock', { advanceMs: 10_000 });
    const fresh = await sb.api('GET', '/v2/time');
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-rate-limit-requests-left')).toBe('3');
  });

  it('lets exactly the default quota of 150 through a concurrent burst in one window, whatever the routes, and 150 more after it', async () => {
    await sb.control('PUT', '/__sandbox/bigcommerce/settings', { rateLimitQuota: 150 });
    await sb.control('POST', '/__sandbox/clock', { advanceMs: 30_000 });
    const burst = async (n: number) => {
      const paths = ['/v2/store', '/v2/orders', '/v3/catalog/products', '/v2/nothing-here'];
      const answers = await Promise.all(Array.from({ length: n }, (_, i) => sb.api('GET', paths[i % paths.length]!)));
      return answers.map((a) => [a.status, Number(a.headers.get('x-rate-limit-requests-left'))] as const);
    };
    const first = await burst(400);
    expect(first.filter(([status]) => status === 429)).toHaveLength(250);
    expect(first.filter(([status]) => status !== 429)).toHaveLength(150);
    expect(first.filter(([status]) => status === 429).every(([, left]) => left === 0)).toBe(true);
    const lefts = first.filter(([status]) => status !== 429).map(([, left]) => left);
    expect(new Set(lefts).size).toBe(150);
    await sb.control('POST', '/__sandbox/clock', { advanceMs: 30_000 });
    const second = await burst(200);
    expect(second.filter(([status]) => status !== 429)).toHaveLength(150);
  });

  it('an after-commit fault applies the write but fails the response', async () => {
    const product = (await sb.api('GET', '/v3/catalog/products?sku=SKU-00001')).json<{ data: Json[] }>().data[0]!;
    await sb.control('POST', '/__sandbox/faults', {
      system: 'bigcommerce',
      method: 'PUT',
      path: '^/stores/sandbox/v3/catalog/products$',
      status: 502,
      afterCommit: true,
      count: 1,
    });
    const failed = await sb.api('PUT', '/v3/catalog/products', { body: [{ id: product.id, price: 3.33 }] });
    expect(failed.status).toBe(502);
    expect((await sb.api('GET', `/v3/catalog/products/${product.id}`)).json<Json>().data.price).toBe(3.33);
    expect((await sb.api('PUT', '/v3/catalog/products', { body: [{ id: product.id, price: 4.44 }] })).status).toBe(200);
  });

  it('a before-commit fault fails the request without applying it; a reset fault drops the connection after the write', async () => {
    const product = (await sb.api('GET', '/v3/catalog/products?sku=SKU-00002')).json<{ data: Json[] }>().data[0]!;
    await sb.control('POST', '/__sandbox/faults', { system: 'bigcommerce', method: 'PUT', status: 503, count: 1 });
    expect((await sb.api('PUT', '/v3/catalog/products', { body: [{ id: product.id, price: 7.77 }] })).status).toBe(503);
    expect((await sb.api('GET', `/v3/catalog/products/${product.id}`)).json<Json>().data.price).not.toBe(7.77);
    await sb.control('POST', '/__sandbox/faults', {
      system: 'bigcommerce',
      method: 'POST',
      path: 'adjustments/relative',
      reset: true,
      afterCommit: true,
      count: 1,
    });
    const before = (await sb.api('GET', `/v3/catalog/products/${product.id}`)).json<Json>().data
      .inventory_level as number;
    await sb.control('PUT', '/__sandbox/bigcommerce/settings', { inventoryApplyDelayMs: 0 });
    await expect(
      sb.api('POST', '/v3/inventory/adjustments/relative', {
        body: { items: [{ location_id: 1, product_id: product.id, quantity: 1 }] },
      }),
    ).rejects.toThrow();
    expect((await sb.api('GET', `/v3/catalog/products/${product.id}`)).json<Json>().data.inventory_level).toBe(
      before + 1,
    );
    const log = (await sb.control('GET', '/__sandbox/requests?system=bigcommerce')).json<{ requests: Json[] }>()
      .requests;
    expect(log.some((r) => r.status === 0 && r.path.endsWith('/adjustments/relative'))).toBe(true);
  });

  it('reset returns the store to its defaults: data, hooks, settings and quota', async () => {
    await sb.api('POST', '/v3/hooks', {
      body: { scope: 'store/order/created', destination: 'https://example.com/hooks' },
    });
    await sb.control('PUT', '/__sandbox/bigcommerce/settings', { taxRate: '0.2' });
    await sb.control('POST', '/__sandbox/reset');
    const state = (await sb.control('GET', '/__sandbox/bigcommerce/state')).json<Json>();
    expect(state).toMatchObject({ orders: [], customers: [], hooks: [], stock: {} });
    expect(state.settings).toMatchObject({ taxRate: '0.0825', rateLimitQuota: 150 });
  });
});
