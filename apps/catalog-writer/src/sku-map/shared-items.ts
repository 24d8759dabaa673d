import type { SharedItem, SkippedSku } from '@mlc/catalog';
import type { CatalogOutcome } from '../push/push-outcomes';

function listing(s: SkippedSku): string {
  const where = s.storeVariantId !== undefined ? `product ${s.storeProductId} variant ${s.storeVariantId}` : `product ${s.storeProductId}`;
  return `SKU ${s.sku} (${where})`;
}

/**
 * The reason a listing of a shared BC item is not pushed: both listings, why, and the fix. Pushing the item's stock
 * to every listing would let the store sell it once per listing (each listing is decremented by its own orders), so
 * catalog-writer pushes none of them until one link points elsewhere.
 */
export function sharedItemReason(connectionId: string, shared: SharedItem): string {
  const item = shared.bcItemNumber ?? shared.bcItemId;
  const others = shared.listings.map(listing).join(' and ');
  return (
    `duplicate-sku: BC item ${item} is linked to ${shared.listings.length} store listings, ${others}; its stock ` +
    `pushed to each would be sold ${shared.listings.length} times, so none gets price or stock. Fix: link all but ` +
    `one listing to another item with \`ml-connector mappings sku set ${connectionId} <sku> <itemNumber>\` (or give ` +
    `the listing its own SKU in BigCommerce); the next mapping check pushes them`
  );
}

/** One `skipped` outcome per listing of each shared item, for `sync.catalog-outcome.v1`. */
export function sharedItemOutcomes(connectionId: string, shared: readonly SharedItem[], occurredAt: string): CatalogOutcome[] {
  return shared.flatMap((s) => {
    const reason = sharedItemReason(connectionId, s);
    return s.listings.map((l): CatalogOutcome => ({ connectionId, sku: l.sku, outcome: 'skipped', reason, occurredAt }));
  });
}
