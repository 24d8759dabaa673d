import { CATALOG, SKU_MAPPINGS, itemByNumber, runOrderScenario } from './__fixtures__/order-scenarios';
import type { StoreOrder } from './model/store-order';
import type { BcItemRecord } from './ports/item-lookup.port';
import { normaliseItemNumber, planItemLookup, resolveItems, type ItemLookupData } from './resolve-items';

const NO_DATA: ItemLookupData = { byNumber: [], byGtin: [], mappings: [], mappedItems: [] };
const orderOf = (name: string): StoreOrder => runOrderScenario(name).order;

describe('normaliseItemNumber', () => {
  it('trims and uppercases like BC Code fields', () => {
    expect(normaliseItemNumber('  tee-org-m ')).toBe('TEE-ORG-M');
  });
});

describe('planItemLookup', () => {
  it('asks for item numbers that can exist in item-number mode, skipping gift certificates', () => {
    expect(planItemLookup(orderOf('order.long-and-colliding-skus'), 'item-number')).toEqual({
      skus: ['WIDGET-DELUXE-EXTRA-LARGE-BLUE', 'tee-classic', 'TEE-CLASSIC', 'STICKER-01'],
      numbers: ['TEE-CLASSIC', 'STICKER-01'],
      gtins: [],
    });
    expect(planItemLookup(orderOf('order.gift-certificate-sold'), 'item-number').skus).toEqual(['POSTER-MAP']);
  });
});

describe('resolveItems', () => {
  it('resolves every SKU by item number', () => {
    const order = orderOf('order.guest');
    const result = resolveItems(order, 'item-number', { ...NO_DATA, byNumber: CATALOG });
    expect(result.kind === 'resolved' && Object.fromEntries(result.items)).toEqual({
      'TEE-ORG-M': { itemId: itemByNumber('TEE-ORG-M').id, number: 'TEE-ORG-M', via: 'item-number' },
      'TOTE-CNV': { itemId: itemByNumber('TOTE-CNV').id, number: 'TOTE-CNV', via: 'item-number' },
    });
  });

  it('lists over-long and case-colliding SKUs as needing a mapping, and nothing else resolves partially', () => {
    const result = resolveItems(orderOf('order.long-and-colliding-skus'), 'item-number', {
      ...NO_DATA,
      byNumber: CATALOG,
    });
    expect(result.kind).toBe('NEEDS_MAPPING');
    expect(result.kind === 'NEEDS_MAPPING' && result.unresolved.map((u) => [u.sku, u.reason])).toEqual([
      ['WIDGET-DELUXE-EXTRA-LARGE-BLUE', 'too-long'],
      ['tee-classic', 'case-collision'],
      ['TEE-CLASSIC', 'case-collision'],
    ]);
  });

  it('lets mapping rows win in every mode (the link is by item id, so a renamed item still resolves)', () => {
    const renamed = { ...itemByNumber('WIDGET-DLX-XL-BLU'), number: 'WIDGET-NEW-NAME' };
    const data = {
      ...NO_DATA,
      byNumber: CATALOG,
      mappings: SKU_MAPPINGS,
      mappedItems: [renamed, itemByNumber('TEE-CLASSIC'), itemByNumber('TEE-CLASSIC-OLD')],
    };
    const result = resolveItems(orderOf('order.long-and-colliding-skus'), 'item-number', data);
    expect(result.kind === 'resolved' && result.items.get('WIDGET-DELUXE-EXTRA-LARGE-BLUE')).toEqual({
      itemId: renamed.id,
      number: 'WIDGET-NEW-NAME',
      via: 'mapping',
    });
  });

  it('reports missing, blocked and dangling mappings with their reason', () => {
    const order = orderOf('order.coupon');
    const blocked: BcItemRecord = { ...itemByNumber('MUG-CER-12OZ'), blocked: true };
    const result = resolveItems(order, 'item-number', { ...NO_DATA, byNumber: [blocked] });
    expect(result.kind === 'NEEDS_MAPPING' && result.unresolved.map((u) => [u.sku, u.reason, u.detail])).toEqual([
      ['MUG-CER-12OZ', 'blocked', 'BC item MUG-CER-12OZ is blocked'],
      ['BEAN-ETH-1LB', 'not-found', 'no BC item numbered BEAN-ETH-1LB'],
    ]);
    const dangling = resolveItems(order, 'mapping-table', {
      ...NO_DATA,
      mappings: [{ sku: 'MUG-CER-12OZ', itemId: 'gone' }],
    });
    expect(dangling.kind === 'NEEDS_MAPPING' && dangling.unresolved.map((u) => u.reason)).toEqual([
      'mapped-item-missing',
      'not-mapped',
    ]);
  });

  it('matches GTINs ignoring leading zeros, and refuses ambiguous ones', () => {
    const order = { ...orderOf('order.free-shipping') };
    const withGtins: StoreOrder = {
      ...order,
      lines: order.lines.map((l, i) => ({ ...l, sku: i === 0 ? '00012345678905' : 'not-a-gtin' })),
    };
    const item = { ...itemByNumber('STRAP-YOGA'), gtin: '12345678905' };
    const resolved = resolveItems(withGtins, 'gtin', { ...NO_DATA, byGtin: [item] });
    expect(resolved.kind === 'NEEDS_MAPPING' && resolved.unresolved.map((u) => [u.sku, u.reason])).toEqual([
      ['not-a-gtin', 'not-a-gtin'],
    ]);
    const twice = resolveItems({ ...withGtins, lines: [withGtins.lines[0]!] }, 'gtin', {
      ...NO_DATA,
      byGtin: [item, { ...item, id: 'x', number: 'OTHER' }],
    });
    expect(twice.kind === 'NEEDS_MAPPING' && twice.unresolved[0]!.reason).toBe('ambiguous');
    const single = resolveItems({ ...withGtins, lines: [withGtins.lines[0]!] }, 'gtin', { ...NO_DATA, byGtin: [item] });
    expect(single.kind === 'resolved' && single.items.get('00012345678905')?.via).toBe('gtin');
  });

  it('flags product lines without a SKU', () => {
    const order = orderOf('order.zero-price-line');
    const noSku: StoreOrder = { ...order, lines: [{ ...order.lines[0]!, sku: '' }] };
    const result = resolveItems(noSku, 'item-number', { ...NO_DATA, byNumber: CATALOG });
    expect(result).toEqual({
      kind: 'NEEDS_MAPPING',
      unresolved: [{ sku: '', storeLineIds: [1601], reason: 'missing-sku', detail: 'the store line has no SKU' }],
    });
  });
});
