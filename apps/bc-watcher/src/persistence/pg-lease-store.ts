import { PgLeases, type DataSource } from '@mlc/platform-persistence';
import { sql } from './sql';
import type { LeaseStore } from './watcher-state.port';

/**
 * Leases in `bc_watcher.leases` (the platform's PgLeases). Statements go through `sql`, so an unreachable database
 * is a RetryableError('DEPENDENCY_DOWN') the scheduler backs off from.
 */
export class PgLeaseStore extends PgLeases implements LeaseStore {
  constructor(db: DataSource) {
    super(db, { table: 'leases', query: sql });
  }
}
