import type { StoreProductScan, StoreWrite, WriteResult } from '@mlc/catalog';

/** Currency and price-entry facts of the store (`GET /v2/store`). */
export interface StoreFacts {
  readonly currency: string;
  readonly pricesIncludeTax: boolean;
  readonly decimals: number;
}

/** A product's or a variant's on-hand level at one location (`p<productId>` or `v<variantId>` identity). */
export interface StoreLevel {
  readonly productId: number;
  readonly variantId?: number;
  readonly onHand: number;
}

/** How one write ended, as catalog-writer records it. */
export interface WriteAttempt {
  readonly result: WriteResult;
  /** The failure may go away (429, 5xx, timeout, open circuit): the signals stay pending and are tried again. */
  readonly retryable: boolean;
  readonly transactionId?: string;
  readonly errorCode?: string;
  readonly error?: string;
  /**
   * Set when BigCommerce refused a relative adjustment because some items never had an absolute one: their
   * `p<id>`/`v<id>` keys, or an empty list when the (truncated) answer did not say which.
   */
  readonly needsAbsolute?: readonly string[];
}

/**
 * What catalog-writer needs of one store. The BigCommerce implementation runs every call at `catalog-push`
 * priority through the store's rate limiter; writes go one at a time (the caller never overlaps them).
 */
export interface StoreGateway {
  facts(): Promise<StoreFacts>;
  /** Every product with its variants, page by page. */
  scanProducts(): AsyncIterable<readonly StoreProductScan[]>;
  /** The products that still exist among `ids` (a deleted product is simply absent). */
  productsByIds(ids: readonly number[]): Promise<StoreProductScan[]>;
  /** On-hand levels at a location, page by page. */
  levels(locationId: number): AsyncIterable<readonly StoreLevel[]>;
  send(write: StoreWrite): Promise<WriteAttempt>;
}

/** The inventory identity a SKU's stock is written under: `p<productId>` when tracked by product, else `v<id>`. */
export function inventoryKeyOf(entry: {
  readonly inventoryTracking: string;
  readonly storeProductId: number;
  readonly storeVariantId?: number;
}): string | undefined {
  if (entry.inventoryTracking === 'product') return `p${entry.storeProductId}`;
  if (entry.inventoryTracking === 'variant' && entry.storeVariantId !== undefined) return `v${entry.storeVariantId}`;
  return undefined;
}
