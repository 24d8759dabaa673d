import { OutcomeUnknownError } from '@mlc/platform-errors';
import { Decimal } from '@mlc/platform-money';
import { json } from '../testing/local-http-server';
import { buildHook, buildProduct, buildVariant } from '../testing/fixtures';
import { collect } from './input-checks';
import { Harness, harness, v3Page } from './resources.spec-helper';

let h: Harness;
afterEach(() => h.close());

describe('catalog', () => {
  it('scans products with their variants, 250 per page, to the last page', async () => {
    h = await harness({
      'GET /v3/catalog/products': (_r, q, res) => {
        const page = Number(q.get('page'));
        json(res, 200, v3Page([buildProduct(page, `P-${page}`)], page, 2));
      },
    });
    const products = await collect(h.api.listProducts());
    expect(products.map((p) => [p.id, p.variants?.[0]?.sku])).toEqual([
      [1, 'P-1'],
      [2, 'P-2'],
    ]);
    expect(h.calls()).toEqual([
      'GET /v3/catalog/products?include=variants&page=1&limit=250',
      'GET /v3/catalog/products?include=variants&page=2&limit=250',
    ]);
  });

  it('finds variants by SKU with one request per distinct SKU', async () => {
    h = await harness({
      'GET /v3/catalog/variants': (_r, q, res) => {
        const sku = q.get('sku')!;
        json(res, 200, v3Page(sku === 'MISSING' ? [] : [buildVariant(9, 3, sku)], 1, sku === 'MISSING' ? 0 : 1));
      },
    });
    const found = await h.api.getVariantsBySku(['A+1', 'MISSING', 'A+1']);
    expect(found.map((v) => v.sku)).toEqual(['A+1']);
    expect(h.calls()).toEqual([
      'GET /v3/catalog/variants?sku=A%2B1&page=1&limit=250',
      'GET /v3/catalog/variants?sku=MISSING&page=1&limit=250',
    ]);
  });

  it('writes variant prices as numbers and reports 207 partial failures', async () => {
    h = await harness({
      'PUT /v3/catalog/variants': (req, _q, res) => {
        const body = JSON.parse(req.body) as Array<{ id: number }>;
        json(res, 207, {
          data: [buildVariant(body[0]!.id, 3, 'A', { price: 19.99 })],
          errors: { status: 422, title: 'Inventory update failed', errors: { inventory_level: 'too low' } },
          meta: {},
        });
      },
    });
    const result = await h.api.updateVariantsBatch([
      { id: 9, price: Decimal.parse('19.99'), inventoryLevel: 4 },
      { id: 10, price: null },
    ]);
    expect(JSON.parse(h.server.requests[0]!.body)).toEqual([
      { id: 9, price: 19.99, inventory_level: 4 },
      { id: 10, price: null },
    ]);
    expect(result.updated.map((v) => v.price)).toEqual([19.99]);
    expect(result.problems).toEqual([{ status: 422, title: 'Inventory update failed', fields: ['inventory_level'] }]);
  });

  it('enforces the batch limits before sending anything', async () => {
    h = await harness({});
    const variants = Array.from({ length: 51 }, (_, i) => ({ id: i + 1, price: Decimal.parse('1') }));
    const products = Array.from({ length: 11 }, (_, i) => ({ id: i + 1, price: Decimal.parse('1') }));
    await expect(h.api.updateVariantsBatch(variants)).rejects.toThrow(
      'updateVariantsBatch takes 1 to 50 items, got 51',
    );
    await expect(h.api.updateProductsBatch(products)).rejects.toThrow(
      'updateProductsBatch takes 1 to 10 items, got 11',
    );
    await expect(h.api.updateProductsBatch([{ id: 1, price: Decimal.parse('-1') }])).rejects.toThrow(RangeError);
    expect(h.calls()).toEqual([]);
  });

  it('retries a batch PUT after a 503: absolute values are safe to repeat', async () => {
    let calls = 0;
    h = await harness({
      'PUT /v3/catalog/products': (_r, _q, res) =>
        ++calls === 1 ? json(res, 503, {}) : json(res, 200, { data: [buildProduct(1, 'P')], meta: {} }),
    });
    const result = await h.api.updateProductsBatch([{ id: 1, price: Decimal.parse('25') }]);
    expect(result.updated).toHaveLength(1);
    expect(calls).toBe(2);
  });
});

describe('inventory', () => {
  it('sends absolute levels with PUT, targets per tracking mode, and returns the transaction id', async () => {
    h = await harness({
      'PUT /v3/inventory/adjustments/absolute': (_r, _q, res) => json(res, 200, { transaction_id: 'tx-1' }),
    });
    const result = await h.api.adjustAbsolute({
      reason: 'ERP sync',
      items: [
        { locationId: 1, quantity: 7, target: { productId: 111 } },
        { locationId: 1, quantity: 100, target: { variantId: 74 } },
        { locationId: 2, quantity: 5, target: { sku: 'SM-13' } },
      ],
    });
    expect(result).toEqual({ transactionId: 'tx-1' });
    expect(JSON.parse(h.server.requests[0]!.body)).toEqual({
      reason: 'ERP sync',
      items: [
        { location_id: 1, quantity: 7, product_id: 111 },
        { location_id: 1, quantity: 100, variant_id: 74 },
        { location_id: 2, quantity: 5, sku: 'SM-13' },
      ],
    });
  });

  it('sends relative changes with POST and never repeats one whose outcome is unknown', async () => {
    h = await harness({ 'POST /v3/inventory/adjustments/relative': (_r, _q, res) => json(res, 502, {}) });
    const adjustment = { reason: 'order 12', items: [{ locationId: 1, quantity: -2, target: { variantId: 74 } }] };
    await expect(h.api.adjustRelative(adjustment)).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(h.calls()).toEqual(['POST /v3/inventory/adjustments/relative']);
  });

  it('runs inventory writes one at a time', async () => {
    let active = 0;
    let maxActive = 0;
    h = await harness({
      'PUT /v3/inventory/adjustments/absolute': (_r, _q, res) => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        setTimeout(() => {
          active -= 1;
          json(res, 200, { transaction_id: 'tx' });
        }, 20);
      },
    });
    const item = { locationId: 1, quantity: 1, target: { productId: 1 } };
    await Promise.all([1, 2, 3].map(() => h.api.adjustAbsolute({ reason: 'r', items: [item] })));
    expect(maxActive).toBe(1);
    expect(h.calls()).toHaveLength(3);
  });

  it('refuses more than 2000 items, negative absolute levels and empty adjustments', async () => {
    h = await harness({});
    const item = { locationId: 1, quantity: 1, target: { productId: 1 } };
    await expect(h.api.adjustAbsolute({ reason: 'r', items: Array(2001).fill(item) })).rejects.toThrow('1 to 2000');
    await expect(h.api.adjustAbsolute({ reason: 'r', items: [{ ...item, quantity: -1 }] })).rejects.toThrow(RangeError);
    await expect(h.api.adjustRelative({ reason: 'r', items: [] })).rejects.toThrow(RangeError);
    expect(h.calls()).toEqual([]);
  });

  it('lists locations', async () => {
    h = await harness({
      'GET /v3/inventory/locations': (_r, _q, res) =>
        json(res, 200, v3Page([{ id: 1, code: 'BC-MAIN', label: 'Main', enabled: true }], 1, 1)),
    });
    expect((await h.api.listLocations()).map((l) => l.id)).toEqual([1]);
  });
});

describe('hooks', () => {
  const destination = 'https://connector.example.com/webhooks/bigcommerce/c1';

  it('creates a hook with its secret header, active', async () => {
    h = await harness({
      'POST /v3/hooks': (req, _q, res) => {
        const body = JSON.parse(req.body);
        json(res, 200, {
          data: buildHook(18048287, body.scope, body.destination, { headers: body.headers }),
          meta: {},
        });
      },
    });
    const hook = await h.api.createHook({
      scope: 'store/order/*',
      destination,
      headers: { 'X-Connector-Secret': 's3cret' },
    });
    expect(hook).toMatchObject({ id: 18048287, scope: 'store/order/*', is_active: true });
    expect(JSON.parse(h.server.requests[0]!.body)).toEqual({
      scope: 'store/order/*',
      destination,
      is_active: true,
      headers: { 'X-Connector-Secret': 's3cret' },
    });
  });

  it('lists hooks with filters and reactivates one', async () => {
    h = await harness({
      'GET /v3/hooks': (_r, _q, res) =>
        json(res, 200, v3Page([buildHook(5, 'store/sku/*', destination, { is_active: false })], 1, 1)),
      'PUT /v3/hooks/5': (req, _q, res) =>
        json(res, 200, { data: buildHook(5, 'store/sku/*', destination, JSON.parse(req.body)), meta: {} }),
    });
    const [inactive] = await h.api.listHooks({ isActive: false, scope: 'store/sku/*' });
    const revived = await h.api.updateHook(inactive!.id, { isActive: true });
    expect(revived.is_active).toBe(true);
    expect(h.calls()).toEqual([
      'GET /v3/hooks?scope=store%2Fsku%2F*&is_active=false&page=1&limit=250',
      'PUT /v3/hooks/5',
    ]);
    expect(JSON.parse(h.server.requests[1]!.body)).toEqual({ is_active: true });
  });

  it('a create whose answer is lost is OutcomeUnknown; an empty patch is refused', async () => {
    h = await harness({ 'POST /v3/hooks': (_r, _q, res) => json(res, 500, {}) });
    await expect(h.api.createHook({ scope: 'store/order/*', destination })).rejects.toBeInstanceOf(OutcomeUnknownError);
    await expect(h.api.updateHook(5, {})).rejects.toThrow(RangeError);
    expect(h.calls()).toEqual(['POST /v3/hooks']);
  });
});
