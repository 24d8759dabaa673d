import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Cleanup, eventually, repoRoot, SandboxProcess, startSandboxProcess } from '@mlc/testing';
import { ADMIN_TOKEN, CatalogWriterHarness } from './testing/catalog-writer-harness';
import { addProductSku, itemIds, logMark, pushRuns, runsAfter, storeRequests } from './testing/sandbox-helpers';

const cleanup = new Cleanup();
let sandbox: SandboxProcess;
let h: CatalogWriterHarness;
let ids: Map<string, string>;

const VARIANTS = ['SKU-00001-S', 'SKU-00001-M', 'SKU-00001-L', 'SKU-00002-S', 'SKU-00002-M', 'SKU-00002-L'];
const PRODUCTS = ['SOLO-1', 'SOLO-2'];

beforeAll(async () => {
  sandbox = await startSandboxProcess();
  cleanup.add(() => sandbox.stop());
  await sandbox.control.seed({ products: 2, variantsPerProduct: 3, customers: 1 });
  // A short quota window keeps the waits of the rate-limit tests short; the quota itself stays 150.
  await sandbox.control.request('PUT', '/bigcommerce/settings', { rateLimitWindowMs: 3000 });
  h = new CatalogWriterHarness(sandbox, { catalog: { coalesceWindowMs: 300 } });
  await h.start();
  cleanup.add(() => h.stop());
  await addProductSku(h, 'SOLO-1', '7.50', 6);
  await addProductSku(h, 'SOLO-2', '3.25', 0);
  ids = await itemIds(h, [...VARIANTS, ...PRODUCTS]);
});
afterAll(() => cleanup.run());

async function backfill(dryRun = false): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${h.url}/admin/connections/${h.connectionId}/backfill-catalog${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return (await res.text())
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Another app on the store spends the quota (GET /v2/store, `count` times). */
async function exhaustQuota(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await fetch(`${sandbox.bigcommerceUrl}/stores/sandbox/v2/store`, {
      headers: { 'x-auth-token': sandbox.env.BIGCOMMERCE_ACCESS_TOKEN!, accept: 'application/json' },
    });
  }
}

function idOf(number: string): string {
  const id = ids.get(number);
  if (!id) throw new Error(`no BC item ${number}`);
  return id;
}

describe('catalog-writer against the sandboxes', () => {
  it('refuses the admin endpoint without the admin token', async () => {
    const res = await fetch(`${h.url}/admin/connections/${h.connectionId}/backfill-catalog`, { method: 'POST' });
    expect(res.status).toBe(401);
  });

  it('backfills: builds the SKU map (variant and product SKUs) and gives every SKU its price and level once', async () => {
    const dry = await backfill(true);
    const drySummary = dry.at(-1) as { type: string; push: { requests: { planned: number } } };
    expect(drySummary.type).toBe('summary');
    expect(drySummary.push.requests.planned).toBe(3);
    expect(await storeRequests(h)).toEqual([]);

    const lines = await backfill();
    const summary = lines.at(-1) as {
      type: string;
      map: { mapped: number };
      push: { price: { changed: number }; stock: { changed: number }; requests: { byKind: Record<string, number> } };
    };
    expect(lines.some((l) => l.type === 'progress')).toBe(true);
    expect(summary.type).toBe('summary');
    expect(summary.map.mapped).toBe(8);
    expect(summary.push.price.changed).toBe(8);
    expect(summary.push.stock.changed).toBe(8);
    expect(summary.push.requests.byKind).toEqual({ 'variant-prices': 1, 'product-prices': 1, 'absolute-stock': 1 });
    const store = await h.store();
    expect(store.stock['SOLO-1']).toBe(6);
    expect(store.prices['SOLO-2']).toBe('3.25');
  });

  it('runs from the CLI: ml-connector backfill catalog --dry-run prints what a push would do', async () => {
    const cli = path.join(repoRoot(), 'dist/apps/cli/src/main.js');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [cli, 'backfill', 'catalog', '--connection', h.connectionId, '--dry-run', '--url', h.url],
      { env: { ...process.env, ADMIN_TOKEN } },
    );
    expect(stdout).toContain(`backfill catalog ${h.connectionId} (dry run: nothing was written)`);
    expect(stdout).toContain('SKU map: 8 mapped');
    expect(stdout).toContain('price: changed 0, unchanged 8, skipped 0, failed 0');
    expect(stdout).toContain('requests planned: 0');
  });

  it('brings BC price changes and silent stock movements to the store, for variant and product SKUs', async () => {
    const mark = await logMark(h);
    await sandbox.control.changeItem('SKU-00001-M', { unitPrice: '99.50' });
    await sandbox.control.changeItem('SOLO-1', { inventory: 15 });
    await sandbox.control.changeItem('SKU-00002-L', { inventory: 1 });
    await h.itemChanged([idOf('SKU-00001-M'), idOf('SOLO-1'), idOf('SKU-00002-L')]);
    await eventually('the store to show the BC changes', async () => {
      const store = await h.store();
      const done =
        store.prices['SKU-00001-M'] === '99.50' && store.stock['SOLO-1'] === 15 && store.stock['SKU-00002-L'] === 1;
      return done ? true : undefined;
    });
    const writes = await storeRequests(h, mark);
    expect(writes.map((w) => `${w.method} ${w.path.replace(/^\/stores\/[^/]+/, '')}`).sort()).toEqual([
      'POST /v3/inventory/adjustments/relative',
      'PUT /v3/catalog/variants',
    ]);
  });

  it('sends nothing when BC values equal what was last pushed', async () => {
    const mark = await logMark(h);
    const before = await pushRuns(h);
    await h.itemChanged([...ids.values()]);
    await runsAfter(h, before);
    expect(await storeRequests(h, mark)).toEqual([]);
  });

  it('recovers from injected 429s without rate-limit headers: backs off to the window end and lands the change', async () => {
    const mark = await logMark(h);
    await sandbox.control.fault({ system: 'bigcommerce', method: 'PUT', path: '/v3/catalog/products', status: 429, count: 2 });
    await sandbox.control.changeItem('SOLO-2', { unitPrice: '4.10' });
    await h.itemChanged([idOf('SOLO-2')]);
    await eventually(
      'the price to land after the 429s',
      async () => ((await h.store()).prices['SOLO-2'] === '4.10' ? true : undefined),
      60_000,
    );
    const puts = (await storeRequests(h, mark)).filter((r) => r.path.endsWith('/v3/catalog/products'));
    expect(puts.map((r) => r.status)).toEqual([429, 429, 200]);
    await sandbox.control.clearFaults();
  });

  it('waits the reset the store names when its quota is used up by another caller', async () => {
    await sandbox.control.request('PUT', '/bigcommerce/settings', { rateLimitQuota: 5 });
    const mark = await logMark(h);
    await sandbox.control.changeItem('SKU-00001-S', { unitPrice: '12.34' });
    await exhaustQuota(8);
    await h.itemChanged([idOf('SKU-00001-S')]);
    await eventually(
      'the price to land after the reset',
      async () => ((await h.store()).prices['SKU-00001-S'] === '12.34' ? true : undefined),
      60_000,
    );
    const ours = (await storeRequests(h, mark)).filter((r) => r.path.endsWith('/v3/catalog/variants'));
    expect(ours.at(-1)?.status).toBe(200);
    expect(ours.filter((r) => r.status === 429).length).toBeLessThanOrEqual(1);
    await sandbox.control.request('PUT', '/bigcommerce/settings', { rateLimitQuota: 150 });
  });
});
