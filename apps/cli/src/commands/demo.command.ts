import type { Command } from 'commander';
import { withContext } from '../cli-context';
import { CliError, EXIT } from '../cli-error';
import { loadDemoConfig } from '../demo/demo.config';
import { runDemo } from '../demo/demo-run';
import { configureConnection } from '../demo/demo-setup';
import { positionAtEnd, recreateDatabase, slateGroups, writeEnvFile } from '../demo/reset-state';

interface DemoOptions {
  json?: boolean;
  orders: string;
  products: string;
  catalogChanges: string;
  timeout: string;
}

/**
 * `ml-connector demo`: drives the sandboxes like shoppers and a BC user would (catalog, a burst of orders of every
 * shape, a refund, a cancellation, an unmapped SKU that is then mapped and resynced, BC price and stock changes), waits
 * until the connector has synced everything and prints what happened. Exit 0 only when every record reached its
 * expected state. `demo reset-state` gives the sandbox connection an empty state (scripts/services.sh runs it).
 */
export function registerDemoCommand(program: Command): void {
  const demo = program
    .command('demo')
    .description('Run the end-to-end demo against the sandboxes and the services started by make up')
    .option('--json', 'print the summary as JSON')
    .option('--orders <n>', 'orders in the burst', '60')
    .option('--products <n>', 'products to seed (3 variants each)', '150')
    .option('--catalog-changes <n>', 'BC price and stock changes', '40')
    .option('--timeout <seconds>', 'give up waiting for the sync after this long', '240')
    .action(async (opts: DemoOptions) => {
      const demoConfig = loadDemoConfig();
      process.exitCode = await withContext((ctx) =>
        runDemo(ctx, demoConfig, {
          json: !!opts.json,
          orders: positive(opts.orders, '--orders'),
          products: positive(opts.products, '--products'),
          catalogChanges: positive(opts.catalogChanges, '--catalog-changes'),
          timeoutMs: positive(opts.timeout, '--timeout') * 1000,
        }),
      );
    });
  demo
    .command('configure')
    .description('Give the sandbox connection the settings the sandbox company needs (G/L accounts, tax area)')
    .option('--connection <id>', 'the connection', 'sandbox')
    .action(async (opts: { connection: string }) => {
      const outcome = await withContext((ctx) => configureConnection(ctx, opts.connection));
      process.stdout.write(`connection ${opts.connection}: settings for the sandbox company ${outcome}\n`);
    });
  demo
    .command('reset-state')
    .description("Give the sandbox connection an empty state: its database emptied, new consumer groups at the topics' ends")
    .requiredOption('--write-env <file>', 'where to write the slate (DATABASE_URL and consumer group variables)')
    .action(async (opts: { writeEnv: string }) => {
      await withContext(async (ctx) => {
        const slate = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
        const { env, groups } = slateGroups(slate);
        const database = await recreateDatabase(ctx.config.DATABASE_URL);
        const positioned = await positionAtEnd(ctx.kafka(), groups);
        await writeEnvFile(opts.writeEnv, { DATABASE_URL: ctx.config.DATABASE_URL, ...env });
        process.stdout.write(
          `sandbox state reset: database ${database} is empty; ${groups.length} consumer groups of slate ${slate} ` +
            `(${positioned} positioned at their topics' ends)\n`,
        );
      });
    });
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new CliError(`${flag} must be a positive integer`, EXIT.usage);
  return n;
}
