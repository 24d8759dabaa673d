import type { DataSource } from '@mlc/platform-persistence';
import { sql } from './sql';
import type { LeaseStore } from './watcher-state.port';

/**
 * Leases in `bc_watcher.leases`. Renew-or-take is one statement: the row is inserted, or updated only when it is
 * expired or already ours, so two replicas racing for a free lease cannot both win (the row lock serialises them).
 */
export class PgLeaseStore implements LeaseStore {
  constructor(private readonly db: DataSource) {}

  async acquire(connectionId: string, holder: string, ttlMs: number): Promise<boolean> {
    const rows = await sql<{ holder: string }>(
      this.db,
      `insert into leases (connection_id, holder, expires_at)
       values ($1, $2, now() + ($3 || ' milliseconds')::interval)
       on conflict (connection_id) do update
         set holder = excluded.holder, expires_at = excluded.expires_at,
             acquired_at = case when leases.holder = excluded.holder then leases.acquired_at else now() end
         where leases.expires_at < now() or leases.holder = excluded.holder
       returning holder`,
      [connectionId, holder, String(ttlMs)],
    );
    return rows[0]?.holder === holder;
  }

  async release(connectionIds: readonly string[], holder: string): Promise<void> {
    if (connectionIds.length === 0) return;
    await sql(this.db, `update leases set expires_at = now() where connection_id = any($1::text[]) and holder = $2`, [
      connectionIds,
      holder,
    ]);
  }
}
