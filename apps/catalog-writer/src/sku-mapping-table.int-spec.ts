import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { BcPath } from '@mlc/business-central';
import { Cleanup, eventually, repoRoot, SandboxProcess, startSandboxProcess } from '@mlc/testing';
import { z } from 'zod';
import { ADMIN_TOKEN, CatalogWriterHarness } from './testing/catalog-writer-harness';
import { collectOutcomes, outcomeOffsets } from './testing/outcome-reader';
import { pushRuns, runsAfter } from './testing/sandbox-helpers';

const run = promisify(execFile);
const cleanup = new Cleanup();
let sandbox: SandboxProcess;
let h: CatalogWriterHarness;
const items = new Map<string, string>();

/** bc-writer creates the mapping table (its migrations); run them the way the Helm migrations Job does. */
async function bcWriterMigrations(): Promise<void> {
  await run(process.execPath, [path.join(repoRoot(), 'dist/apps/bc-writer/src/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: h.config.DATABASE_URL,
      MASTER_KEY: h.config.MASTER_KEY,
      MIGRATE_ONLY: 'true',
      LOG_LEVEL: 'warn',
    },
  });
}

/** `ml-connector mappings sku set <connection> <sku> <itemNumber> [--no-verify]`, as an operator runs it. */
/** A new BC item (through the connector's own BC client, as a BC user would add it) with this price and stock. */
async function createItem(number: string, unitPrice: number, inventory: number): Promise<void> {
  const bc = await h.runtime.ctx.clients.businessCentral(h.connectionId);
  const created = await bc.client.create(
    BcPath.collection('items'),
    { number, displayName: `Item ${number}`, type: 'Inventory', unitPrice },
    z.object({ id: z.string() }),
  );
  items.set(number, created.id);
  await sandbox.control.changeItem(number, { inventory });
}

async function mapSku(sku: string, itemNumber: string, verify = true): Promise<string> {
  const cli = path.join(repoRoot(), 'dist/apps/cli/src/main.js');
  const { stdout } = await run(
    process.execPath,
    [cli, 'mappings', 'sku', 'set', h.connectionId, sku, itemNumber, ...(verify ? [] : ['--no-verify'])],
    {
      env: {
        ...process.env,
        DATABASE_URL: h.config.DATABASE_URL,
        MASTER_KEY: h.config.MASTER_KEY,
        BC_API_URL: h.config.BC_API_URL,
        ENTRA_AUTHORITY_URL: h.config.ENTRA_AUTHORITY_URL,
      },
    },
  );
  return stdout;
}

/** A store product whose SKU differs from its BC item's number; the store starts at price 1.00 and stock 0. */
async function productAndItem(sku: string, number: string, price: string, stock: number) {
  await sandbox.control.request('POST', '/bigcommerce/products', {
    name: `Product ${sku}`,
    sku,
    price: '1.00',
    inventory: 0,
    inventoryTracking: 'product',
  });
  const bc = await h.runtime.ctx.clients.businessCentral(h.connectionId);
  const item = await bc.client.create(
    BcPath.collection('items'),
    { number, displayName: `Item ${number}`, type: 'Inventory', unitPrice: Number(price) },
    z.object({ id: z.string() }),
  );
  if (stock > 0) await sandbox.control.changeItem(number, { inventory: stock });
  items.set(number, item.id);
}

async function backfill(): Promise<{ map: Record<string, number> }> {
  const res = await fetch(`${h.url}/admin/connections/${h.connectionId}/backfill-catalog`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return JSON.parse((await res.text()).trim().split('\n').at(-1) ?? '{}') as { map: Record<string, number> };
}

function itemId(number: string): string {
  const id = items.get(number);
  if (!id) throw new Error(`no BC item ${number}`);
  return id;
}

beforeAll(async () => {
  sandbox = await startSandboxProcess();
  cleanup.add(() => sandbox.stop());
  await sandbox.control.seed({ products: 0, customers: 1 });
  h = new CatalogWriterHarness(sandbox, {
    catalog: { coalesceWindowMs: 200 },
    orders: { skuMapping: 'mapping-table' },
    env: { CATALOG_MAPPINGS_CHECK_MS: '300' },
  });
  cleanup.add(() => h.stop());
  await h.start();
  await bcWriterMigrations();
  await productAndItem('STORE-TEE-RED', 'MT-1000', '7.00', 6);
  await productAndItem('STORE-MUG', 'MT-2000', '3.50', 9);
  // Same SKU and item number: item-number mode would map it, mapping-table mode must not without a row.
  await productAndItem('MT-SAME', 'MT-SAME', '5.00', 4);
});
afterAll(() => cleanup.run());

describe('skuMapping "mapping-table": catalog-writer maps through the operator\'s table', () => {
  it('maps a store SKU to the BC item its mapping row names, and nothing without a row', async () => {
    expect(await mapSku('STORE-TEE-RED', 'mt-1000')).toContain('-> BC item MT-1000');
    // Not checked in BC: the row holds only the number until someone resolves it.
    expect(await mapSku('STORE-MUG', 'MT-2000', false)).toContain('(not checked)');

    const summary = await backfill();
    expect(summary.map).toMatchObject({ mapped: 2, 'not-mapped': 1 });
    // The store applies inventory writes asynchronously.
    await eventually('the mapped levels', async () => ((await h.store()).stock['STORE-MUG'] === 9 ? true : undefined));
    const store = await h.store();
    expect([store.prices['STORE-TEE-RED'], store.stock['STORE-TEE-RED']]).toEqual(['7.00', 6]);
    expect([store.prices['STORE-MUG'], store.stock['STORE-MUG']]).toEqual(['3.50', 9]);
    expect([store.prices['MT-SAME'], store.stock['MT-SAME']]).toEqual(['1.00', 0]);
  });

  it('brings the mapped item\'s changes to the store SKU', async () => {
    await sandbox.control.changeItem('MT-1000', { unitPrice: '7.25', inventory: 3 });
    const before = await pushRuns(h);
    await h.itemChanged([itemId('MT-1000'), itemId('MT-SAME')]);
    await runsAfter(h, before);
    await eventually('the mapped SKU to follow its item', async () => {
      const store = await h.store();
      return store.prices['STORE-TEE-RED'] === '7.25' && store.stock['STORE-TEE-RED'] === 3 ? true : undefined;
    });
    expect((await h.store()).prices['MT-SAME']).toBe('1.00');
  });

  it('applies a new or changed row without any signal, and unmaps a SKU whose row points elsewhere', async () => {
    await mapSku('MT-SAME', 'MT-SAME');
    await eventually('the newly mapped SKU to get its BC price and stock', async () => {
      const store = await h.store();
      return store.prices['MT-SAME'] === '5.00' && store.stock['MT-SAME'] === 4 ? true : undefined;
    });

    // The operator re-points STORE-MUG at a new item, MT-3000: the store follows without a signal.
    await createItem('MT-3000', 12, 2);
    await mapSku('STORE-MUG', 'MT-3000');
    await eventually('the re-pointed SKU to show the new item', async () => {
      const store = await h.store();
      return store.prices['STORE-MUG'] === '12.00' && store.stock['STORE-MUG'] === 2 ? true : undefined;
    });
    const rows = (await h.runtime.ctx.db.query(`select sku, bc_item_id from sku_map where connection_id = $1 order by sku`, [
      h.connectionId,
    ])) as Array<{ sku: string; bc_item_id: string }>;
    expect(rows.map((r) => [r.sku, r.bc_item_id])).toEqual([
      ['MT-SAME', itemId('MT-SAME')],
      ['STORE-MUG', itemId('MT-3000')],
      ['STORE-TEE-RED', itemId('MT-1000')],
    ]);
  });

  it('refuses one BC item linked to two listings, says so naming both and the fix, and resumes once fixed', async () => {
    // A second store listing linked to MT-1000, which STORE-TEE-RED already takes its price and stock from.
    await sandbox.control.request('POST', '/bigcommerce/products', {
      name: 'Product STORE-TEE-DUP',
      sku: 'STORE-TEE-DUP',
      price: '1.00',
      inventory: 0,
      inventoryTracking: 'product',
    });
    await mapSku('STORE-TEE-DUP', 'MT-1000');
    await sandbox.control.changeItem('MT-1000', { inventory: 8 });
    const from = await outcomeOffsets();
    const summary = await backfill();
    expect(summary.map).toMatchObject({ mapped: 2, 'duplicate-sku': 2 });

    // Each listing's last outcome says what is wrong and what fixes it.
    const outcomes = (await collectOutcomes(h, from, 4)).filter((o) => o.reason?.startsWith('duplicate-sku'));
    expect(outcomes.map((o) => [o.sku, o.outcome]).sort()).toEqual([
      ['STORE-TEE-DUP', 'skipped'],
      ['STORE-TEE-RED', 'skipped'],
    ]);
    for (const o of outcomes) {
      expect(o.reason).toContain('BC item MT-1000 is linked to 2 store listings');
      expect(o.reason).toMatch(/SKU STORE-TEE-RED \(product \d+ variant \d+\) and SKU STORE-TEE-DUP \(product \d+ variant \d+\)/);
      expect(o.reason).toContain(`ml-connector mappings sku set ${h.connectionId} <sku> <itemNumber>`);
    }
    // Neither is pushed: the store keeps the 3 it had, not MT-1000's 8 on two listings.
    const mapped = (await h.runtime.ctx.db.query(`select sku from sku_map where connection_id = $1 order by sku`, [
      h.connectionId,
    ])) as Array<{ sku: string }>;
    expect(mapped.map((r) => r.sku)).toEqual(['MT-SAME', 'STORE-MUG']);
    expect((await h.store()).stock['STORE-TEE-RED']).toBe(3);

    // The fix the reason names: link the second listing to its own item. No signal needed.
    await createItem('MT-4000', 9, 5);
    await mapSku('STORE-TEE-DUP', 'MT-4000');
    await eventually('both listings to be pushed again', async () => {
      const store = await h.store();
      return store.stock['STORE-TEE-RED'] === 8 && store.stock['STORE-TEE-DUP'] === 5 ? true : undefined;
    });
    expect((await h.store()).prices['STORE-TEE-DUP']).toBe('9.00');
  });
});
