import { sharedItemOutcomes, sharedItemReason } from './shared-items';

const shared = {
  bcItemId: 'c0ffee00-0000-4000-8000-000000000001',
  bcItemNumber: 'MT-1000',
  listings: [
    { sku: 'TEE-RED', reason: 'duplicate-sku' as const, storeProductId: 7 },
    { sku: 'TEE-DUP', reason: 'duplicate-sku' as const, storeProductId: 9, storeVariantId: 91 },
  ],
};

describe('a BC item linked to two store listings', () => {
  it('names the item, both listings, why neither is pushed, and the command that fixes it', () => {
    const reason = sharedItemReason('shop-1', shared);
    expect(reason).toMatch(/^duplicate-sku: BC item MT-1000 is linked to 2 store listings/);
    expect(reason).toContain('SKU TEE-RED (product 7) and SKU TEE-DUP (product 9 variant 91)');
    expect(reason).toContain('sold 2 times');
    expect(reason).toContain('ml-connector mappings sku set shop-1 <sku> <itemNumber>');
  });

  it('falls back to the item id when the map did not know its number', () => {
    const { bcItemNumber: _, ...withoutNumber } = shared;
    expect(sharedItemReason('shop-1', withoutNumber)).toContain(`BC item ${shared.bcItemId} is linked`);
  });

  it('gives every listing a skipped outcome with the same reason', () => {
    const outcomes = sharedItemOutcomes('shop-1', [shared], '2026-11-28T12:00:00.000Z');
    expect(outcomes.map((o) => [o.sku, o.outcome, o.occurredAt])).toEqual([
      ['TEE-RED', 'skipped', '2026-11-28T12:00:00.000Z'],
      ['TEE-DUP', 'skipped', '2026-11-28T12:00:00.000Z'],
    ]);
    expect(new Set(outcomes.map((o) => o.reason)).size).toBe(1);
  });
});
