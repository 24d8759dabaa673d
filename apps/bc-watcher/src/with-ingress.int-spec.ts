import type { BusinessCentral } from '@mlc/business-central';
import { bigcommerceOrderSignalV1, businesscentralItemChangedV1 } from '@mlc/contracts';
import { eventually, SandboxProcess, startSandboxProcess, uniqueName } from '@mlc/testing';
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
  const connectionId = uniqueName('wing');

  beforeAll(async () => {
    sandbox = await startSandboxProcess();
    skus = (await sandbox.control.seed({ products: 10, customers: 2 })).skus;
    await sandbox.control.request('POST', '/business-central/settings', { notificationDelayMs: 300 });
    bc = await sandboxBusinessCentral(sandbox);
    recorder = await new TopicRecorder([bigcommerceOrderSignalV1, businesscentralItemChangedV1], connectionId).start();
    const env = watcherEnv(sandbox.env, connectionId, { BC_COMPANY_ID: bc.client.companyId!, WATCH_INTERVAL_MS: '600000' });
    ingress = await spawnService('ingress', env);
    watcher = await spawnWatcher({ ...env, PUBLIC_BASE_URL: ingress.url });
  });

  afterAll(async () => {
    await watcher?.stop();
    await ingress?.stop();
    await recorder?.stop();
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
});
