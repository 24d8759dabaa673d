import { BcPath, BusinessCentral } from '@mlc/business-central';
import { bigcommerceOrderSignalV1, businesscentralItemChangedV1 } from '@mlc/contracts';
import { z } from 'zod';
import { eventually, SandboxProcess, startSandboxProcess, uniqueName } from '@mlc/testing';
import { LoopbackReceiver } from '../testing/loopback-receiver';
import { sandboxBusinessCentral } from '../testing/sandbox-clients';
import { TopicRecorder } from '../testing/topic-recorder';
import type { JobName } from '../scheduling/job-clock';
import { InProcessWatcher, startWatcher, watcherEnv } from '../testing/watcher-harness';

const INTERVAL_MS = 2000;
/** One interval, plus the poll itself and the Kafka round trip to the test's consumer. */
const WITHIN_MS = INTERVAL_MS + 3000;
const SIGNAL = bigcommerceOrderSignalV1.name;
const ITEM_CHANGED = businesscentralItemChangedV1.name;

describe('bc-watcher as the safety net: every webhook and notification dropped (sandbox faults)', () => {
  let sandbox: SandboxProcess;
  let receiver: LoopbackReceiver;
  let recorder: TopicRecorder;
  let watcher: InProcessWatcher;
  let bc: BusinessCentral;
  let skus: string[];
  const connectionId = uniqueName('wnet');
  const started = new Set<JobName>();
  const itemId = async (number: string) => (await bc.items.byNumber(number))!.id;

  beforeAll(async () => {
    sandbox = await startSandboxProcess();
    skus = (await sandbox.control.seed({ products: 20, customers: 3 })).skus;
    await sandbox.control.fault({ system: 'bigcommerce-webhooks', drop: true });
    await sandbox.control.fault({ system: 'business-central-notifications', drop: true });
    await sandbox.control.request('POST', '/business-central/settings', { notificationDelayMs: 200 });
    receiver = await new LoopbackReceiver().start();
    recorder = await new TopicRecorder([bigcommerceOrderSignalV1, businesscentralItemChangedV1], connectionId).start();
    watcher = await startWatcher(
      watcherEnv(sandbox.env, connectionId, {
        PUBLIC_BASE_URL: receiver.baseUrl,
        WATCH_INTERVAL_MS: String(INTERVAL_MS),
        WATCH_TICK_MS: '100',
      }),
      {
        onJob: (r) => {
          if (r.ok && r.connectionId === connectionId) started.add(r.job);
        },
      },
    );
    bc = await sandboxBusinessCentral(sandbox);
    // Streams start at their first poll and the scan's first run is the silent baseline: changes come after both.
    await eventually('the first polls and the baseline scan', () =>
      (['poll-orders', 'poll-items', 'scan'] as const).every((job) => started.has(job)) ? true : undefined,
    );
  });

  afterAll(async () => {
    await watcher?.close();
    await recorder?.stop();
    await bc?.close();
    await receiver?.stop();
    await sandbox?.stop();
  });

  it('delivers every order within one poll interval', async () => {
    const placed: Array<{ id: number; at: number }> = [];
    for (let i = 0; i < 6; i += 1) {
      const { id } = await sandbox.control.placeOrder({ guest: true, lines: [{ sku: skus[i]!, quantity: 1 }] });
      placed.push({ id, at: Date.now() });
      await new Promise((r) => setTimeout(r, 300));
    }
    for (const order of placed) {
      const signal = await eventually(
        `order ${order.id}`,
        () => recorder.matching(SIGNAL, { orderId: order.id, source: 'poll' })[0],
      );
      expect(signal.at - order.at).toBeLessThanOrEqual(WITHIN_MS);
    }
    expect(receiver.deliveries).toEqual([]);
  });

  it('delivers every price change within one poll interval', async () => {
    const changed: Array<{ id: string; at: number }> = [];
    for (const number of skus.slice(6, 10)) {
      await sandbox.control.changeItem(number, { unitPrice: '123.45' });
      changed.push({ id: await itemId(number), at: Date.now() });
    }
    for (const change of changed) {
      const event = await eventually(`item ${change.id}`, () =>
        recorder.matching(ITEM_CHANGED, { itemId: change.id, changeType: 'updated' }).find((r) => r.at >= change.at),
      );
      expect(event.at - change.at).toBeLessThanOrEqual(WITHIN_MS);
    }
    expect(receiver.notifications).toEqual([]);
  });

  it('delivers silent stock movements through the scan, as stock changes', async () => {
    const moved: Array<{ id: string; at: number }> = [];
    for (const [i, number] of skus.slice(10, 13).entries()) {
      await sandbox.control.changeItem(number, { inventory: 500 + i });
      moved.push({ id: await itemId(number), at: Date.now() });
    }
    for (const move of moved) {
      const event = await eventually(
        `stock of ${move.id}`,
        () => recorder.matching(ITEM_CHANGED, { itemId: move.id, changeType: 'stock', source: 'scan' })[0],
      );
      expect(event.at - move.at).toBeLessThanOrEqual(WITHIN_MS);
    }
    await new Promise((r) => setTimeout(r, INTERVAL_MS));
    // A stock movement leaves lastModifiedDateTime alone: the delta poll cannot see it.
    for (const move of moved) {
      expect(
        recorder.matching(ITEM_CHANGED, { itemId: move.id, source: 'poll' }).filter((r) => r.at >= move.at),
      ).toEqual([]);
    }
  });

  it('reports an item deleted in BC (its notification dropped) through the scan, once', async () => {
    // Seeded items have ledger entries, which BC refuses to delete: a new item without any.
    const number = `WDEL-${Date.now() % 100_000}`;
    const { id } = await bc.client.create(
      BcPath.collection('items'),
      { number, displayName: 'Deleted later', type: 'Inventory', unitPrice: 5 },
      z.object({ id: z.string() }),
    );
    await eventually(
      `the new item ${id} in a scan`,
      () => recorder.matching(ITEM_CHANGED, { itemId: id, source: 'scan', changeType: 'updated' })[0],
    );
    const item = await bc.items.byNumber(number);
    expect(item?.etag).toBeDefined();
    await bc.client.delete(BcPath.entity('items', id), item?.etag ?? '');
    const deletedAt = Date.now();
    const event = await eventually(
      `deletion of ${id}`,
      () => recorder.matching(ITEM_CHANGED, { itemId: id, changeType: 'deleted', source: 'scan' })[0],
    );
    expect(event.at - deletedAt).toBeLessThanOrEqual(WITHIN_MS);
    await new Promise((r) => setTimeout(r, 2 * INTERVAL_MS));
    expect(recorder.matching(ITEM_CHANGED, { itemId: id, changeType: 'deleted' })).toHaveLength(1);
    expect(receiver.notifications).toEqual([]);
  });
});
