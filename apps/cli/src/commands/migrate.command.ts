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
    .action(() =>
      withContext(async (ctx) => {
        await ctx.database();
        process.stdout.write('connections: up to date\n');
        await ctx.ownDatabase();
        process.stdout.write('cli: up to date\n');
        for (const service of SERVICES) {
          const main = path.resolve(__dirname, `../../../${service}/src/main.js`);
          if (!existsSync(main)) throw new CliError(`${service} is not built (${main} is missing)`);
          const run = spawnSync(process.execPath, [main], { env: childEnv({ MIGRATE_ONLY: 'true', LOG_LEVEL: 'warn' }), encoding: 'utf8' });
          if (run.status !== 0) throw new CliError(`${service} migrations failed: ${(run.stderr || run.stdout).trim().split('\n').pop() ?? ''}`);
          process.stdout.write(`${service}: up to date\n`);
        }
      }),
    );
}
