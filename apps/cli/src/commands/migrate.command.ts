import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { withContext } from '../cli-context';
import { CliError } from '../cli-error';
import { childEnv } from '../config';

/** The services whose own schemas `migrate` brings up to date (ingress uses only the connection registry). */
const SERVICES = ['bc-watcher', 'bc-writer', 'catalog-writer'] as const;

/**
 * `migrate`: applies every pending migration (the registry, the CLI's schema, then each service's own schema by
 * running that service with MIGRATE_ONLY=true), for the Helm pre-install/pre-upgrade Job. Idempotent; replicas that
 * boot meanwhile wait on the same per-schema lock.
 */
export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations of the registry, the CLI and every service, then exit')
    .option('--json', 'machine-readable output (the schemas brought up to date)')
    .action((opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const done: string[] = [];
        const upToDate = (schema: string) => {
          done.push(schema);
          if (!opts.json) process.stdout.write(`${schema}: up to date\n`);
        };
        await ctx.database();
        upToDate('connections');
        await ctx.ownDatabase();
        upToDate('cli');
        for (const service of SERVICES) {
          const main = path.resolve(__dirname, `../../../${service}/src/main.js`);
          if (!existsSync(main)) throw new CliError(`${service} is not built (${main} is missing)`);
          const run = spawnSync(process.execPath, [main], { env: childEnv({ MIGRATE_ONLY: 'true', LOG_LEVEL: 'warn' }), encoding: 'utf8' });
          if (run.status !== 0) throw new CliError(`${service} migrations failed: ${(run.stderr || run.stdout).trim().split('\n').pop() ?? ''}`);
          upToDate(service);
        }
        if (opts.json) process.stdout.write(`${JSON.stringify({ upToDate: done })}\n`);
      }),
    );
}
