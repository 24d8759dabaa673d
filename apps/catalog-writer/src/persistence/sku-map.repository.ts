import type { BcItemRef, SkuMap, SkuMapCounts, SkuMapEntry, SkippedSku, StoreSkuRow } from '@mlc/catalog';
import type { DataSource } from '@mlc/platform-persistence';
import { entryOf, entryRecord, Queryable, rowOf, rowRecord, SkuMapRow, StoreRowRecord } from './sku-map.rows';

/** The last build of a connection's map: when, and how many SKUs were skipped per reason. */
export interface MapBuildInfo {
  readonly builtAt: Date;
  readonly counts: SkuMapCounts;
  readonly skipped: readonly SkippedSku[];
}

const ENTRY_COLUMNS = `sku text, store_product_id bigint, store_variant_id bigint, kind text, inventory_tracking text,
  bc_item_id uuid, last_pushed_price text, last_pushed_level integer, basis_inventory text, basis_observed_at bigint,
  stock_pushed boolean`;

/** The SKU map of every connection, with the store rows and BC item refs it is built from. */
export class SkuMapRepository {
  constructor(private readonly db: DataSource) {}

  async entries(connectionId: string): Promise<SkuMapEntry[]> {
    const rows = (await this.db.query(`select * from sku_map where connection_id = $1 order by sku`, [
      connectionId,
    ])) as SkuMapRow[];
    return rows.map(entryOf);
  }

  async entriesForItems(connectionId: string, itemIds: readonly string[]): Promise<SkuMapEntry[]> {
    if (itemIds.length === 0) return [];
    const rows = (await this.db.query(
      `select * from sku_map where connection_id = $1 and bc_item_id = any($2::uuid[]) order by sku`,
      [connectionId, itemIds],
    )) as SkuMapRow[];
    return rows.map(entryOf);
  }

  /**
   * Writes entries after a push. `stockPushed` are the SKUs whose stock change was just sent: drift checks leave
   * them alone until the store has surely applied it.
   */
  saveEntries(connectionId: string, entries: readonly SkuMapEntry[], stockPushed: ReadonlySet<string>) {
    return saveEntries(this.db, connectionId, entries, stockPushed);
  }

  /** SKUs whose stock was sent after `since`: their store level may not show it yet. */
  async recentlyAdjusted(connectionId: string, since: Date): Promise<Set<string>> {
    const rows = (await this.db.query(
      `select sku from sku_map where connection_id = $1 and last_stock_push_at > $2`,
      [connectionId, since],
    )) as Array<{ sku: string }>;
    return new Set(rows.map((r) => r.sku));
  }

  /** Replaces the map (entries, the store rows and item refs it came from, and the build record) atomically. */
  async replaceMap(connectionId: string, map: SkuMap, items: readonly BcItemRef[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      const keep = map.entries.map((e) => e.sku);
      await tx.query(`delete from sku_map where connection_id = $1 and not (sku = any($2::text[]))`, [
        connectionId,
        keep,
      ]);
      await saveEntries(tx, connectionId, map.entries, new Set());
      await tx.query(`delete from store_rows where connection_id = $1`, [connectionId]);
      await insertRows(tx, connectionId, map.storeRows);
      await upsertItemRefs(tx, connectionId, items);
      await tx.query(
        `insert into sku_map_builds (connection_id, built_at, counts, skipped) values ($1, now(), $2, $3)
         on conflict (connection_id) do update set built_at = now(), counts = excluded.counts,
           skipped = excluded.skipped`,
        [connectionId, JSON.stringify(map.counts), JSON.stringify(map.skipped)],
      );
    });
  }

  async storeRows(connectionId: string): Promise<StoreSkuRow[]> {
    const rows = (await this.db.query(
      `select * from store_rows where connection_id = $1 order by store_product_id, sku`,
      [connectionId],
    )) as StoreRowRecord[];
    return rows.map(rowOf);
  }

  async itemRefs(connectionId: string): Promise<BcItemRef[]> {
    const rows = (await this.db.query(
      `select item_id, number, gtin, type, blocked from bc_item_refs where connection_id = $1`,
      [connectionId],
    )) as Array<{ item_id: string; number: string; gtin: string | null; type: BcItemRef['type']; blocked: boolean }>;
    return rows.map((r) => ({
      id: r.item_id,
      number: r.number,
      ...(r.gtin ? { gtin: r.gtin } : {}),
      type: r.type,
      blocked: r.blocked,
    }));
  }

  upsertItemRefs(connectionId: string, items: readonly BcItemRef[]): Promise<void> {
    return upsertItemRefs(this.db, connectionId, items);
  }

  async lastBuild(connectionId: string): Promise<MapBuildInfo | undefined> {
    const rows = (await this.db.query(
      `select built_at, counts, skipped from sku_map_builds where connection_id = $1`,
      [connectionId],
    )) as Array<{ built_at: Date; counts: SkuMapCounts; skipped: SkippedSku[] }>;
    const row = rows[0];
    return row && { builtAt: row.built_at, counts: row.counts, skipped: row.skipped };
  }
}

async function saveEntries(
  q: Queryable,
  connectionId: string,
  entries: readonly SkuMapEntry[],
  stockPushed: ReadonlySet<string>,
): Promise<void> {
  if (entries.length === 0) return;
  const records = entries.map((e) => entryRecord(e, stockPushed.has(e.sku)));
  await q.query(
    `insert into sku_map (connection_id, sku, store_product_id, store_variant_id, kind, inventory_tracking, bc_item_id,
       last_pushed_price, last_pushed_level, basis_inventory, basis_observed_at, last_stock_push_at)
     select $1, r.sku, r.store_product_id, r.store_variant_id, r.kind, r.inventory_tracking, r.bc_item_id,
       r.last_pushed_price, r.last_pushed_level, r.basis_inventory, r.basis_observed_at,
       case when r.stock_pushed then now() end
     from jsonb_to_recordset($2::jsonb) as r(${ENTRY_COLUMNS})
     on conflict (connection_id, sku) do update set store_product_id = excluded.store_product_id,
       store_variant_id = excluded.store_variant_id, kind = excluded.kind,
       inventory_tracking = excluded.inventory_tracking, bc_item_id = excluded.bc_item_id,
       last_pushed_price = excluded.last_pushed_price, last_pushed_level = excluded.last_pushed_level,
       basis_inventory = excluded.basis_inventory, basis_observed_at = excluded.basis_observed_at,
       last_stock_push_at = coalesce(excluded.last_stock_push_at, sku_map.last_stock_push_at), updated_at = now()`,
    [connectionId, JSON.stringify(records)],
  );
}

async function insertRows(q: Queryable, connectionId: string, rows: readonly StoreSkuRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `insert into store_rows (connection_id, store_product_id, sku, store_variant_id, kind, inventory_tracking)
     select $1, r.store_product_id, r.sku, r.store_variant_id, r.kind, r.inventory_tracking
     from jsonb_to_recordset($2::jsonb)
       as r(store_product_id bigint, sku text, store_variant_id bigint, kind text, inventory_tracking text)`,
    [connectionId, JSON.stringify(rows.map(rowRecord))],
  );
}

async function upsertItemRefs(q: Queryable, connectionId: string, items: readonly BcItemRef[]): Promise<void> {
  if (items.length === 0) return;
  const records = items.map((i) => ({ id: i.id, number: i.number, gtin: i.gtin ?? null, type: i.type, blocked: i.blocked }));
  await q.query(
    `insert into bc_item_refs (connection_id, item_id, number, gtin, type, blocked)
     select $1, r.id, r.number, r.gtin, r.type, r.blocked
     from jsonb_to_recordset($2::jsonb) as r(id uuid, number text, gtin text, type text, blocked boolean)
     on conflict (connection_id, item_id) do update set number = excluded.number, gtin = excluded.gtin,
       type = excluded.type, blocked = excluded.blocked, updated_at = now()`,
    [connectionId, JSON.stringify(records)],
  );
}
