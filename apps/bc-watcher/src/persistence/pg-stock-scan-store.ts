import type { DataSource } from '@mlc/platform-persistence';
import { sql } from './sql';
import type { ItemFingerprint, ScanStart, StockScanStore } from './watcher-state.port';

/**
 * The last stock scan in `bc_watcher.stock_scan`: 8 bytes of fingerprint and the generation of the scan that last saw
 * the item. A page of the scan costs one indexed update of its ids (stamping them seen, returning the fingerprints)
 * and one upsert of the rows that changed, so memory never holds more than a page; the rows a complete scan did not
 * stamp are items deleted in BC, read back and deleted in batches. Each attempt takes a new generation
 * (`scan_generations`), so the stamps of a scan that failed part-way never count for the next one; stamps never
 * move back, so a stalled former leader still scanning cannot make the new leader's scan miss a row.
 */
export class PgStockScanStore implements StockScanStore {
  constructor(private readonly db: DataSource) {}

  async begin(connectionId: string): Promise<ScanStart> {
    const rows = await sql<{ generation: number; baseline: boolean }>(
      this.db,
      `insert into scan_generations (connection_id, generation) values ($1, 1)
       on conflict (connection_id) do update set generation = scan_generations.generation + 1
       returning generation, not exists (select 1 from scans where connection_id = $1) as baseline`,
      [connectionId],
    );
    const row = rows[0];
    if (!row) throw new Error('scan generation not returned');
    return { baseline: row.baseline, generation: row.generation };
  }

  async fingerprints(
    connectionId: string,
    itemIds: readonly string[],
    generation: number,
  ): Promise<Map<string, ItemFingerprint>> {
    const found = new Map<string, ItemFingerprint>();
    if (itemIds.length === 0) return found;
    const rows = await sql<{ item_id: string; stock_hash: number; attrs_hash: number }>(
      this.db,
      `update stock_scan set seen_in = greatest(seen_in, $3) where connection_id = $1 and item_id = any($2::uuid[])
       returning item_id, stock_hash, attrs_hash`,
      [connectionId, itemIds, generation],
    );
    for (const row of rows) found.set(row.item_id, { stock: row.stock_hash, attrs: row.attrs_hash });
    return found;
  }

  async save(
    connectionId: string,
    rows: ReadonlyArray<{ itemId: string } & ItemFingerprint>,
    generation: number,
  ): Promise<void> {
    if (rows.length === 0) return;
    await sql(
      this.db,
      `insert into stock_scan (connection_id, item_id, stock_hash, attrs_hash, seen_in)
       select $1, t.id, t.stock, t.attrs, $5 from unnest($2::uuid[], $3::int[], $4::int[]) as t(id, stock, attrs)
       on conflict (connection_id, item_id) do update
         set stock_hash = excluded.stock_hash, attrs_hash = excluded.attrs_hash,
             seen_in = greatest(stock_scan.seen_in, excluded.seen_in)`,
      [connectionId, rows.map((r) => r.itemId), rows.map((r) => r.stock), rows.map((r) => r.attrs), generation],
    );
  }

  async unseen(connectionId: string, generation: number, limit: number): Promise<string[]> {
    const rows = await sql<{ item_id: string }>(
      this.db,
      `select item_id from stock_scan where connection_id = $1 and seen_in < $2 order by item_id limit $3`,
      [connectionId, generation, limit],
    );
    return rows.map((r) => r.item_id);
  }

  async forget(connectionId: string, itemIds: readonly string[], generation: number, holder: string): Promise<boolean> {
    const rows = await sql<{ held: boolean }>(
      this.db,
      `with fence as (
         select exists (select 1 from leases where connection_id = $1 and holder = $4 and expires_at > now()) as held),
       gone as (
         delete from stock_scan where connection_id = $1 and item_id = any($2::uuid[]) and seen_in < $3
           and (select held from fence) returning 1)
       select held, (select count(*) from gone) as deleted from fence`,
      [connectionId, itemIds, generation, holder],
    );
    return rows[0]?.held === true;
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
