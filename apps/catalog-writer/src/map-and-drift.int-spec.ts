import { bigcommerceCatalogSignalV1, syncOrderStateV1 } from '@mlc/contracts';
import { registry } from '@mlc/platform-observability';
import { Cleanup, eventually, SandboxProcess, startSandboxProcess } from '@mlc/testing';
import { BcPath } from '@mlc/business-central';
import { z } from 'zod';
import { ADMIN_TOKEN, CatalogWriterHarness } from './testing/catalog-writer-harness';
import { addProductSku, pushRuns, runsAfter } from './testing/sandbox-helpers';

const cleanup = new Cleanup();
let sandbox: SandboxProcess;
let h: CatalogWriterHarness;
const items = new Map<string, string>();

beforeAll(async () => {
  sandbox = await startSandboxProcess();
  cleanup.add(() => sandbox.stop());
  await sandbox.control.seed({ products: 0, customers: 1 });
  h = new CatalogWriterHarness(sandbox, {
    catalog: { coalesceWindowMs: 1500, driftAlarmThreshold: 2, driftCorrectionQuietMs: 1000 },
  });
  cleanup.add(() => h.stop());
  await h.start();
  for (const [sku, price, stock] of [['D-1', '10.00', 5], ['D-2', '6.00', 8]] as const) {
    items.set(sku, (await addProductSku(h, sku, price, stock)).itemId);
  }
  const runs = await pushRuns(h);
  await h.itemChanged([...items.values()]);
  await runsAfter(h, runs);
});
afterAll(() => cleanup.run());

async function metric(name: string): Promise<number | undefined> {
  const text = await registry.getSingleMetricAsString(name);
  const line = text.split('\n').find((l) => l.includes(`connection="${h.connectionId}"`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('SKU map refresh, drift and restarts', () => {
  it('skips and counts SKUs it cannot push, without failing the others', async () => {
    const bc = await h.runtime.ctx.clients.businessCentral(h.connectionId);
    const item = (number: string, type = 'Inventory') =>
      bc.client.create(BcPath.collection('items'), { number, displayName: number, type, unitPrice: 2 }, z.object({ id: z.string() }));
    const product = (sku: string, inventoryTracking = 'product') =>
      sandbox.control.request('POST', '/bigcommerce/products', { name: sku, sku, price: '2.00', inventoryTracking });
    await product('SK-NONE', 'none');
    await item('SK-NONE');
    await product('SK-SERVICE');
    await item('SK-SERVICE', 'Service');
    await product('SK-BLOCKED');
    await item('SK-BLOCKED');
    await sandbox.control.request('POST', '/business-central/items/SK-BLOCKED', { blocked: true });
    await product('SK-STORE-ONLY');
    await item('SK-BC-ONLY');

    const res = await fetch(`${h.url}/admin/connections/${h.connectionId}/backfill-catalog?dryRun=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const summary = JSON.parse((await res.text()).trim().split('\n').at(-1)!) as {
      type: string;
      map: Record<string, number>;
    };
    expect(summary.type).toBe('summary');
    expect(summary.map).toMatchObject({
      mapped: 2,
      'store-not-tracked': 1,
      'bc-service-item': 1,
      'bc-blocked': 1,
      'missing-in-bc': 1,
      'missing-in-store': 1,
    });
  });

  it('gives a product created in the store its BC price and stock after its catalog signal', async () => {
    const created = await addProductSku(h, 'NEW-1', '8.80', 4, { price: '1.00', stock: 0 });
    await h.publish(bigcommerceCatalogSignalV1, [
      {
        connectionId: h.connectionId,
        productId: created.productId,
        scope: 'store/product/created',
        source: 'webhook',
        occurredAt: new Date().toISOString(),
      },
    ]);
    await eventually('NEW-1 to get its BC price and stock', async () => {
      const store = await h.store();
      return store.prices['NEW-1'] === '8.80' && store.stock['NEW-1'] === 4 ? true : undefined;
    });
  });

  it('measures and alarms drift, corrects it where no order is in flight and leaves it where one is', async () => {
    await sandbox.control.request('PATCH', '/bigcommerce/skus/D-1', { stock: 42 });
    await sandbox.control.placeOrder({ guest: true, lines: [{ sku: 'D-2', quantity: 1 }] });
    await h.publish(syncOrderStateV1, [
      {
        connectionId: h.connectionId,
        orderId: 501,
        state: 'RECEIVED',
        documentType: 'salesInvoice',
        lines: [{ sku: 'D-2', quantity: '1' }],
        sequence: 1,
        settingsVersion: 1,
        occurredAt: new Date().toISOString(),
      },
    ]);
    await sandbox.control.request('PATCH', '/bigcommerce/skus/D-2', { stock: 20 });
    await new Promise((r) => setTimeout(r, 2500)); // past the harness's settle time for the last adjustments

    await h.runtime.components.drift.checkConnection(h.connectionId);
    await new Promise((r) => setTimeout(r, 500)); // the store applies the correction asynchronously

    const store = await h.store();
    expect(store.stock['D-1']).toBe(5);
    expect(store.stock['D-2']).toBe(20);
    const rows = (await h.runtime.ctx.db.query(
      `select sku, drift, alarm, corrected, not_corrected_because from stock_drift where connection_id = $1 order by sku`,
      [h.connectionId],
    )) as Array<Record<string, unknown>>;
    expect(rows.filter((r) => r.drift !== 0)).toEqual([
      { sku: 'D-1', drift: 37, alarm: true, corrected: true, not_corrected_because: null },
      { sku: 'D-2', drift: 13, alarm: true, corrected: false, not_corrected_because: 'order-in-flight' },
    ]);
    expect(await metric('ml_connector_stock_drift_skus')).toBe(1);
    expect(await metric('ml_connector_stock_drift_units')).toBe(13);
  });

  it('pushes a signal consumed before a restart once the new process is up', async () => {
    await sandbox.control.changeItem('D-1', { unitPrice: '11.11' });
    await h.itemChanged([items.get('D-1')!]);
    await eventually('the signal to be pending', async () => {
      const rows = (await h.runtime.ctx.db.query(
        `select count(*)::int as n from pending_signals where connection_id = $1`,
        [h.connectionId],
      )) as Array<{ n: number }>;
      return rows[0]?.n === 1 ? true : undefined;
    });
    const restartedAt = new Date();
    await h.restart();
    await eventually('the price to land after the restart', async () =>
      (await h.store()).prices['D-1'] === '11.11' ? true : undefined,
    );
    const runs = (await h.runtime.ctx.db.query(
      `select count(*)::int as n from push_runs where connection_id = $1 and started_at > $2`,
      [h.connectionId, restartedAt],
    )) as Array<{ n: number }>;
    expect(runs[0]?.n).toBeGreaterThanOrEqual(1);
  });
});
