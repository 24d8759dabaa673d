import type { BusinessCentral } from '@mlc/business-central';
import { bigcommerceOrderSignalV1, businesscentralItemChangedV1, businesscentralRescanRequestedV1 } from '@mlc/contracts';
import { DataSource, openDatabase } from '@mlc/platform-persistence';
import { eventually, SandboxProcess, stackEnv, startSandboxProcess, uniqueName } from '@mlc/testing';
import { WATCHER_MIGRATIONS, WATCHER_SCHEMA } from './persistence/watcher.migrations';
import { HOOK_SCOPES } from './bigcommerce/hook-plan';
import { sandboxBigCommerce, sandboxBusinessCentral } from './testing/sandbox-clients';
import { TopicRecorder } from './testing/topic-recorder';
import { spawnService, spawnWatcher, watcherEnv, WatcherProcess } from './testing/watcher-harness';

/*
 * The watcher with the real ingress (both compiled, as processes): the subscriptions' handshakes are answered by
 * ingress, and what BigCommerce and BC then deliver passes ingress's verification of the secrets the watcher derived.
 */
describe('bc-watcher with the real ingress (sandbox)', () => {
  let sandbox: SandboxProcess;
  let recorder: TopicRecorder;
  let bc: BusinessCentral;
  let ingress: WatcherProcess;
  let watcher: WatcherProcess;
  let skus: string[];
  let db: DataSource;
  const connectionId = uniqueName('wing');

  beforeAll(async () => {
    sandbox = await startSandboxProcess();
    skus = (await sandbox.control.seed({ products: 10, customers: 2 })).skus;
    // More than three changes of a set within one delay window arrive as one `collection` notification.
    await sandbox.control.request('POST', '/business-central/settings', { notificationDelayMs: 300, collectionThreshold: 3 });
    bc = await sandboxBusinessCentral(sandbox);
    recorder = await new TopicRecorder(
      [bigcommerceOrderSignalV1, businesscentralItemChangedV1, businesscentralRescanRequestedV1],
      connectionId,
    ).start();
    db = await openDatabase({ url: stackEnv.DATABASE_URL, schema: WATCHER_SCHEMA, migrations: WATCHER_MIGRATIONS, poolSize: 1 });
    const env = watcherEnv(sandbox.env, connectionId, { BC_COMPANY_ID: bc.client.companyId!, WATCH_INTERVAL_MS: '600000' });
    ingress = await spawnService('ingress', env);
    watcher = await spawnWatcher({ ...env, PUBLIC_BASE_URL: ingress.url });
  });

  afterAll(async () => {
    await watcher?.stop();
    await ingress?.stop();
    await recorder?.stop();
    await db?.destroy();
    await bc?.close();
    await sandbox?.stop();
  });

  it('creates the subscriptions through ingress handshakes, and BC notifications pass ingress clientState checks', async () => {
    const route = `${ingress.url}/webhooks/business-central/${connectionId}`;
    await eventually('both subscriptions on the ingress route', async () => {
      const subs = (await bc.subscriptions.list()).filter((s) => s.notificationUrl === route);
      return subs.length === 2 ? subs : undefined;
    });
    await sandbox.control.changeItem(skus[0]!, { unitPrice: '42.00' });
    const id = (await bc.items.byNumber(skus[0]!))!.id;
    await eventually('the notification, published by ingress', () =>
      recorder.values(businesscentralItemChangedV1.name, { itemId: id, source: 'notification' })[0],
    );
  });

  it('creates the hooks with the secret header that ingress verifies', async () => {
    const destination = `${ingress.url}/webhooks/bigcommerce/${connectionId}`;
    await eventually('all hooks on the ingress route', async () => {
      const hooks = (await sandboxBigCommerce(sandbox).listHooks()).filter((h) => h.destination === destination);
      return hooks.length === HOOK_SCOPES.length ? hooks : undefined;
    });
    const { id } = await sandbox.control.placeOrder({ guest: true, lines: [{ sku: skus[1]!, quantity: 1 }] });
    await eventually('the order webhook, published by ingress', () =>
      recorder.values(bigcommerceOrderSignalV1.name, { orderId: id, source: 'webhook' })[0],
    );
  });

  it('turns a collection notification into a rescan through ingress, and the scan reports the changed items', async () => {
    await eventually('the baseline scan', async () => {
      const rows: unknown[] = await db.query(`select 1 from scans where connection_id = $1`, [connectionId]);
      return rows.length > 0 ? true : undefined;
    });
    const numbers = skus.slice(2, 6);
    for (const number of numbers) await sandbox.control.changeItem(number, { unitPrice: '31.50' });
    await eventually('the rescan request, published by ingress', () =>
      recorder.values(businesscentralRescanRequestedV1.name, { resource: 'items', reason: 'collection-notification' })[0],
    );
    const ids = await Promise.all(numbers.map(async (n) => (await bc.items.byNumber(n))?.id));
    await eventually('scan events for the four items', () => {
      const found = ids.map((id) => recorder.values(businesscentralItemChangedV1.name, { itemId: id, source: 'scan', changeType: 'updated' })[0]);
      return found.every(Boolean) ? found : undefined;
    });
  });
});
