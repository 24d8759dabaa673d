import type { DataSource } from 'typeorm';
import { PgLeases } from './leases';

describe('PgLeases', () => {
  const db = {} as DataSource;

  it('takes a plain or schema-qualified table name', () => {
    expect(() => new PgLeases(db, { table: 'drift_leases' })).not.toThrow();
    expect(() => new PgLeases(db, { table: 'bc_watcher.leases' })).not.toThrow();
  });

  it.each(['', 'leases; drop table leases', 'Leases', '"leases"', 'a.b.c', '1leases'])('refuses the table name %j', (table) => {
    expect(() => new PgLeases(db, { table })).toThrow(`invalid lease table name: ${table}`);
  });
});
