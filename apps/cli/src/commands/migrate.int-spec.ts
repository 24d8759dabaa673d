import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createScratchDatabase, ScratchDatabase, stackEnv } from '@mlc/testing';
import { runCli } from '../testing/run-cli';

let scratch: ScratchDatabase;
beforeAll(async () => {
  scratch = await createScratchDatabase(stackEnv.DATABASE_URL, 'migrate');
});
afterAll(() => scratch.drop());

async function migrationCounts(): Promise<Record<string, number>> {
  const client = new Client({ connectionString: scratch.url });
  await client.connect();
  try {
    const schemas = await client.query<{ table_schema: string }>(
      `select table_schema from information_schema.tables where table_name = 'migrations' order by 1`,
    );
    const counts: Record<string, number> = {};
    for (const { table_schema } of schemas.rows) {
      const n = await client.query<{ n: number }>(`select count(*)::int as n from "${table_schema}".migrations`);
      counts[table_schema] = n.rows[0]!.n;
    }
    return counts;
  } finally {
    await client.end();
  }
}

describe('ml-connector migrate', () => {
  it('brings the registry, the CLI and every service schema up to date, and is idempotent', async () => {
    const env = { DATABASE_URL: scratch.url, MASTER_KEY: randomBytes(32).toString('base64') };
    const first = runCli(['migrate'], env);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(['connections', 'cli', 'bc-watcher', 'bc-writer', 'catalog-writer'].map((s) => `${s}: up to date\n`).join(''));
    const after = await migrationCounts();
    expect(Object.keys(after)).toEqual(['bc_watcher', 'bc_writer', 'catalog_writer', 'cli', 'connections']);
    expect(Object.values(after).every((n) => n > 0)).toBe(true);
    expect(runCli(['migrate'], env).status).toBe(0);
    expect(await migrationCounts()).toEqual(after);
  });

  it('fails with one line when the database is unreachable', () => {
    const run = runCli(['migrate'], { DATABASE_URL: 'postgres://mlc:mlc@127.0.0.1:1/none', MASTER_KEY: randomBytes(32).toString('base64') });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('PostgreSQL at 127.0.0.1:1/none is not reachable');
  });
});
