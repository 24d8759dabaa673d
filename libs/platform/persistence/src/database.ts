import { Client } from 'pg';
import { DataSource, EntitySchema, MigrationInterface } from 'typeorm';
import { RetryableError } from '@mlc/platform-errors';

type MigrationClass = new () => MigrationInterface;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityTarget = Function | EntitySchema;

export interface DatabaseOptions {
  readonly url: string;
  /** Each service owns one Postgres schema; its tables and its migrations table live there. */
  readonly schema: string;
  readonly migrations: MigrationClass[];
  readonly entities?: EntityTarget[];
  readonly poolSize?: number;
  readonly applicationName?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens a TypeORM data source on the service's schema and applies its pending migrations. Never `synchronize`: the
 * schema changes only through reviewed migrations, which also run down (see the migration tests).
 * Connection failures surface as RetryableError('DEPENDENCY_DOWN') naming the host, never the password.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  if (!SCHEMA_NAME.test(options.schema)) throw new Error(`invalid schema name: ${options.schema}`);
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    applicationName: options.applicationName,
    // Raw SQL in migrations and repositories resolves unqualified names in the service's own schema.
    extra: { max: options.poolSize ?? 10, options: `-c search_path=${options.schema}` },
  });
  // Replicas booting together take turns: a session advisory lock per schema serialises schema creation and
  // migration runs, so each migration is applied once.
  const lock = new Client({ connectionString: options.url });
  try {
    await lock.connect();
    await lock.query(`select pg_advisory_lock(hashtext($1))`, [`ml-connector:migrations:${options.schema}`]);
    await lock.query(`create schema if not exists "${options.schema}"`);
    await dataSource.initialize();
  } catch (err) {
    await lock.end().catch(() => undefined);
    throw isConnectionError(err) ? dependencyDown(options.url, err) : err;
  }
  try {
    await dataSource.runMigrations();
  } finally {
    await lock.end().catch(() => undefined);
  }
  return dataSource;
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string } | undefined)?.code ?? '';
  return /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|57P03|08\d{3})$/.test(code) || /connect|terminat/i.test(String(err));
}

/** Reverts every applied migration of the data source's schema (used by tests and `down` scripts). */
export async function revertAllMigrations(dataSource: DataSource): Promise<number> {
  let reverted = 0;
  while ((await appliedMigrationCount(dataSource)) > 0) {
    await dataSource.undoLastMigration();
    reverted += 1;
  }
  return reverted;
}

async function appliedMigrationCount(dataSource: DataSource): Promise<number> {
  const schema = (dataSource.options as { schema?: string }).schema ?? 'public';
  const rows: Array<{ n: string }> = await dataSource.query(`select count(*)::text as n from "${schema}"."migrations"`);
  return Number(rows[0]?.n ?? 0);
}

/** Checks that the database answers `select 1` (readiness). */
export async function pingDatabase(dataSource: DataSource): Promise<boolean> {
  try {
    await dataSource.query('select 1');
    return true;
  } catch {
    return false;
  }
}

function dependencyDown(url: string, err: unknown): RetryableError {
  const host = safeHost(url);
  const reason = err instanceof Error ? err.message.replace(/postgres(ql)?:\/\/[^\s]+/g, '[url]') : 'unknown error';
  return new RetryableError('DEPENDENCY_DOWN', `PostgreSQL at ${host} is not reachable: ${reason}`, { cause: err });
}

function safeHost(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
