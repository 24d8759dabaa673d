import type { DataSource } from 'typeorm';

/** One holder at a time per connection, with an expiry so a crashed holder's lease runs out. */
export interface Leases {
  /** Takes the lease, or renews it when `holder` has it; false while another holder's lease runs. */
  acquire(connectionId: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Ends the holder's leases at once (shutdown), so another replica takes over at its next try. */
  release(connectionIds: readonly string[], holder: string): Promise<void>;
}

/** Runs one statement and returns its rows (a service may wrap it, e.g. to map an unreachable database). */
export type LeaseQuery = (db: DataSource, text: string, params: unknown[]) => Promise<unknown>;

export interface PgLeasesOptions {
  /**
   * The service's lease table (optionally schema-qualified), owned by its migrations, with at least the columns
   * `connection_id` (primary key or unique), `holder`, `expires_at` and `acquired_at`.
   */
  readonly table: string;
  /** Default: `db.query`. */
  readonly query?: LeaseQuery;
}

const TABLE_NAME = /^([a-z_][a-z0-9_]{0,62}\.)?[a-z_][a-z0-9_]{0,62}$/;

/**
 * Leases in a service's own table, taken or renewed in one statement: the row is inserted, or updated only when it
 * expired or is already the holder's, so two replicas racing for a free lease cannot both win (the row lock orders
 * them). The database clock decides expiry, so replicas' clocks need not agree.
 */
export class PgLeases implements Leases {
  private readonly table: string;
  private readonly query: LeaseQuery;

  constructor(
    private readonly db: DataSource,
    options: PgLeasesOptions,
  ) {
    if (!TABLE_NAME.test(options.table)) throw new Error(`invalid lease table name: ${options.table}`);
    this.table = options.table;
    this.query = options.query ?? ((source, text, params) => source.query(text, params));
  }

  async acquire(connectionId: string, holder: string, ttlMs: number): Promise<boolean> {
    const rows = (await this.query(
      this.db,
      `insert into ${this.table} as lease (connection_id, holder, expires_at)
       values ($1, $2, now() + ($3 || ' milliseconds')::interval)
       on conflict (connection_id) do update
         set holder = excluded.holder, expires_at = excluded.expires_at,
             acquired_at = case when lease.holder = excluded.holder then lease.acquired_at else now() end
         where lease.expires_at < now() or lease.holder = excluded.holder
       returning holder`,
      [connectionId, holder, String(ttlMs)],
    )) as Array<{ holder: string }>;
    return rows[0]?.holder === holder;
  }

  async release(connectionIds: readonly string[], holder: string): Promise<void> {
    if (connectionIds.length === 0) return;
    await this.query(this.db, `update ${this.table} set expires_at = now() where connection_id = any($1::text[]) and holder = $2`, [
      connectionIds,
      holder,
    ]);
  }
}
