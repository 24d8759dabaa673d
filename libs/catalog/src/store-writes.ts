/**
 * BigCommerce write requests as data (no HTTP here). Limits follow the API: `PUT /v3/catalog/variants` takes at most
 * 50 items, `PUT /v3/catalog/products` at most 10 (413 beyond), inventory adjustments at most 2000 items. Absolute
 * adjustments are PUT, relative ones POST. Inventory items name exactly one of `product_id` (products tracked by
 * product) or `variant_id` (tracked by variant), else the store answers 422.
 */
export const BATCH_LIMITS = { variants: 50, products: 10, inventoryItems: 2000 } as const;

export const DEFAULT_ADJUSTMENT_REASON = 'ml-connector: Business Central stock';

export interface PriceUpdate {
  readonly id: number;
  /** Already rounded to the store currency's places, so the JSON number prints exactly. */
  readonly price: number;
}

export type InventoryItemRef = { readonly product_id: number } | { readonly variant_id: number };

export type InventoryAdjustmentItem = InventoryItemRef & { readonly location_id: number; readonly quantity: number };

interface WriteBase<K extends string, M extends 'PUT' | 'POST', P extends string, B> {
  readonly kind: K;
  readonly method: M;
  readonly path: P;
  readonly body: B;
  /** The SKUs this request carries, in body order: record their outcome from the request's result. */
  readonly skus: readonly string[];
}

export type VariantPriceWrite = WriteBase<'variant-prices', 'PUT', '/v3/catalog/variants', readonly PriceUpdate[]>;
export type ProductPriceWrite = WriteBase<'product-prices', 'PUT', '/v3/catalog/products', readonly PriceUpdate[]>;
type AdjustmentBody = { readonly reason: string; readonly items: readonly InventoryAdjustmentItem[] };
export type AbsoluteStockWrite = WriteBase<
  'absolute-stock',
  'PUT',
  '/v3/inventory/adjustments/absolute',
  AdjustmentBody
>;
export type RelativeStockWrite = WriteBase<
  'relative-stock',
  'POST',
  '/v3/inventory/adjustments/relative',
  AdjustmentBody
>;

/** One request of a plan: send `method path` with `body` as JSON. */
export type StoreWrite = VariantPriceWrite | ProductPriceWrite | AbsoluteStockWrite | RelativeStockWrite;

export interface Keyed<T> {
  readonly sku: string;
  readonly value: T;
}

/** Splits into consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`bad chunk size: ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `PUT /v3/catalog/variants` batches of at most 50 `{id, price}`. */
export function variantPriceWrites(updates: readonly Keyed<PriceUpdate>[]): VariantPriceWrite[] {
  return chunk(updates, BATCH_LIMITS.variants).map((batch) => ({
    kind: 'variant-prices',
    method: 'PUT',
    path: '/v3/catalog/variants',
    body: batch.map((u) => u.value),
    skus: batch.map((u) => u.sku),
  }));
}

/** `PUT /v3/catalog/products` batches of at most 10 `{id, price}`. */
export function productPriceWrites(updates: readonly Keyed<PriceUpdate>[]): ProductPriceWrite[] {
  return chunk(updates, BATCH_LIMITS.products).map((batch) => ({
    kind: 'product-prices',
    method: 'PUT',
    path: '/v3/catalog/products',
    body: batch.map((u) => u.value),
    skus: batch.map((u) => u.sku),
  }));
}

/** `PUT /v3/inventory/adjustments/absolute` calls of at most 2000 items. */
export function absoluteStockWrites(
  items: readonly Keyed<InventoryAdjustmentItem>[],
  reason = DEFAULT_ADJUSTMENT_REASON,
): AbsoluteStockWrite[] {
  return chunk(items, BATCH_LIMITS.inventoryItems).map((batch) => ({
    kind: 'absolute-stock',
    method: 'PUT',
    path: '/v3/inventory/adjustments/absolute',
    body: { reason, items: batch.map((i) => i.value) },
    skus: batch.map((i) => i.sku),
  }));
}

/** `POST /v3/inventory/adjustments/relative` calls of at most 2000 items (quantities are deltas). */
export function relativeStockWrites(
  items: readonly Keyed<InventoryAdjustmentItem>[],
  reason = DEFAULT_ADJUSTMENT_REASON,
): RelativeStockWrite[] {
  return chunk(items, BATCH_LIMITS.inventoryItems).map((batch) => ({
    kind: 'relative-stock',
    method: 'POST',
    path: '/v3/inventory/adjustments/relative',
    body: { reason, items: batch.map((i) => i.value) },
    skus: batch.map((i) => i.sku),
  }));
}
