import { PgLeases, type DataSource, type Leases } from '@mlc/platform-persistence';

/** Who may run a connection's drift check: one replica at a time, until its lease expires or it releases it. */
export type DriftLeases = Leases;

/** Leases in `drift_leases` (the platform's PgLeases). */
export class PgDriftLeases extends PgLeases implements DriftLeases {
  constructor(db: DataSource) {
    super(db, { table: 'drift_leases' });
  }
}
