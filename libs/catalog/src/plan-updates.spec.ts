import { Decimal } from '@mlc/platform-money';
import { applyOrderState, emptyCommittedStock } from './committed-stock';
import { catalogOutcomeOf } from './plan-outcome';
import { BcItemSnapshot, PlanCatalogInput, planCatalogUpdates } from './plan-updates';
import { CatalogSyncSettings, parseCatalogSyncSettings } from './settings';
import { SkuMapEntry } from './sku-map';

/** The value, or a failed test when it is missing. */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

const NOW = Date.parse('2026-11-28T09:00:00.000Z');

function snapshot(id: string, overrides: Partial<BcItemSnapshot> = {}): BcItemSnapshot {
  return {
    id,
    number: id.toUpperCase(),
    type: 'Inventory',
    blocked: false,
    inventory: Decimal.from(10),
    unitPrice: Decimal.parse('19.99'),
    priceIncludesTax: false,
    observedAt: NOW - 1000,
    ...overrides,
  };
}

function variantEntry(n: number, overrides: Partial<SkuMapEntry> = {}): SkuMapEntry {
  return {
    sku: `V-${n}`,
    storeProductId: 1000,
    storeVariantId: 5000 + n,
    kind: 'variant',
    inventoryTracking: 'variant',
    bcItemId: `item-v${n}`,
    ...overrides,
  };
}

function productEntry(n: number, overrides: Partial<SkuMapEntry> = {}): SkuMapEntry {
  return {
    sku: `P-${n}`,
    storeProductId: 2000 + n,
    storeVariantId: 9000 + n,
    kind: 'product',
    inventoryTracking: 'product',
    bcItemId: `item-p${n}`,
    ...overrides,
  };
}

/** Already pushed at 19.99 and 10 units, so a same snapshot changes nothing. */
const pushed = {
  lastPushedPrice: '19.99',
  lastPushedLevel: 10,
  stockBasis: { inventory: '10', observedAt: NOW - 60_000 },
};

function plan(entries: SkuMapEntry[], items: BcItemSnapshot[], extra: Partial<PlanCatalogInput> = {}) {
  return planCatalogUpdates({
    items,
    entries,
    committed: emptyCommittedStock('acme'),
    settings: parseCatalogSyncSettings({ version: 1 }),
    prices: { storeCurrency: 'EUR', storePricesIncludeTax: false, bcLocalCurrency: 'EUR' },
    now: NOW,
    ...extra,
  });
}

describe('planCatalogUpdates: batching', () => {
  it('splits 51 variant prices into 50 + 1 and 11 product prices into 10 + 1', () => {
    const variants = Array.from({ length: 51 }, (_, i) => variantEntry(i, pushed));
    const products = Array.from({ length: 11 }, (_, i) => productEntry(i, pushed));
    const items = [...variants, ...products].map((e) => snapshot(e.bcItemId, { unitPrice: Decimal.parse('21.5') }));
    const result = plan([...variants, ...products], items);
    expect(result.writes.map((w) => [w.kind, w.path, w.method, w.skus.length])).toEqual([
      ['variant-prices', '/v3/catalog/variants', 'PUT', 50],
      ['variant-prices', '/v3/catalog/variants', 'PUT', 1],
      ['product-prices', '/v3/catalog/products', 'PUT', 10],
      ['product-prices', '/v3/catalog/products', 'PUT', 1],
    ]);
    expect(must(result.writes[0]).body).toContainEqual({ id: 5000, price: 21.5 });
    expect(must(result.writes[2]).body).toContainEqual({ id: 2000, price: 21.5 });
    expect(result.counts.price).toMatchObject({ changed: 62, unchanged: 0, skipped: 0 });
  });

  it('sends 2001 stock changes in two inventory calls, price batches first', () => {
    const entries = Array.from({ length: 2001 }, (_, i) => variantEntry(i, pushed));
    const items = entries.map((e) => snapshot(e.bcItemId, { inventory: Decimal.from(12) }));
    const result = plan(entries, items);
    expect(result.writes.map((w) => [w.kind, w.skus.length])).toEqual([
      ['relative-stock', 2000],
      ['relative-stock', 1],
    ]);
    const first = must(result.writes[0]);
    expect(first.method).toBe('POST');
    expect(first.path).toBe('/v3/inventory/adjustments/relative');
    expect(first.kind === 'relative-stock' && first.body.items[0]).toEqual({
      variant_id: 5000,
      location_id: 1,
      quantity: 2,
    });
  });

  it('orders catalog price batches before inventory calls', () => {
    const entries = [variantEntry(1, pushed), productEntry(1)];
    const result = plan(entries, [snapshot('item-v1', { unitPrice: Decimal.from(25) }), snapshot('item-p1')]);
    expect(result.writes.map((w) => w.kind)).toEqual(['variant-prices', 'product-prices', 'absolute-stock']);
  });
});

describe('planCatalogUpdates: what is sent', () => {
  it('sends nothing when price and level equal what was last pushed', () => {
    const result = plan([variantEntry(1, pushed), productEntry(1, pushed)], [snapshot('item-v1'), snapshot('item-p1')]);
    expect(result.writes).toEqual([]);
    expect(result.counts.price).toMatchObject({ changed: 0, unchanged: 2 });
    expect(result.counts.stock).toMatchObject({ changed: 0, unchanged: 2 });
    expect(catalogOutcomeOf(must(result.outcomes[0]))).toEqual({ outcome: 'unchanged', price: '19.99', level: 10 });
  });

  it('treats 19.990 and 19.99 as the same price', () => {
    const result = plan([productEntry(1, pushed)], [snapshot('item-p1', { unitPrice: '19.990' })]);
    expect(must(result.outcomes[0]).price).toEqual({ status: 'unchanged', price: '19.99' });
  });

  it('references stock by product id or variant id according to the tracking mode', () => {
    const byVariant = variantEntry(1, pushed);
    const byProduct = productEntry(1, pushed);
    const baseVariantTracked = productEntry(2, { ...pushed, inventoryTracking: 'variant' });
    const items = [byVariant, byProduct, baseVariantTracked].map((e) => snapshot(e.bcItemId, { inventory: '13' }));
    const result = plan([byVariant, byProduct, baseVariantTracked], items);
    const write = must(result.writes[0]);
    expect(write.kind === 'relative-stock' && write.body.items).toEqual([
      { variant_id: 5001, location_id: 1, quantity: 3 },
      { product_id: 2001, location_id: 1, quantity: 3 },
      { variant_id: 9002, location_id: 1, quantity: 3 },
    ]);
  });

  it('writes the first level of a SKU as an absolute adjustment at the configured location', () => {
    const settings = parseCatalogSyncSettings({ version: 1, bigcommerceLocationId: 3 });
    const result = plan([productEntry(1)], [snapshot('item-p1', { inventory: '7.75' })], { settings });
    const write = must(result.writes.find((w) => w.kind === 'absolute-stock'));
    expect(write.method).toBe('PUT');
    expect(write.path).toBe('/v3/inventory/adjustments/absolute');
    expect(write.kind === 'absolute-stock' && write.body.items).toEqual([
      { product_id: 2001, location_id: 3, quantity: 7 },
    ]);
    expect(must(result.outcomes[0]).stock).toMatchObject({
      status: 'changed',
      mode: 'absolute',
      why: 'first-push',
      level: 7,
    });
  });

  it('subtracts committed quantities from a first push', () => {
    const committed = applyOrderState(emptyCommittedStock('acme'), {
      connectionId: 'acme',
      orderId: 7,
      state: 'PARKED',
      documentType: 'salesInvoice',
      lines: [{ sku: 'P-1', quantity: '4' }],
      sequence: 2,
      occurredAt: new Date(NOW - 5000).toISOString(),
    });
    const result = plan([productEntry(1)], [snapshot('item-p1', { inventory: '10' })], { committed });
    expect(must(result.outcomes[0]).stock).toMatchObject({ mode: 'absolute', level: 6, target: 6 });
  });

  it('uses the newest snapshot when an item appears twice', () => {
    const items = [
      snapshot('item-p1', { inventory: '14', observedAt: NOW - 10 }),
      snapshot('item-p1', { inventory: '11' }),
    ];
    const result = plan([productEntry(1, pushed)], items);
    expect(result.outcomes).toHaveLength(1);
    expect(must(result.outcomes[0]).stock).toMatchObject({ mode: 'relative', delta: 4 });
  });
});

describe('planCatalogUpdates: skips', () => {
  it('counts skip reasons for both parts and names items nobody sells', () => {
    const entries = [
      productEntry(1, pushed),
      productEntry(2, { ...pushed, inventoryTracking: 'none' }),
      variantEntry(3, { ...pushed, inventoryTracking: 'product' }),
      productEntry(4, pushed),
      productEntry(5, pushed),
      productEntry(6, pushed),
    ];
    const items = [
      snapshot('item-p1', { inventory: '11' }),
      snapshot('item-p2'),
      snapshot('item-v3'),
      snapshot('item-p4', { blocked: true }),
      snapshot('item-p5', { type: 'Service' }),
      snapshot('item-p6', { type: 'Non-Inventory' }),
      snapshot('item-lonely'),
    ];
    const result = plan(entries, items);
    expect(result.counts.stock).toEqual({
      changed: 1,
      unchanged: 0,
      skipped: 5,
      bySkipReason: {
        'store-not-tracked': 1,
        'tracked-by-product': 1,
        'bc-blocked': 1,
        'bc-service-item': 1,
        'bc-non-inventory-item': 1,
      },
    });
    expect(result.counts.price.bySkipReason).toEqual({
      'bc-blocked': 1,
      'bc-service-item': 1,
      'bc-non-inventory-item': 1,
    });
    expect(result.unmatchedItems).toEqual([
      { bcItemId: 'item-lonely', number: 'ITEM-LONELY', reason: 'missing-in-store' },
    ]);
    expect(catalogOutcomeOf(must(result.outcomes[3]))).toEqual({ outcome: 'skipped', reason: 'bc-blocked' });
  });

  it('skips prices in another currency with one aggregated warning', () => {
    const entries = [productEntry(1), productEntry(2)];
    const result = plan(entries, [snapshot('item-p1'), snapshot('item-p2')], {
      prices: { storeCurrency: 'USD', storePricesIncludeTax: false, bcLocalCurrency: 'EUR' },
    });
    expect(result.writes.map((w) => w.kind)).toEqual(['absolute-stock']);
    expect(result.warnings).toEqual([
      {
        reason: 'currency-mismatch',
        message: 'price not pushed: store currency USD differs from BC currency EUR',
        count: 2,
      },
    ]);
  });

  it('honours pushPrices and pushStock', () => {
    const settings: CatalogSyncSettings = parseCatalogSyncSettings({ version: 1, pushPrices: false, pushStock: false });
    const result = plan([productEntry(1)], [snapshot('item-p1')], { settings });
    expect(result.writes).toEqual([]);
    expect(result.outcomes[0]).toMatchObject({
      price: { status: 'skipped', reason: 'push-prices-disabled' },
      stock: { status: 'skipped', reason: 'push-stock-disabled' },
    });
  });
});

describe('planCatalogUpdates: drift', () => {
  it('corrects drift with an absolute level when no order is in flight, and alarms beyond the threshold', () => {
    const result = plan([productEntry(1, pushed)], [snapshot('item-p1', { inventory: '12' })], {
      storeLevels: { 'P-1': 3 },
    });
    expect(result.drift).toEqual([
      { sku: 'P-1', storeLevel: 3, expected: 10, drift: -7, alarm: true, corrected: true },
    ]);
    const write = must(result.writes[0]);
    expect(write.kind === 'absolute-stock' && write.body.items).toEqual([
      { product_id: 2001, location_id: 1, quantity: 12 },
    ]);
  });

  it('reports drift but only pushes the relative change while an order is open', () => {
    const committed = applyOrderState(emptyCommittedStock('acme'), {
      connectionId: 'acme',
      orderId: 8,
      state: 'DOCUMENT_CREATED',
      documentType: 'salesInvoice',
      lines: [{ sku: 'P-1', quantity: '1' }],
      sequence: 1,
      occurredAt: new Date(NOW - 3_600_000).toISOString(),
    });
    const entry = productEntry(1, { ...pushed, stockBasis: { inventory: '11', observedAt: NOW - 60_000 } });
    const result = plan([entry], [snapshot('item-p1', { inventory: '13' })], { committed, storeLevels: { 'P-1': 8 } });
    expect(result.drift[0]).toMatchObject({
      expected: 10,
      drift: -2,
      corrected: false,
      notCorrectedBecause: 'order-in-flight',
    });
    const write = must(result.writes[0]);
    expect(write.kind === 'relative-stock' && write.body.items).toEqual([
      { product_id: 2001, location_id: 1, quantity: 2 },
    ]);
  });
});
