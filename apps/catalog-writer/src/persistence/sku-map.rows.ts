import type { InventoryTracking, SkuMapEntry, StoreSkuRow } from '@mlc/catalog';

/** What repositories need of a DataSource or a transaction's EntityManager. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** A `sku_map` row as pg returns it (bigint columns arrive as strings). */
export interface SkuMapRow {
  sku: string;
  store_product_id: string;
  store_variant_id: string | null;
  kind: 'variant' | 'product';
  inventory_tracking: InventoryTracking;
  bc_item_id: string;
  last_pushed_price: string | null;
  last_pushed_level: number | null;
  basis_inventory: string | null;
  basis_observed_at: string | null;
}

export interface StoreRowRecord {
  sku: string;
  store_product_id: string;
  store_variant_id: string | null;
  kind: 'variant' | 'product';
  inventory_tracking: InventoryTracking;
}

export function entryOf(row: SkuMapRow): SkuMapEntry {
  return {
    sku: row.sku,
    storeProductId: Number(row.store_product_id),
    ...(row.store_variant_id !== null && { storeVariantId: Number(row.store_variant_id) }),
    kind: row.kind,
    inventoryTracking: row.inventory_tracking,
    bcItemId: row.bc_item_id,
    ...(row.last_pushed_price !== null && { lastPushedPrice: row.last_pushed_price }),
    ...(row.last_pushed_level !== null && { lastPushedLevel: row.last_pushed_level }),
    ...(row.basis_inventory !== null &&
      row.basis_observed_at !== null && {
        stockBasis: { inventory: row.basis_inventory, observedAt: Number(row.basis_observed_at) },
      }),
  };
}

/** The JSON record `jsonb_to_recordset` reads for one entry. */
export function entryRecord(entry: SkuMapEntry, stockPushed: boolean): Record<string, unknown> {
  return {
    sku: entry.sku,
    store_product_id: entry.storeProductId,
    store_variant_id: entry.storeVariantId ?? null,
    kind: entry.kind,
    inventory_tracking: entry.inventoryTracking,
    bc_item_id: entry.bcItemId,
    last_pushed_price: entry.lastPushedPrice ?? null,
    last_pushed_level: entry.lastPushedLevel ?? null,
    basis_inventory: entry.stockBasis?.inventory ?? null,
    basis_observed_at: entry.stockBasis?.observedAt ?? null,
    stock_pushed: stockPushed,
  };
}

export function rowOf(record: StoreRowRecord): StoreSkuRow {
  return {
    sku: record.sku,
    storeProductId: Number(record.store_product_id),
    ...(record.store_variant_id !== null && { storeVariantId: Number(record.store_variant_id) }),
    kind: record.kind,
    inventoryTracking: record.inventory_tracking,
  };
}

export function rowRecord(row: StoreSkuRow): Record<string, unknown> {
  return {
    store_product_id: row.storeProductId,
    sku: row.sku,
    store_variant_id: row.storeVariantId ?? null,
    kind: row.kind,
    inventory_tracking: row.inventoryTracking,
  };
}
