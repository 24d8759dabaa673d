import { BigCommerceTestSandbox, eventually, JsonBody as Json, WebhookReceiver } from './testing';

describe('BigCommerce sandbox catalog and inventory', () => {
  let sb: BigCommerceTestSandbox;

  beforeAll(async () => {
    sb = await BigCommerceTestSandbox.start({ seed: { products: 6, variantsPerProduct: 0, customers: 1 } });
    await sb.control('PUT', '/__sandbox/bigcommerce/settings', { inventoryApplyDelayMs: 0 });
    await sb.control('POST', '/__sandbox/bigcommerce/products', {
      name: 'Sneaker',
      sku: 'SNK',
      price: '80.00',
      variants: [
        { sku: 'SNK-40', inventory: 5, optionLabel: '40' },
        { sku: 'SNK-41', price: '85.00', inventory: 6, optionLabel: '41' },
      ],
    });
  });
  afterAll(() => sb?.close());

  const variant = async (sku: string) =>
    (await sb.api('GET', `/v3/catalog/variants?sku=${sku}`)).json<{ data: Json[] }>().data[0]!;
  const product = async (sku: string) =>
    (await sb.api('GET', `/v3/catalog/products?sku=${sku}&include=variants`)).json<{ data: Json[] }>().data[0]!;

  it('shows variant-tracked products with their variants; null variant prices inherit the product price', async () => {
    const snk = await product('SNK');
    expect(snk).toMatchObject({ inventory_tracking: 'variant', inventory_level: 11, base_variant_id: null, price: 80 });
    expect(snk.variants.map((v: Json) => [v.sku, v.price, v.calculated_price, v.inventory_level])).toEqual([
      ['SNK-40', null, 80, 5],
      ['SNK-41', 85, 85, 6],
    ]);
    const simple = await product('SKU-00001');
    expect(simple.inventory_tracking).toBe('product');
    expect(simple.variants).toHaveLength(1);
    expect(simple.variants[0]).toMatchObject({
      id: simple.base_variant_id,
      sku: 'SKU-00001',
      sku_id: null,
      option_values: [],
    });
    expect(
      (await sb.api('GET', '/v3/catalog/products?sku:in=SKU-00001,SKU-00002,SNK-40'))
        .json<{ data: Json[] }>()
        .data.map((p) => p.sku),
    ).toEqual(['SKU-00001', 'SKU-00002']);
  });

  it('batch price updates change what shoppers pay and fire product and sku webhooks', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      await sb.api('POST', '/v3/hooks', { body: { scope: 'store/product/updated', destination: receiver.url() } });
      await sb.api('POST', '/v3/hooks', { body: { scope: 'store/sku/updated', destination: receiver.url() } });
      const p = await product('SKU-00002');
      const v = await variant('SNK-40');
      expect((await sb.api('PUT', '/v3/catalog/products', { body: [{ id: p.id, price: 19.95 }] })).status).toBe(200);
      const updated = await sb.api('PUT', '/v3/catalog/variants', { body: [{ id: v.id, price: 79.5 }] });
      expect(updated.json<{ data: Json[] }>().data[0]).toMatchObject({ price: 79.5, calculated_price: 79.5 });
      const prices = (await sb.control('GET', '/__sandbox/bigcommerce/state')).json<{
        prices: Record<string, string>;
      }>().prices;
      expect(prices['SKU-00002']).toBe('19.95');
      expect(prices['SNK-40']).toBe('79.50');
      const deliveries = await receiver.waitFor(() => true, 2);
      expect(deliveries.map((d) => JSON.parse(d.body).data).sort((a, b) => a.type.localeCompare(b.type))).toEqual([
        { type: 'product', id: p.id },
        { type: 'sku', id: v.sku_id, sku: { product_id: v.product_id, variant_id: v.id } },
      ]);
      expect(
        (await sb.api('PUT', '/v3/catalog/variants', { body: [{ id: v.id, price: null }] })).json<{ data: Json[] }>()
          .data[0]!.price,
      ).toBeNull();
    } finally {
      await receiver.close();
    }
  });

  it('refuses a duplicate SKU with 409, and variant inventory on a product-tracked product in batch_errors', async () => {
    const p = await product('SKU-00003');
    const conflict = await sb.api('PUT', '/v3/catalog/products', { body: [{ id: p.id, sku: 'SNK-41' }] });
    expect(conflict.status).toBe(409);
    const base = await variant('SKU-00003');
    const refused = await sb.api('PUT', '/v3/catalog/variants', { body: [{ id: base.id, inventory_level: 3 }] });
    expect(refused.status).toBe(422);
    expect(refused.json<{ batch_errors: Json[] }>().batch_errors[0]!.errors).toHaveProperty('inventory_level');
    expect((await sb.api('PUT', '/v3/catalog/variants', { body: [{ id: 99999999, price: 1 }] })).status).toBe(422);
  });

  it('inventory adjustments apply asynchronously: a read straight after the 200 may show the old level', async () => {
    await sb.control('PUT', '/__sandbox/bigcommerce/settings', { inventoryApplyDelayMs: 300 });
    try {
      const before = (await product('SKU-00004')).inventory_level as number;
      const res = await sb.api('PUT', '/v3/inventory/adjustments/absolute', {
        body: { reason: 'ERP sync', items: [{ location_id: 1, sku: 'SKU-00004', quantity: before + 50 }] },
      });
      expect(res.status).toBe(200);
      expect((await product('SKU-00004')).inventory_level).toBe(before);
      await eventually(
        async () => ((await product('SKU-00004')).inventory_level === before + 50 ? true : undefined),
        3000,
        'the adjustment',
      );
    } finally {
      await sb.control('PUT', '/__sandbox/bigcommerce/settings', { inventoryApplyDelayMs: 0 });
    }
  });

  it('relative adjustments: deltas by product_id, no relative change before an absolute one at a new location, never below zero', async () => {
    const p = await product('SKU-00005');
    const start = p.inventory_level as number;
    expect(
      (
        await sb.api('POST', '/v3/inventory/adjustments/relative', {
          body: { items: [{ location_id: 1, product_id: p.id, quantity: -2 }] },
        })
      ).status,
    ).toBe(200);
    expect((await product('SKU-00005')).inventory_level).toBe(start - 2);
    const below = await sb.api('POST', '/v3/inventory/adjustments/relative', {
      body: { items: [{ location_id: 1, product_id: p.id, quantity: -(start + 1) }] },
    });
    expect(below.status).toBe(422);
    expect((await product('SKU-00005')).inventory_level).toBe(start - 2);
    const location = (
      await sb.control('POST', '/__sandbox/bigcommerce/locations', { code: 'WH-2', label: 'Second warehouse' })
    ).json<{ id: number }>().id;
    const first = await sb.api('POST', '/v3/inventory/adjustments/relative', {
      body: { items: [{ location_id: location, product_id: p.id, quantity: 3 }] },
    });
    expect(first.status).toBe(422);
    expect(first.json<Json>().title).toBe(
      `Items with identity: [product_id ${p.id}] requires absolute adjustment before relative`,
    );
    const snk = await product('SNK');
    const byProduct = await sb.api('PUT', '/v3/inventory/adjustments/absolute', {
      body: { items: [{ location_id: 1, product_id: snk.id, quantity: 3 }] },
    });
    expect(byProduct.json<Json>().title).toBe(
      `[Item with product_id ${snk.id} is tracked by variant, please update stock by variant id]`,
    );
    expect(
      (
        await sb.api('PUT', '/v3/inventory/adjustments/absolute', {
          body: { items: [{ location_id: 1, sku: 'SKU-00005', variant_id: 1, quantity: 3 }] },
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await sb.api('PUT', '/v3/inventory/adjustments/absolute', {
          body: { items: [{ location_id: 1, sku: 'SKU-00005', quantity: 2_147_483_648 }] },
        })
      ).status,
    ).toBe(422);
  });

  it('inventory items and locations: per-location levels, filters by sku:in and location_id:in', async () => {
    const items = (await sb.api('GET', '/v3/inventory/items?sku:in=SNK-40,SKU-00006')).json<{ data: Json[] }>().data;
    expect(items.map((i) => i.identity.sku).sort()).toEqual(['SKU-00006', 'SNK-40']);
    const snk40 = items.find((i) => i.identity.sku === 'SNK-40')!;
    expect(snk40.identity).toMatchObject({
      variant_id: expect.any(Number),
      product_id: expect.any(Number),
      sku_id: expect.any(Number),
    });
    expect(snk40.locations[0]).toMatchObject({
      location_id: 1,
      total_inventory_onhand: 5,
      available_to_sell: 5,
      location_enabled: true,
    });
    const locations = (await sb.api('GET', '/v3/inventory/locations')).json<{ data: Json[] }>().data;
    expect(locations[0]).toMatchObject({ id: 1, code: 'BC-LOCATION-1', enabled: true });
    expect(
      (await sb.api('GET', '/v3/inventory/locations?location_id:in=1')).json<{ data: Json[] }>().data,
    ).toHaveLength(1);
  });

  it('stock movements from orders fire the inventory order webhooks (variant scope for variant tracking)', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      await sb.api('POST', '/v3/hooks', {
        body: { scope: 'store/sku/inventory/order/updated', destination: receiver.url() },
      });
      await sb.api('POST', '/v3/hooks', {
        body: { scope: 'store/product/inventory/order/updated', destination: receiver.url() },
      });
      const v = await variant('SNK-41');
      const p = await product('SKU-00006');
      await sb.placeOrder({
        guest: true,
        lines: [
          { sku: 'SNK-41', quantity: 2 },
          { sku: 'SKU-00006', quantity: 1 },
        ],
      });
      const data = (await receiver.waitFor(() => true, 2))
        .map((d) => JSON.parse(d.body).data)
        .sort((a, b) => a.type.localeCompare(b.type));
      expect(data).toEqual([
        { type: 'product', id: p.id, inventory: { product_id: p.id, method: 'relative', value: -1 } },
        {
          type: 'sku',
          id: v.sku_id,
          inventory: { product_id: v.product_id, method: 'relative', value: -2, variant_id: v.id },
        },
      ]);
    } finally {
      await receiver.close();
    }
  });
});
