import { BcItemRef, buildSkuMap, explicitTargets, itemMatchesAnyRow, sharedItems, skuMatchRule } from './build-sku-map';
import { StoreProductScan, replaceProductRows, storeRowsOfCatalog, storeRowsOfProduct } from './sku-map';

function product(id: number, sku: string, overrides: Partial<StoreProductScan> = {}): StoreProductScan {
  return { id, sku, inventoryTracking: 'product', baseVariantId: id * 10, variants: [], ...overrides };
}

const item = (id: string, number: string, overrides: Partial<BcItemRef> = {}): BcItemRef => ({
  id,
  number,
  type: 'Inventory',
  blocked: false,
  ...overrides,
});

const shirt = product(2, 'SHIRT', {
  inventoryTracking: 'variant',
  baseVariantId: null,
  variants: [
    { id: 21, sku: 'SHIRT-S', optionValueCount: 1 },
    { id: 22, sku: 'SHIRT-M', optionValueCount: 1 },
    { id: 23, sku: '  ', optionValueCount: 1 },
  ],
});

describe('store rows of a catalog scan', () => {
  it("takes a product's own SKU when it has only its base variant", () => {
    const mug = product(1, 'MUG', { variants: [{ id: 10, sku: 'MUG', optionValueCount: 0 }] });
    expect(storeRowsOfProduct(mug)).toEqual([
      { sku: 'MUG', storeProductId: 1, storeVariantId: 10, kind: 'product', inventoryTracking: 'product' },
    ]);
    expect(storeRowsOfProduct(product(3, 'BARE', { baseVariantId: null }))).toEqual([
      { sku: 'BARE', storeProductId: 3, kind: 'product', inventoryTracking: 'product' },
    ]);
  });

  it('takes option variants SKUs otherwise, leaving out empty SKUs', () => {
    expect(storeRowsOfProduct(shirt)).toEqual([
      { sku: 'SHIRT-S', storeProductId: 2, storeVariantId: 21, kind: 'variant', inventoryTracking: 'variant' },
      { sku: 'SHIRT-M', storeProductId: 2, storeVariantId: 22, kind: 'variant', inventoryTracking: 'variant' },
    ]);
    expect(storeRowsOfProduct(product(4, ''))).toEqual([]);
  });

  it('replaces one product after a catalog signal, or drops it when deleted', () => {
    const rows = storeRowsOfCatalog([product(1, 'MUG'), shirt]);
    const renamed = replaceProductRows(rows, 1, product(1, 'MUG-2'));
    expect(renamed.map((r) => r.sku)).toEqual(['SHIRT-S', 'SHIRT-M', 'MUG-2']);
    expect(replaceProductRows(rows, 2, null).map((r) => r.sku)).toEqual(['MUG']);
  });
});

describe('buildSkuMap', () => {
  const rows = storeRowsOfCatalog([
    product(1, 'mug-01'),
    shirt,
    product(3, 'SVC'),
    product(4, 'GIFT'),
    product(5, 'OLD'),
    product(6, 'FREE', { inventoryTracking: 'none' }),
    product(7, 'NOPE'),
    product(8, 'TWICE'),
    product(9, 'TWICE'),
  ]);
  const items = [
    item('i-mug', 'MUG-01'),
    item('i-s', 'SHIRT-S'),
    item('i-m', 'SHIRT-M'),
    item('i-svc', 'SVC', { type: 'Service' }),
    item('i-gift', 'GIFT', { type: 'Non-Inventory' }),
    item('i-old', 'OLD', { blocked: true }),
    item('i-free', 'FREE'),
    item('i-twice', 'TWICE'),
    item('i-unsold', 'UNSOLD'),
  ];

  it('maps SKUs to items by number, case-insensitively, and classifies the rest with counts', () => {
    const map = buildSkuMap({ rows, items, match: { mode: 'item-number' } });
    expect(map.entries.map((e) => [e.sku, e.bcItemId, e.kind])).toEqual([
      ['mug-01', 'i-mug', 'product'],
      ['SHIRT-S', 'i-s', 'variant'],
      ['SHIRT-M', 'i-m', 'variant'],
    ]);
    expect(map.skipped.map((s) => [s.sku, s.reason])).toEqual([
      ['NOPE', 'missing-in-bc'],
      ['TWICE', 'duplicate-sku'],
      ['TWICE', 'duplicate-sku'],
      ['SVC', 'bc-service-item'],
      ['GIFT', 'bc-non-inventory-item'],
      ['OLD', 'bc-blocked'],
      ['FREE', 'store-not-tracked'],
      ['UNSOLD', 'missing-in-store'],
    ]);
    expect(map.counts).toEqual({
      mapped: 3,
      'missing-in-store': 1,
      'missing-in-bc': 1,
      'bc-service-item': 1,
      'bc-non-inventory-item': 1,
      'bc-blocked': 1,
      'store-not-tracked': 1,
      'duplicate-sku': 2,
      'not-mapped': 0,
    });
    expect(map.storeRows).toEqual(rows);
  });

  it('refuses two store SKUs feeding one BC item: its stock would be sold twice', () => {
    const twoWays = storeRowsOfCatalog([product(1, 'abc'), product(2, 'ABC'), product(3, 'Abc'), product(4, 'Abc')]);
    const map = buildSkuMap({ rows: twoWays, items: [item('i-abc', 'ABC')], match: { mode: 'item-number' } });
    expect(map.entries).toEqual([]);
    expect(map.skipped.map((s) => [s.sku, s.reason, s.bcItemId])).toEqual([
      ['Abc', 'duplicate-sku', 'i-abc'],
      ['Abc', 'duplicate-sku', 'i-abc'],
      ['abc', 'duplicate-sku', 'i-abc'],
      ['ABC', 'duplicate-sku', 'i-abc'],
    ]);
    expect(map.counts['missing-in-store']).toBe(0);
  });

  it('names the BC items two listings resolved to, with every listing, and nothing for other duplicates', () => {
    const rowsOf = storeRowsOfCatalog([product(1, 'TEE-RED'), shirt, product(5, 'LONE')]);
    const match = { mode: 'mapping-table' as const, explicit: { 'TEE-RED': 'I-TEE', 'SHIRT-M': 'i-tee', LONE: 'i-x' } };
    const sharedMap = buildSkuMap({ rows: rowsOf, items: [item('i-tee', 'TEE'), item('i-x', 'X')], match });
    expect(sharedMap.entries.map((e) => e.sku)).toEqual(['LONE']);
    expect(sharedItems(sharedMap, [item('i-tee', 'TEE')])).toEqual([
      {
        bcItemId: 'i-tee',
        bcItemNumber: 'TEE',
        listings: [
          { sku: 'TEE-RED', reason: 'duplicate-sku', storeProductId: 1, storeVariantId: 10, bcItemId: 'i-tee' },
          { sku: 'SHIRT-M', reason: 'duplicate-sku', storeProductId: 2, storeVariantId: 22, bcItemId: 'i-tee' },
        ],
      },
    ]);
    // A GTIN shared by two BC items is a duplicate without one item: nothing to name.
    const gtin = buildSkuMap({
      rows: storeRowsOfCatalog([product(1, '09999999999999')]),
      items: [item('i-2', 'X2', { gtin: '09999999999999' }), item('i-3', 'X3', { gtin: '09999999999999' })],
      match: { mode: 'gtin' },
    });
    expect(gtin.counts['duplicate-sku']).toBe(1);
    expect(sharedItems(gtin, [])).toEqual([]);
  });

  it('matches by GTIN, and calls a GTIN shared by two items a duplicate', () => {
    const gtinRows = storeRowsOfCatalog([product(1, '04012345678901'), product(2, '09999999999999')]);
    const gtinItems = [
      item('i-1', 'X1', { gtin: '04012345678901' }),
      item('i-2', 'X2', { gtin: '09999999999999' }),
      item('i-3', 'X3', { gtin: '09999999999999' }),
    ];
    const map = buildSkuMap({ rows: gtinRows, items: gtinItems, match: { mode: 'gtin' } });
    expect(map.entries.map((e) => [e.sku, e.bcItemId])).toEqual([['04012345678901', 'i-1']]);
    expect(map.skipped.filter((s) => s.reason === 'duplicate-sku').map((s) => s.sku)).toEqual(['09999999999999']);
  });

  it('lets explicit links win, and keeps a resolved link by item id after a rename', () => {
    const first = buildSkuMap({ rows, items, match: { mode: 'item-number', explicit: { NOPE: 'i-unsold' } } });
    expect(first.entries.find((e) => e.sku === 'NOPE')?.bcItemId).toBe('i-unsold');
    const renamed = items.map((i) => (i.id === 'i-mug' ? { ...i, number: 'MUG-RENAMED' } : i));
    const second = buildSkuMap({ rows, items: renamed, match: { mode: 'item-number' }, previous: first.entries });
    expect(second.entries.find((e) => e.sku === 'mug-01')?.bcItemId).toBe('i-mug');
  });

  it('maps only through the mapping table in mapping-table mode: by item id, or by number until the id is known', () => {
    const table = skuMatchRule('mapping-table', [
      { sku: 'mug-01', itemId: 'I-S', itemNumber: 'SHIRT-S' },
      { sku: 'SHIRT-M', itemId: null, itemNumber: 'mug-01' },
      { sku: 'NOPE', itemId: null, itemNumber: 'NOT-IN-BC' },
    ]);
    const plainItems = items.filter((i) => i.id === 'i-mug' || i.id === 'i-s' || i.id === 'i-m');
    const map = buildSkuMap({ rows, items: plainItems, match: table });
    expect(map.entries.map((e) => [e.sku, e.bcItemId])).toEqual([
      ['mug-01', 'i-s'],
      ['SHIRT-M', 'i-mug'],
    ]);
    // SHIRT-S matches item SHIRT-S by number, but the table has no row for it.
    expect(map.skipped.filter((s) => s.reason === 'not-mapped').map((s) => s.sku)).toEqual(
      expect.arrayContaining(['SHIRT-S', 'SVC', 'GIFT', 'OLD', 'FREE']),
    );
    expect(map.skipped.find((s) => s.sku === 'NOPE')?.reason).toBe('missing-in-bc');
    expect(map.counts['not-mapped']).toBeGreaterThanOrEqual(5);

    // A row taken out of the table unmaps its SKU: the previous map's link is not kept in this mode.
    const fewer = skuMatchRule('mapping-table', [{ sku: 'SHIRT-M', itemId: null, itemNumber: 'MUG-01' }]);
    const after = buildSkuMap({ rows, items: plainItems, match: fewer, previous: map.entries });
    expect(after.entries.map((e) => e.sku)).toEqual(['SHIRT-M']);
    expect(after.skipped.find((s) => s.sku === 'mug-01')?.reason).toBe('not-mapped');
  });

  it('lets mapping-table rows win in item-number mode too, as bc-writer does for orders', () => {
    const rule = skuMatchRule('item-number', [{ sku: 'SHIRT-M', itemId: null, itemNumber: 'unsold' }]);
    const map = buildSkuMap({ rows, items, match: rule });
    expect(map.entries.find((e) => e.sku === 'SHIRT-M')?.bcItemId).toBe('i-unsold');
    expect(map.entries.find((e) => e.sku === 'SHIRT-S')?.bcItemId).toBe('i-s');
    expect(map.counts['not-mapped']).toBe(0);
  });

  it('names the items a rule points at, and tells which new items could match a store row', () => {
    const rule = skuMatchRule('mapping-table', [
      { sku: 'A', itemId: 'id-a', itemNumber: 'X' },
      { sku: 'B', itemId: null, itemNumber: 'nb' },
      { sku: '  ', itemId: null, itemNumber: 'blank' },
    ]);
    expect(explicitTargets(rule, ['A', 'B', 'C'])).toEqual({ ids: ['id-a'], numbers: ['NB'] });
    const storeRows = storeRowsOfCatalog([product(1, 'A'), product(2, 'B'), product(3, 'C')]);
    expect(itemMatchesAnyRow(rule, storeRows, item('ID-A', 'X'))).toBe(true);
    expect(itemMatchesAnyRow(rule, storeRows, item('i-nb', 'NB'))).toBe(true);
    expect(itemMatchesAnyRow(rule, storeRows, item('i-c', 'C'))).toBe(false);
    expect(itemMatchesAnyRow({ mode: 'item-number' }, storeRows, item('i-c', 'c'))).toBe(true);
    expect(itemMatchesAnyRow({ mode: 'gtin' }, storeRows, item('i-c', 'Z', { gtin: 'C' }))).toBe(true);
  });

  it('carries last pushed values over only while store ids and item stay the same', () => {
    const first = buildSkuMap({ rows, items, match: { mode: 'item-number' } });
    const previous = first.entries.map((e) => ({
      ...e,
      lastPushedPrice: '5',
      lastPushedLevel: 3,
      stockBasis: { inventory: '3', observedAt: 1 },
    }));
    const same = buildSkuMap({ rows, items, match: { mode: 'item-number' }, previous });
    expect(same.entries[0]).toMatchObject({ lastPushedPrice: '5', lastPushedLevel: 3, stockBasis: { inventory: '3' } });
    const recreated = replaceProductRows(rows, 1, product(11, 'mug-01'));
    const moved = buildSkuMap({ rows: recreated, items, match: { mode: 'item-number' }, previous });
    const mug = moved.entries.find((e) => e.sku === 'mug-01');
    expect(mug).toEqual({
      sku: 'mug-01',
      storeProductId: 11,
      storeVariantId: 110,
      kind: 'product',
      inventoryTracking: 'product',
      bcItemId: 'i-mug',
    });
  });
});
