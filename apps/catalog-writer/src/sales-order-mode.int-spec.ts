import { Decimal } from '@mlc/platform-money';
import { syncOrderStateV1 } from '@mlc/contracts';
import { Cleanup, eventually, SandboxProcess, startSandboxProcess } from '@mlc/testing';
import { CatalogWriterHarness } from './testing/catalog-writer-harness';
import { addProductSku, pushRuns, runsAfter } from './testing/sandbox-helpers';

const cleanup = new Cleanup();
let sandbox: SandboxProcess;
let h: CatalogWriterHarness;
let customerEmail: string;

beforeAll(async () => {
  sandbox = await startSandboxProcess();
  cleanup.add(() => sandbox.stop());
  customerEmail = (await sandbox.control.seed({ products: 0, customers: 1 })).customers[0]!;
  h = new CatalogWriterHarness(sandbox, { catalog: { coalesceWindowMs: 200 }, orders: { documentType: 'salesOrder' } });
  cleanup.add(() => h.stop());
  await h.start();
});
afterAll(() => cleanup.run());

async function pushItem(itemId: string): Promise<void> {
  const runs = await pushRuns(h);
  await h.itemChanged([itemId]);
  await runsAfter(h, runs);
  await new Promise((r) => setTimeout(r, 400)); // the store applies adjustments asynchronously
}

describe('sales-order mode: committed stock is what BC has not shipped yet', () => {
  it('releases an order BC shipped and invoiced without an event saying so', async () => {
    const { itemId } = await addProductSku(h, 'SO-A', '5.00', 6);
    await pushItem(itemId);
    expect((await h.store()).stock['SO-A']).toBe(6);

    const placed = await sandbox.control.placeOrder({ guest: true, lines: [{ sku: 'SO-A', quantity: 2 }] });
    const bc = await h.runtime.ctx.clients.businessCentral(h.connectionId);
    const [customer] = await bc.customers.findByEmail(customerEmail);
    const order = await bc.salesOrders.create({
      customerId: customer!.id,
      externalDocumentNumber: `BC-${placed.id}`,
      lines: [{ itemId, quantity: Decimal.from(2) }],
    });
    await h.publish(syncOrderStateV1, [
      {
        connectionId: h.connectionId,
        orderId: placed.id,
        state: 'DOCUMENT_CREATED',
        documentType: 'salesOrder',
        bcDocumentId: order.id,
        lines: [{ sku: 'SO-A', quantity: '2' }],
        sequence: 1,
        settingsVersion: 1,
        occurredAt: new Date().toISOString(),
      },
    ]);
    await eventually('the order to commit stock', async () => {
      const rows = (await h.runtime.ctx.db.query(`select count(*)::int as n from committed_orders where connection_id = $1`, [
        h.connectionId,
      ])) as Array<{ n: number }>;
      return rows[0]?.n === 1 ? true : undefined;
    });

    await sandbox.control.changeItem('SO-A', { unitPrice: '5.50' });
    await pushItem(itemId);
    expect((await h.store()).stock['SO-A']).toBe(4);
    expect((await h.store()).prices['SO-A']).toBe('5.50');

    await bc.salesOrders.shipAndInvoice(order.id);
    await pushItem(itemId);
    expect((await h.store()).stock['SO-A']).toBe(4);

    await sandbox.control.changeItem('SO-A', { inventory: 14 });
    await pushItem(itemId);
    expect((await h.store()).stock['SO-A']).toBe(14);
  });
});
