import type { DataSource } from '@mlc/platform-persistence';

/** Who may run a connection's drift check. */
export interface DriftLeases {
  /** Takes the lease, or renews it when `holder` has it; false while another holder's lease runs. */
  acquire(connectionId: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Ends the holder's leases at once (shutdown), so another replica takes over at its next check. */
  release(connectionIds: readonly string[], holder: string): Promise<void>;
}

/**
 * Leases in `drift_leases`, taken or renewed in one statement: the row is inserted, or updated only when it expired
 * or is already the holder's, so two replicas racing for a free lease cannot both win (the row lock orders them).
 */
export class PgDriftLeases implements DriftLeases {
  constructor(private readonly db: DataSource) {}

  async acquire(connectionId: string, holder: string, ttlMs: number): Promise<boolean> {
    const rows = (await this.db.query(
      `insert into drift_leases (connection_id, holder, expires_at)
       values ($1, $2, now() + ($3 || ' milliseconds')::interval)
       on conflict (connection_id) do update
         set holder = excluded.holder, expires_at = excluded.expires_at,
             acquired_at = case when drift_leases.holder = excluded.holder then drift_leases.acquired_at else now() end
         where drift_leases.expires_at < now() or drift_leases.holder = excluded.holder
       returning holder`,
      [connectionId, holder, String(ttlMs)],
    )) as Array<{ holder: string }>;
    return rows[0]?.holder === holder;
  }

  async release(connectionIds: readonly string[], holder: string): Promise<void> {
    if (connectionIds.length === 0) return;
    await this.db.query(`update drift_leases set expires_at = now() where connection_id = any($1::text[]) and holder = $2`, [
      connectionIds,
      holder,
    ]);
  }
}
