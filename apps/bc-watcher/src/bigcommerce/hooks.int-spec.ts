import { HOOK_SECRET_HEADER, hookSecret } from '@mlc/connections';
import { bigcommerceOrderSignalV1 } from '@mlc/contracts';
import { registry } from '@mlc/platform-observability';
import { eventually, SandboxProcess, startSandboxProcess, uniqueName } from '@mlc/testing';
import { LoopbackReceiver } from '../testing/loopback-receiver';
import { sandboxBigCommerce } from '../testing/sandbox-clients';
import { TopicRecorder } from '../testing/topic-recorder';
import { InProcessWatcher, registeredCredentials, startWatcher, watcherEnv } from '../testing/watcher-harness';
import { HOOK_SCOPES } from './hook-plan';

const SIGNAL = bigcommerceOrderSignalV1.name;

async function reactivations(connection: string): Promise<number> {
  const found = (await registry.getMetricsAsJSON()).find((m) => m.name === 'ml_connector_hook_reactivated_total');
  return (found?.values ?? []).filter((v) => v.labels.connection === connection).reduce((sum, v) => sum + v.value, 0);
}

/*
 * SANDBOX_TIME_SCALE shrinks BigCommerce's ~48-hour retry schedule to a few seconds, so a hook whose deliveries keep
 * failing is deactivated during the test, as the real store does.
 */
describe('bc-watcher keeps BigCommerce hooks (sandbox)', () => {
  let sandbox: SandboxProcess;
  let receiver: LoopbackReceiver;
  let recorder: TopicRecorder;
  let watcher: InProcessWatcher;
  let env: Record<string, string>;
  let skus: string[];
  const connectionId = uniqueName('whook');
  const destination = () => `${receiver.baseUrl}/webhooks/bigcommerce/${connectionId}`;
  const store = () => sandboxBigCommerce(sandbox);

  beforeAll(async () => {
    sandbox = await startSandboxProcess({ SANDBOX_TIME_SCALE: '50000' });
    skus = (await sandbox.control.seed({ products: 10, customers: 3 })).skus;
    receiver = await new LoopbackReceiver().start();
    recorder = await new TopicRecorder([bigcommerceOrderSignalV1], connectionId).start();
    env = watcherEnv(sandbox.env, connectionId, {
      PUBLIC_BASE_URL: receiver.baseUrl,
      WATCH_INTERVAL_MS: '600000',
      WATCH_HEALTH_INTERVAL_MS: '500',
      WATCH_TICK_MS: '100',
    });
    watcher = await startWatcher(env);
  });

  afterAll(async () => {
    await watcher?.close();
    await recorder?.stop();
    await receiver?.stop();
    await sandbox?.stop();
  });

  it('creates an active hook per scope on the ingress route, and deliveries carry the derived secret header', async () => {
    const hooks = await eventually('all hooks', async () => {
      const listed = (await store().listHooks()).filter((h) => h.destination === destination());
      return listed.length === HOOK_SCOPES.length ? listed : undefined;
    });
    expect(hooks.every((h) => h.is_active)).toBe(true);
    expect(hooks.map((h) => h.scope).sort()).toEqual([...HOOK_SCOPES].sort());

    const { id } = await sandbox.control.placeOrder({ guest: true, lines: [{ sku: skus[0]!, quantity: 1 }] });
    const delivery = await eventually('the order/created delivery', () =>
      receiver.deliveries.find((d) => (d.body as { scope?: string; data?: { id?: number } }).data?.id === id),
    );
    const creds = await registeredCredentials(env, connectionId);
    expect(delivery.headers[HOOK_SECRET_HEADER]).toBe(hookSecret(connectionId, creds));
  });

  it('reactivates a hook BigCommerce deactivated after failed deliveries, and the catch-up poll fills the gap', async () => {
    await sandbox.control.fault({ system: 'bigcommerce-webhooks', status: 500 });
    const before = await reactivations(connectionId);
    const { id } = await sandbox.control.placeOrder({ guest: true, lines: [{ sku: skus[1]!, quantity: 1 }] });
    await eventually('a reactivation', async () => ((await reactivations(connectionId)) > before ? true : undefined), 60_000);
    await sandbox.control.clearFaults();

    const signal = await eventually('the missed order, from the catch-up poll', () =>
      recorder.matching(SIGNAL, { orderId: id, source: 'poll' })[0],
    );
    expect(signal.value).toMatchObject({ connectionId, kind: 'order' });
    const hooks = await eventually('every hook active again', async () => {
      const listed = (await store().listHooks()).filter((h) => h.destination === destination());
      return listed.every((h) => h.is_active) ? listed : undefined;
    });
    expect(hooks).toHaveLength(HOOK_SCOPES.length);
    const deliveredAfter = receiver.deliveries.filter((d) => (d.body as { data?: { id?: number } }).data?.id === id);
    expect(deliveredAfter).toEqual([]);
  });
});
