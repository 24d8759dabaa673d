import type { DataSource } from '@mlc/platform-persistence';
import { sql } from './sql';
import type { PollStream, Watermark, WatermarkStore } from './watcher-state.port';

/** Watermarks in `bc_watcher.watermarks`, fenced by the lease and never moved backwards. */
export class PgWatermarkStore implements WatermarkStore {
  constructor(private readonly db: DataSource) {}

  async get(connectionId: string, stream: PollStream): Promise<Watermark | undefined> {
    const rows = await sql<{ value: Date; polled_at: Date | null }>(
      this.db,
      `select value, polled_at from watermarks where connection_id = $1 and stream = $2`,
      [connectionId, stream],
    );
    const row = rows[0];
    return row && { value: row.value, ...(row.polled_at ? { polledAt: row.polled_at } : {}) };
  }

  async save(connectionId: string, stream: PollStream, watermark: Watermark, holder: string): Promise<boolean> {
    const rows = await sql(
      this.db,
      `insert into watermarks (connection_id, stream, value, polled_at)
       select $1, $2, $3, $4
       where exists (select 1 from leases where connection_id = $1 and holder = $5 and expires_at > now())
       on conflict (connection_id, stream) do update
         set value = greatest(watermarks.value, excluded.value),
             polled_at = coalesce(excluded.polled_at, watermarks.polled_at), updated_at = now()
       returning 1`,
      [connectionId, stream, watermark.value, watermark.polledAt ?? null, holder],
    );
    return rows.length === 1;
  }
}
