import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { z } from 'zod';
import { Connection, connectionIdSchema } from '@mlc/connections';
import { withContext } from '../cli-context';
import { CliError, EXIT } from '../cli-error';
import type { CliConfig } from '../config';
import { Output, table } from '../output';
import { checkBigCommerce, checkBusinessCentral, checkPublicUrl, CheckResult } from './connection-checks';

const secretsFile = z.object({
  bigcommerceAccessToken: z.string().min(1),
  bigcommerceClientSecret: z.string().min(1),
  bcClientSecret: z.string().min(1),
});

interface AddOptions {
  id: string;
  name?: string;
  storeHash: string;
  tenant: string;
  environment: string;
  company?: string;
  clientId: string;
  secretsFile?: string;
  json?: boolean;
}

/** `connections add|list|show|remove|ping`: secrets come from env or a file, never arguments, and are never printed. */
export function registerConnectionsCommand(program: Command): void {
  const connections = program.command('connections').description('Manage store/company connections');

  connections
    .command('add')
    .description('Add a connection after checking both systems (secrets from env BIGCOMMERCE_ACCESS_TOKEN, BIGCOMMERCE_CLIENT_SECRET, BC_CLIENT_SECRET, or --secrets-file)')
    .requiredOption('--id <id>', 'connection id: lowercase letters, digits and dashes')
    .option('--name <name>', 'display name')
    .requiredOption('--store-hash <hash>', 'BigCommerce store hash')
    .requiredOption('--tenant <tenant>', 'Entra tenant id (GUID or domain)')
    .requiredOption('--environment <name>', 'BC environment name')
    .option('--company <id>', 'BC company id (needed when the environment has several)')
    .requiredOption('--client-id <id>', 'Entra application (client) id')
    .option('--secrets-file <path>', 'JSON file with bigcommerceAccessToken, bigcommerceClientSecret, bcClientSecret')
    .option('--json', 'machine-readable output')
    .action((opts: AddOptions) => addConnection(opts));

  connections
    .command('list')
    .description('List connections (no secrets)')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const list = await (await ctx.registry()).list();
        new Output(!!opts.json).result(list.map(summary), () =>
          table(list.map(summary), ['id', 'name', 'storeHash', 'environment', 'documentType', 'settingsVersion', 'source']),
        );
      }),
    );

  connections
    .command('show <id>')
    .description('Show one connection and its settings (no secrets)')
    .option('--json', 'machine-readable output')
    .action((id: string, opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const connection = await (await ctx.registry()).get(id);
        if (!connection) throw new CliError(`connection ${id} does not exist`, EXIT.notFound);
        new Output(!!opts.json).result(connection, () => JSON.stringify(connection, null, 2));
      }),
    );

  connections
    .command('remove <id>')
    .description('Remove a connection and its sealed credentials')
    .option('--yes', 'confirm')
    .option('--json', 'machine-readable output')
    .action((id: string, opts: { yes?: boolean; json?: boolean }) =>
      withContext(async (ctx) => {
        if (!opts.yes) throw new CliError(`refusing to remove ${id} without --yes`, EXIT.refused);
        const removed = await (await ctx.registry()).remove(id);
        if (!removed) throw new CliError(`connection ${id} does not exist`, EXIT.notFound);
        new Output(!!opts.json).result({ id, removed: true }, () => `connection ${id} removed`);
      }),
    );

  connections
    .command('ping <id>')
    .description('Check credentials and reachability of both systems and the public URL, in plain words')
    .option('--json', 'machine-readable output')
    .action((id: string, opts: { json?: boolean }) => pingConnection(id, !!opts.json));
}

async function addConnection(opts: AddOptions): Promise<void> {
  connectionIdSchema.parse(opts.id);
  await withContext(async (ctx) => {
    const out = new Output(!!opts.json);
    const secrets = readSecrets(ctx.config, opts.secretsFile);
    const target = {
      id: opts.id,
      storeHash: opts.storeHash,
      accessToken: secrets.bigcommerceAccessToken,
      tenantId: opts.tenant,
      environment: opts.environment,
      companyId: opts.company,
      clientId: opts.clientId,
      clientSecret: secrets.bcClientSecret,
    };
    const store = await checkBigCommerce(ctx.config, target);
    const bc = await checkBusinessCentral(ctx.config, target);
    for (const check of [store, bc]) if (!check.ok) throw new CliError(check.detail);
    const connection = await (await ctx.registry()).add(
      {
        id: opts.id,
        name: opts.name ?? opts.id,
        bigcommerce: { storeHash: opts.storeHash, storeId: store.storeId! },
        businessCentral: { tenantId: opts.tenant, environment: opts.environment, companyId: bc.companyId!, clientId: opts.clientId },
        source: 'cli',
      },
      { ...secrets, webhookKey: randomBytes(32).toString('base64') },
    );
    out.result(summary(connection), () => `connection ${connection.id} added (store ${store.storeId}, ${bc.detail})`);
  });
}

async function pingConnection(id: string, json: boolean): Promise<void> {
  await withContext(async (ctx) => {
    const registry = await ctx.registry();
    const connection = await registry.get(id);
    if (!connection) throw new CliError(`connection ${id} does not exist`, EXIT.notFound);
    const creds = await registry.credentials(id);
    const target = {
      id,
      storeHash: connection.bigcommerce.storeHash,
      accessToken: creds.bigcommerceAccessToken,
      tenantId: connection.businessCentral.tenantId,
      environment: connection.businessCentral.environment,
      companyId: connection.businessCentral.companyId,
      clientId: connection.businessCentral.clientId,
      clientSecret: creds.bcClientSecret,
    };
    const results: CheckResult[] = [
      await checkBusinessCentral(ctx.config, target),
      await checkBigCommerce(ctx.config, target),
      checkPublicUrl(ctx.config.PUBLIC_BASE_URL),
    ].map(({ check, ok, detail }) => ({ check, ok, detail }));
    new Output(json).result(results, () => results.map((r) => `${r.ok ? 'ok  ' : 'FAIL'}  ${r.check}: ${r.detail}`).join('\n'));
    if (results.some((r) => !r.ok)) process.exitCode = EXIT.failed;
  });
}

function readSecrets(config: CliConfig, file?: string): z.infer<typeof secretsFile> {
  if (file) {
    const parsed = secretsFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new CliError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`, EXIT.usage);
    return parsed.data;
  }
  const missing = (['BIGCOMMERCE_ACCESS_TOKEN', 'BIGCOMMERCE_CLIENT_SECRET', 'BC_CLIENT_SECRET'] as const).filter((k) => !config[k]);
  if (missing.length) throw new CliError(`set ${missing.join(', ')} in the environment, or pass --secrets-file`, EXIT.usage);
  return {
    bigcommerceAccessToken: config.BIGCOMMERCE_ACCESS_TOKEN!,
    bigcommerceClientSecret: config.BIGCOMMERCE_CLIENT_SECRET!,
    bcClientSecret: config.BC_CLIENT_SECRET!,
  };
}

function summary(c: Connection) {
  return {
    id: c.id,
    name: c.name,
    storeHash: c.bigcommerce.storeHash,
    storeId: c.bigcommerce.storeId,
    tenantId: c.businessCentral.tenantId,
    environment: c.businessCentral.environment,
    companyId: c.businessCentral.companyId,
    documentType: c.settings.orders.documentType,
    settingsVersion: c.settingsVersion,
    source: c.source,
  };
}
