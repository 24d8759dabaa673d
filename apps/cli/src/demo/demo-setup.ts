import { createBusinessCentral, EntraTokenProvider, environmentRoot, UndiciTransport } from '@mlc/business-central';
import { patchSettings } from '@mlc/connections';
import { sleep } from '@mlc/platform-resilience';
import type { CliContext } from '../cli-context';
import { CliError, EXIT } from '../cli-error';
import type { BackfillLine } from '../commands/backfill-report';
import type { DemoConfig } from './demo.config';
import type { SandboxControl, SandboxState } from './sandbox-control';

/** The sandbox company's chart of accounts (apps/sandbox README) for shipping, handling, wrapping, refunds, tax. */
const SANDBOX_ACCOUNTS = {
  shipping: '40400',
  handling: '40410',
  wrapping: '40420',
  giftCertificateLiability: '22100',
  refunds: '40900',
  storeTax: '22500',
};
export const DOCUMENT_PREFIX = 'BC-';

/** Polls `check` every 500 ms until it returns a value, or fails with `what` after `timeoutMs`. */
export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new CliError(`${what} (waited ${Math.round(timeoutMs / 1000)} s)`);
    await sleep(500);
  }
}

/** The sandboxes and the four services answer (make up started them). */
export async function waitForStack(config: DemoConfig, control: SandboxControl): Promise<void> {
  await until('the sandboxes do not answer at BC_API_URL: run make up', async () => ((await control.reachable()) ? true : undefined), 20_000);
  const services = { ingress: config.INGRESS_URL, 'bc-watcher': config.BC_WATCHER_URL, 'bc-writer': config.BC_WRITER_URL, 'catalog-writer': config.CATALOG_WRITER_URL };
  for (const [name, url] of Object.entries(services)) {
    await until(`${name} is not ready at ${url}: run make up`, async () => ((await fetch(`${url}/health/ready`)).ok ? true : undefined), 60_000);
  }
}

/** Refuses a sandbox that already took orders: the summary compares two fresh sides. */
export function assertFresh(state: SandboxState): void {
  if (state.bigcommerce.orders.length > 0) {
    throw new CliError(
      `the sandbox already has ${state.bigcommerce.orders.length} orders: start from a clean slate with make demo (scripts/services.sh up --fresh)`,
      EXIT.refused,
    );
  }
}

/** bc-watcher has registered the store's hooks and BC's subscriptions for the connection. */
export async function waitForWatching(control: SandboxControl): Promise<void> {
  await until(
    'bc-watcher has not registered the BigCommerce hooks and BC subscriptions',
    async () => {
      const s = await control.state();
      const hooks = s.bigcommerce.hooks.filter((h) => h.is_active && h.scope.startsWith('store/order/')).length;
      return hooks >= 3 && s['business-central'].subscriptions.length >= 1 ? true : undefined;
    },
    60_000,
  );
}

/**
 * Configures the connection like an operator would with `mappings settings set`: posted invoices, the sandbox
 * company's G/L accounts, Austin's tax area for new customers, taxable items, and a short drift quiet time. Idempotent:
 * settings already in place are left alone (a new settings version makes the services rebuild their clients).
 */
export async function configureConnection(ctx: CliContext, connectionId: string): Promise<'updated' | 'unchanged'> {
  const registry = await ctx.registry();
  const connection = await until(`connection ${connectionId} is not registered (the services add it from env)`, () => registry.get(connectionId), 30_000);
  const credentials = await registry.credentials(connectionId);
  const bc = createBusinessCentral({
    connectionId,
    ...connection.businessCentral,
    clientSecret: credentials.bcClientSecret,
    apiUrl: ctx.config.BC_API_URL,
    authorityUrl: ctx.config.ENTRA_AUTHORITY_URL,
  });
  try {
    const austin = await bc.taxAreas.byCode('TX-AUSTIN');
    const patch = {
      orders: {
        documentType: 'salesInvoice',
        postInvoices: true,
        externalDocumentPrefix: DOCUMENT_PREFIX,
        accounts: SANDBOX_ACCOUNTS,
        customer: { defaults: austin ? { taxAreaId: austin.id } : {} },
        taxGroups: { items: 'TAXABLE' },
      },
      // The demo's cancelled order leaves drift that the drift check corrects once nothing is in flight for this long.
      catalog: { driftCorrectionQuietMs: 15_000 },
    };
    if (JSON.stringify(patchSettings(connection.settings, patch)) === JSON.stringify(connection.settings)) return 'unchanged';
    await registry.updateSettings(connectionId, patch, 'ml-connector demo');
    return 'updated';
  } finally {
    await bc.close();
  }
}

/** Runs catalog-writer's full push (the onboarding backfill); returns one line saying what it did. */
export async function backfill(config: DemoConfig, connectionId: string): Promise<string> {
  if (!config.ADMIN_TOKEN) return 'skipped: ADMIN_TOKEN is not set';
  const url = `${config.CATALOG_WRITER_URL}/admin/connections/${encodeURIComponent(connectionId)}/backfill-catalog`;
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${config.ADMIN_TOKEN}` } });
  if (!res.ok) return `skipped: catalog-writer answered ${res.status}`;
  const lines = (await res.text())
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as BackfillLine);
  const last = lines[lines.length - 1];
  if (last?.type !== 'summary') return `failed: ${last?.type === 'error' ? last.message : 'no summary'}`;
  const { price, stock, requests } = last.push;
  return (
    `${last.push.skus} SKUs mapped; prices ${price.changed} changed, ${price.unchanged} unchanged; ` +
    `stock ${stock.changed} changed, ${stock.unchanged} unchanged; ${requests.planned} store write request(s)`
  );
}

/** An item a BC user creates in BC only (the store sells it under another SKU): number, name, price. */
export interface BcOnlyItem {
  readonly number: string;
  readonly displayName: string;
  readonly unitPrice: string;
}

/**
 * Creates an item in BC through its API, as a BC user would (`POST companies({id})/items`), with the sandbox
 * company's tax group, unit and posting groups so it can be invoiced; returns its number. The store has no listing
 * under that number, so a store SKU mapped to it is the item's only listing (mapping a store SKU to an item another
 * listing already carries makes both ambiguous: catalog-writer then pushes neither).
 */
export async function createBcOnlyItem(ctx: CliContext, connectionId: string, item: BcOnlyItem): Promise<string> {
  const registry = await ctx.registry();
  const connection = await registry.get(connectionId);
  if (!connection) throw new CliError(`connection ${connectionId} is not registered`);
  const credentials = await registry.credentials(connectionId);
  const target = { ...connection.businessCentral, connectionId, apiUrl: ctx.config.BC_API_URL };
  const transport = new UndiciTransport();
  try {
    const tokens = new EntraTokenProvider({
      tenantId: target.tenantId,
      clientId: target.clientId,
      clientSecret: credentials.bcClientSecret,
      transport,
      authorityUrl: ctx.config.ENTRA_AUTHORITY_URL,
      connectionId,
    });
    const res = await fetch(`${environmentRoot(target)}companies(${target.companyId})/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokens.getToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        number: item.number,
        displayName: item.displayName,
        type: 'Inventory',
        unitPrice: Number(item.unitPrice),
        taxGroupCode: 'TAXABLE',
        baseUnitOfMeasureCode: 'PCS',
        itemCategoryCode: 'MISC',
        generalProductPostingGroupCode: 'RETAIL',
        inventoryPostingGroupCode: 'RESALE',
      }),
    });
    if (!res.ok) throw new CliError(`BC refused item ${item.number}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    return ((await res.json()) as { number: string }).number;
  } finally {
    await transport.close();
  }
}
