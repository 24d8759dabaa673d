import { BcPath } from '@mlc/business-central';
import { syncOrderStateV1 } from '@mlc/contracts';
import { Cleanup, eventually, SandboxProcess, startSandboxProcess } from '@mlc/testing';
import { z } from 'zod';
import { CatalogWriterHarness } from './testing/catalog-writer-harness';
import { addProductSku, pushRuns, runsAfter } from './testing/sandbox-helpers';

const cleanup = new Cleanup();
let sandbox: SandboxProcess;
let h: CatalogWriterHarness;
let itemA: string;
let itemB: string;

beforeAll(async () => {
  sandbox = await startSandboxProcess();
  cleanup.add(() => sandbox.stop());
  await sandbox.control.seed({ products: 0, customers: 1 });
  h = new CatalogWriterHarness(sandbox, { catalog: { coalesceWindowMs: 200 } });
  cleanup.add(() => h.stop());
  await h.start();
  itemA = (await addProductSku(h, 'OVS-A', '10.00', 5)).itemId;
  itemB = (await addProductSku(h, 'OVS-B', '4.00', 10)).itemId;
});
afterAll(() => cleanup.run());

/** Publishes what bc-writer would for a store order of 2 × OVS-A. */
async function orderState(orderId: number, state: 'RECEIVED' | 'POSTED', sequence: number): Promise<void> {
  await h.publish(syncOrderStateV1, [
    {
      connectionId: h.connectionId,
      orderId,
      state,
      documentType: 'salesInvoice',
      lines: [{ sku: 'OVS-A', quantity: '2' }],
      sequence,
      settingsVersion: 1,
      occurredAt: new Date().toISOString(),
    },
  ]);
}

async function committedRows(settled: boolean): Promise<number> {
  const rows = (await h.runtime.ctx.db.query(
    `select count(*)::int as n from committed_orders where connection_id = $1 and settled = $2`,
    [h.connectionId, settled],
  )) as Array<{ n: number }>;
  return rows[0]?.n ?? 0;
}

/** Posts a sales invoice for 2 × OVS-A in BC, as bc-writer does for a store order: BC's inventory drops by 2. */
async function postInvoiceInBc(): Promise<void> {
  const bc = await h.runtime.ctx.clients.businessCentral(h.connectionId);
  const [customer] = await bc.client.list(BcPath.collection('customers'), z.object({ id: z.string() })).toArray();
  if (!customer) throw new Error('the sandbox has no customer');
  const invoice = await bc.client.create(
    BcPath.collection('salesInvoices'),
    { customerId: customer.id, salesInvoiceLines: [{ lineType: 'Item', lineObjectNumber: 'OVS-A', quantity: 2 }] },
    z.object({ id: z.string() }),
  );
  await bc.salesInvoices.post(invoice.id);
}

async function bcInventoryOfA(): Promise<string | undefined> {
  const bc = await h.runtime.ctx.clients.businessCentral(h.connectionId);
  return (await bc.items.byNumber('OVS-A'))?.inventory.toFixed(0);
}

/** Samples the store's level of OVS-A every 25 ms, so a level shown for a moment is caught too. */
function sampleLevelOfA(): { seen: number[]; stop: () => Promise<void> } {
  const seen: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const level = (await h.store()).stock['OVS-A'];
      if (level !== undefined) seen.push(level);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return {
    seen,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

describe('the oversell scenario on the sandboxes', () => {
  it('never shows stock the warehouse no longer has', async () => {
    let runs = await pushRuns(h);
    await h.itemChanged([itemA, itemB]);
    await runsAfter(h, runs);
    await eventually('the first levels', async () => ((await h.store()).stock['OVS-A'] === 5 ? true : undefined));
    // The first push sets levels absolutely; the store applies adjustments asynchronously (200 ms in the sandbox).
    await new Promise((r) => setTimeout(r, 600));

    const first = await sandbox.control.placeOrder({ guest: true, lines: [{ sku: 'OVS-A', quantity: 2 }] });
    const second = await sandbox.control.placeOrder({ guest: true, lines: [{ sku: 'OVS-A', quantity: 2 }] });
    expect((await h.store()).stock['OVS-A']).toBe(1);
    await orderState(first.id, 'RECEIVED', 1);
    await orderState(second.id, 'RECEIVED', 1);
    await eventually('both orders committed', async () => ((await committedRows(false)) === 2 ? true : undefined));

    const sampler = sampleLevelOfA();
    await sandbox.control.changeItem('OVS-A', { unitPrice: '12.50' });
    await sandbox.control.changeItem('OVS-B', { inventory: 7 });
    runs = await pushRuns(h);
    await h.itemChanged([itemA, itemB]);
    await runsAfter(h, runs);
    await eventually('B to move and A to get its price', async () => {
      const store = await h.store();
      return store.stock['OVS-B'] === 7 && store.prices['OVS-A'] === '12.50' ? true : undefined;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect((await h.store()).stock['OVS-A']).toBe(1);

    // The invoices post in BC (5 - 2 - 2 = 1), then their POSTED states arrive.
    await postInvoiceInBc();
    await postInvoiceInBc();
    expect(await bcInventoryOfA()).toBe('1');
    await orderState(first.id, 'POSTED', 2);
    await orderState(second.id, 'POSTED', 2);
    await eventually('both invoices posted', async () => ((await committedRows(true)) === 2 ? true : undefined));
    runs = await pushRuns(h);
    await h.itemChanged([itemA]);
    await runsAfter(h, runs);
    await new Promise((r) => setTimeout(r, 500));
    expect((await h.store()).stock['OVS-A']).toBe(1);
    await sampler.stop();
    expect(sampler.seen.length).toBeGreaterThan(10);
    expect(Math.max(...sampler.seen)).toBe(1);

    // A purchase receipt of 10: the sandbox has no purchase documents, so it is the same silent positive
    // adjustment an item journal posts (1 -> 11), found by the watcher's stock scan.
    await sandbox.control.changeItem('OVS-A', { inventory: 11 });
    expect(await bcInventoryOfA()).toBe('11');
    await h.itemChanged([itemA]);
    await eventually('the receipt of 10 to reach the store', async () =>
      (await h.store()).stock['OVS-A'] === 11 ? true : undefined,
    );
  });
});
