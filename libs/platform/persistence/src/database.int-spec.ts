import { MigrationInterface, QueryRunner } from 'typeorm';
import { RetryableError } from '@mlc/platform-errors';
import { stackEnv, uniqueName } from '@mlc/testing';
import { openDatabase, pingDatabase, revertAllMigrations } from './database';

class CreateWidgets1700000000000 implements MigrationInterface {
  name = 'CreateWidgets1700000000000';
  async up(q: QueryRunner) {
    await q.query(`create table widgets (id serial primary key, name text not null)`);
  }
  async down(q: QueryRunner) {
    await q.query(`drop table widgets`);
  }
}

class AddWidgetPrice1700000000001 implements MigrationInterface {
  name = 'AddWidgetPrice1700000000001';
  async up(q: QueryRunner) {
    await q.query(`alter table widgets add column price numeric(18, 5) not null default 0`);
  }
  async down(q: QueryRunner) {
    await q.query(`alter table widgets drop column price`);
  }
}

const tablesIn = async (db: Awaited<ReturnType<typeof openDatabase>>, schema: string) =>
  (
    (await db.query(`select table_name from information_schema.tables where table_schema = $1 order by 1`, [schema])) as Array<{
      table_name: string;
    }>
  ).map((r) => r.table_name);

describe('openDatabase on PostgreSQL', () => {
  it('runs migrations up in the service schema, then all the way down', async () => {
    const schema = uniqueName('persist').replace(/-/g, '_');
    const db = await openDatabase({ url: stackEnv.DATABASE_URL, schema, migrations: [CreateWidgets1700000000000, AddWidgetPrice1700000000001] });
    try {
      expect(await pingDatabase(db)).toBe(true);
      expect(await tablesIn(db, schema)).toEqual(['migrations', 'widgets']);
      await db.query(`insert into widgets (name, price) values ('mug', 12.34567)`);
      expect(await db.query(`select price::text as price from widgets`)).toEqual([{ price: '12.34567' }]);

      expect(await revertAllMigrations(db)).toBe(2);
      expect(await tablesIn(db, schema)).toEqual(['migrations']);

      await db.runMigrations();
      expect(await tablesIn(db, schema)).toEqual(['migrations', 'widgets']);
    } finally {
      await db.query(`drop schema "${schema}" cascade`);
      await db.destroy();
    }
  });

  it('reports an unreachable database as retryable, naming the host and never the password', async () => {
    const err = await openDatabase({ url: 'postgres://mlc:hunter2@127.0.0.1:1/nowhere', schema: 'x', migrations: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableError);
    expect((err as Error).message).toContain('PostgreSQL at 127.0.0.1:1/nowhere is not reachable');
    expect((err as Error).message).not.toContain('hunter2');
  });
});

describe('concurrent boots', () => {
  it('apply each migration once when several replicas open the same schema at once', async () => {
    const schema = uniqueName('persist').replace(/-/g, '_');
    const open = () => openDatabase({ url: stackEnv.DATABASE_URL, schema, migrations: [CreateWidgets1700000000000, AddWidgetPrice1700000000001] });
    const replicas = await Promise.all([open(), open(), open()]);
    try {
      const applied: Array<{ name: string }> = await replicas[0]!.query(`select name from "${schema}".migrations order by id`);
      expect(applied.map((m) => m.name)).toEqual(['CreateWidgets1700000000000', 'AddWidgetPrice1700000000001']);
    } finally {
      await replicas[0]!.query(`drop schema "${schema}" cascade`);
      await Promise.all(replicas.map((r) => r.destroy()));
    }
  });
});
