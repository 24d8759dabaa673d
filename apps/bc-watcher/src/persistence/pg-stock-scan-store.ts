import type { DataSource } from '@mlc/platform-persistence';
import { sql } from './sql';
import type { ItemFingerprint, StockScanStore } from './watcher-state.port';

/**
 * The last stock scan in `bc_watcher.stock_scan`: 8 bytes of fingerprint per item. A page of the scan costs one
 * indexed lookup of its ids and one upsert of the rows that changed, so memory never holds more than a page.
 */
export class PgStockScanStore implements StockScanStore {
  constructor(private readonly db: DataSource) {}

  async hasBaseline(connectionId: string): Promise<boolean> {
    const rows = await sql(this.db, `select 1 from scans where connection_id = $1`, [connectionId]);
    return rows.length > 0;
  }

  async fingerprints(connectionId: string, itemIds: readonly string[]): Promise<Map<string, ItemFingerprint>> {
    const found = new Map<string, ItemFingerprint>();
    if (itemIds.length === 0) return found;
    const rows = await sql<{ item_id: string; stock_hash: number; attrs_hash: number }>(
      this.db,
      `select item_id, stock_hash, attrs_hash from stock_scan where connection_id = $1 and item_id = any($2::uuid[])`,
      [connectionId, itemIds],
    );
    for (const row of rows) found.set(row.item_id, { stock: row.stock_hash, attrs: row.attrs_hash });
    return found;
  }

  async save(connectionId: string, rows: ReadonlyArray<{ itemId: string } & ItemFingerprint>): Promise<void> {
    if (rows.length === 0) return;
    await sql(
      this.db,
      `insert into stock_scan (connection_id, item_id, stock_hash, attrs_hash)
       select $1, t.id, t.stock, t.attrs from unnest($2::uuid[], $3::int[], $4::int[]) as t(id, stock, attrs)
       on conflict (connection_id, item_id) do update
         set stock_hash = excluded.stock_hash, attrs_hash = excluded.attrs_hash`,
      [connectionId, rows.map((r) => r.itemId), rows.map((r) => r.stock), rows.map((r) => r.attrs)],
    );
  }

  async complete(connectionId: string, stats: { items: number; changes: number; requests: number }): Promise<void> {
    await sql(
      this.db,
      `insert into scans (connection_id, completed_at, items, changes, requests) values ($1, now(), $2, $3, $4)
       on conflict (connection_id) do update
         set completed_at = now(), items = excluded.items, changes = excluded.changes, requests = excluded.requests`,
      [connectionId, stats.items, stats.changes, stats.requests],
    );
  }
}
