/**
 * The SKU map: which BigCommerce product or variant each store SKU is, and which BC item feeds it. One store SKU (a
 * variant's, or a product's when it has only its base variant) maps to one BC item, because BC has no price or stock
 * per item variant. Everything here is plain JSON so the app can persist it as is.
 */

export type InventoryTracking = 'none' | 'product' | 'variant';

/** BC item types as the API spells them. */
export type BcItemType = 'Inventory' | 'Service' | 'Non-Inventory';

/** What was last pushed to the store for a SKU's stock, in terms of the BC figure it was computed from. */
export interface StockBasis {
  /** BC `inventory` (decimal string) of the snapshot the store level was last set or adjusted from. */
  readonly inventory: string;
  /** When that snapshot was read (epoch ms, the start of the BC request). */
  readonly observedAt: number;
}

/** A mapped SKU and what was last pushed to it; persisted per connection. */
export interface SkuMapEntry {
  readonly sku: string;
  readonly storeProductId: number;
  /** The variant id; for a `product` entry, its base variant id when the store reported one. */
  readonly storeVariantId?: number;
  readonly kind: 'variant' | 'product';
  readonly inventoryTracking: InventoryTracking;
  readonly bcItemId: string;
  /** Last price pushed, as a decimal string in store currency. */
  readonly lastPushedPrice?: string;
  /** The level the store was brought to by the last stock push (orders placed since then are not in it). */
  readonly lastPushedLevel?: number;
  readonly stockBasis?: StockBasis;
}

/** One SKU as found in a store catalog scan. */
export interface StoreSkuRow {
  readonly sku: string;
  readonly storeProductId: number;
  readonly storeVariantId?: number;
  readonly kind: 'variant' | 'product';
  readonly inventoryTracking: InventoryTracking;
}

export interface StoreVariantScan {
  readonly id: number;
  readonly sku: string;
  /** Number of option values; 0 for a base variant. */
  readonly optionValueCount: number;
}

/** A product from `GET /v3/catalog/products?include=variants` reduced to what the map needs. */
export interface StoreProductScan {
  readonly id: number;
  readonly sku: string;
  readonly inventoryTracking: InventoryTracking;
  readonly baseVariantId: number | null;
  readonly variants: readonly StoreVariantScan[];
}

/** Reasons a SKU is not mapped: a closed list, counted in every build. */
export const SKU_SKIP_REASONS = [
  'missing-in-store',
  'missing-in-bc',
  'bc-service-item',
  'bc-non-inventory-item',
  'bc-blocked',
  'store-not-tracked',
  'duplicate-sku',
  'not-mapped',
] as const;

export type SkuSkipReason = (typeof SKU_SKIP_REASONS)[number];

export interface SkippedSku {
  /** The store SKU, or the BC item number for `missing-in-store`. */
  readonly sku: string;
  readonly reason: SkuSkipReason;
  readonly storeProductId?: number;
  readonly storeVariantId?: number;
  readonly bcItemId?: string;
}

export type SkuMapCounts = { readonly mapped: number } & Readonly<Record<SkuSkipReason, number>>;

/** The result of a build: mapped entries, skipped SKUs with reasons, and counts per reason. */
export interface SkuMap {
  readonly entries: readonly SkuMapEntry[];
  readonly skipped: readonly SkippedSku[];
  readonly counts: SkuMapCounts;
  /** Every store SKU row the map was built from; keep it to refresh one product at a time. */
  readonly storeRows: readonly StoreSkuRow[];
}

function isBaseVariant(product: StoreProductScan, variant: StoreVariantScan): boolean {
  return variant.id === product.baseVariantId || variant.optionValueCount === 0;
}

/**
 * The store SKUs of one product: its option variants' SKUs, or the product's own SKU when it has only its base
 * variant. Empty SKUs cannot be matched and are left out.
 */
export function storeRowsOfProduct(product: StoreProductScan): StoreSkuRow[] {
  const optionVariants = product.variants.filter((v) => !isBaseVariant(product, v));
  const common = { storeProductId: product.id, inventoryTracking: product.inventoryTracking };
  if (optionVariants.length === 0) {
    const base = product.baseVariantId ?? product.variants.find((v) => isBaseVariant(product, v))?.id;
    const row: StoreSkuRow = { ...common, sku: product.sku.trim(), kind: 'product' };
    return row.sku === '' ? [] : [base === undefined ? row : { ...row, storeVariantId: base }];
  }
  return optionVariants
    .filter((v) => v.sku.trim() !== '')
    .map((v) => ({ ...common, sku: v.sku.trim(), storeVariantId: v.id, kind: 'variant' as const }));
}

/** Store rows of a whole catalog scan, in scan order. */
export function storeRowsOfCatalog(products: readonly StoreProductScan[]): StoreSkuRow[] {
  return products.flatMap(storeRowsOfProduct);
}

/**
 * Replaces one product's rows after a catalog signal: `product` is its fresh scan, or `null` when it was deleted.
 * Rows of other products keep their order.
 */
export function replaceProductRows(
  rows: readonly StoreSkuRow[],
  productId: number,
  product: StoreProductScan | null,
): StoreSkuRow[] {
  const kept = rows.filter((r) => r.storeProductId !== productId);
  return product === null ? kept : [...kept, ...storeRowsOfProduct(product)];
}
