import type { BusinessCentral } from '@mlc/business-central';
import { subscriptionClientState } from '@mlc/connections';
import { businesscentralItemChangedV1, businesscentralRescanRequestedV1 } from '@mlc/contracts';
import { EventProducer, SchemaSerde } from '@mlc/platform-kafka';
import { registry } from '@mlc/platform-observability';
import { eventually, SandboxProcess, stackEnv, startSandboxProcess, testKafka, uniqueName } from '@mlc/testing';
import { LoopbackReceiver } from '../testing/loopback-receiver';
import { advanceSandboxClock, sandboxBusinessCentral } from '../testing/sandbox-clients';
import { TopicRecorder } from '../testing/topic-recorder';
import { InProcessWatcher, registeredCredentials, startWatcher, watcherEnv } from '../testing/watcher-harness';

const DAY = 24 * 3600_000;
const ITEM_CHANGED = businesscentralItemChangedV1.name;
const RESCAN = businesscentralRescanRequestedV1.name;

async function metric(name: string, labels: Record<string, string>): Promise<number | undefined> {
  const found = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  return found?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
}

describe('bc-watcher keeps BC subscriptions (sandbox, sandbox clock)', () => {
  let sandbox: SandboxProcess;
  let receiver: LoopbackReceiver;
  let recorder: TopicRecorder;
  let watcher: InProcessWatcher;
  let bc: BusinessCentral;
  let producer: EventProducer;
  let env: Record<string, string>;
  let offset = 0;
  const connectionId = uniqueName('wsub');
  const route = `/webhooks/business-central/${connectionId}`;
  const ours = async () => (await bc.subscriptions.list()).filter((s) => s.notificationUrl.endsWith(route));
  const itemId = async (number: string) => (await bc.items.byNumber(number))!.id;

  beforeAll(async () => {
    sandbox = await startSandboxProcess();
    await sandbox.control.seed({ products: 12, customers: 3 });
    await sandbox.control.request('POST', '/business-central/settings', { notificationDelayMs: 300, collectionThreshold: 3 });
    receiver = await new LoopbackReceiver().start();
    recorder = await new TopicRecorder([businesscentralItemChangedV1, businesscentralRescanRequestedV1], connectionId).start();
    producer = new EventProducer(testKafka(), new SchemaSerde(stackEnv.SCHEMA_REGISTRY_URL));
    env = watcherEnv(sandbox.env, connectionId, {
      PUBLIC_BASE_URL: receiver.baseUrl,
      WATCH_INTERVAL_MS: '600000',
      WATCH_HEALTH_INTERVAL_MS: '500',
      WATCH_TICK_MS: '100',
    });
    watcher = await startWatcher(env, { now: () => Date.now() + offset });
    bc = await sandboxBusinessCentral(sandbox);
  });

  afterAll(async () => {
    await watcher?.close();
    await recorder?.stop();
    await producer?.disconnect().catch(() => undefined);
    await bc?.close();
    await receiver?.stop();
    await sandbox?.stop();
  });

  it('creates one subscription per resource on the ingress route, each after a validation handshake', async () => {
    const subs = await eventually('two subscriptions', async () => ((await ours()).length === 2 ? ours() : undefined));
    expect(subs.map((s) => s.resource.split('/').pop()).sort()).toEqual(['customers', 'items']);
    const creds = await registeredCredentials(env, connectionId);
    for (const s of subs) expect(s.clientState).toBe(subscriptionClientState(connectionId, creds));
    expect(receiver.handshakes.filter((h) => h.path === route).length).toBeGreaterThanOrEqual(2);
    const expiry = await eventually('expiry metric', () => metric('ml_connector_subscription_expiry_seconds', { connection: connectionId, resource: 'items' }));
    expect(expiry).toBeGreaterThan(2.9 * 86_400);
  });

  it('renews well before the three days run out on the sandbox clock, repeating the handshake', async () => {
    const before = await ours();
    const handshakes = receiver.handshakes.length;
    offset = await advanceSandboxClock(sandbox, 2 * DAY + 3600_000);
    const renewed = await eventually('renewed subscriptions', async () => {
      const now = await ours();
      const later = now.filter((s) => Date.parse(s.expirationDateTime) > Date.parse(before[0]!.expirationDateTime) + DAY);
      return later.length === 2 ? now : undefined;
    });
    expect(renewed.map((s) => s.subscriptionId).sort()).toEqual(before.map((s) => s.subscriptionId).sort());
    expect(receiver.handshakes.length).toBeGreaterThanOrEqual(handshakes + 2);
    const sandboxNow = Date.now() + offset;
    for (const s of renewed) expect(Date.parse(s.expirationDateTime) - sandboxNow).toBeGreaterThan(2.9 * DAY);
  });

  it('recreates the subscriptions BC deleted after a 4xx answer, and rescans what changed meanwhile', async () => {
    const before = (await ours()).map((s) => s.subscriptionId);
    receiver.notificationStatus = 404;
    await sandbox.control.changeItem('SKU-00001', { unitPrice: '77.00' });
    await eventually('the rejected notification', () => (receiver.notifications.length > 0 ? true : undefined));
    receiver.notificationStatus = 202;
    const recreated = await eventually('recreated subscriptions', async () => {
      const now = await ours();
      return now.length === 2 && now.every((s) => !before.includes(s.subscriptionId)) ? now : undefined;
    });
    expect(recreated).toHaveLength(2);
    for (const resource of ['items', 'customers']) {
      expect(await metric('ml_connector_subscription_recreated_total', { connection: connectionId, resource })).toBeGreaterThanOrEqual(1);
      await eventually(`rescan request for ${resource}`, () =>
        recorder.values(RESCAN, { resource, reason: 'subscription-recreated' })[0],
      );
    }
    const id = await itemId('SKU-00001');
    await eventually('the changed item, rescanned', () => recorder.values(ITEM_CHANGED, { itemId: id })[0]);
  });

  it('rescans at once when a collection notification is turned into a rescan request', async () => {
    const numbers = ['SKU-00002', 'SKU-00003', 'SKU-00004', 'SKU-00005'];
    for (const n of numbers) await sandbox.control.changeItem(n, { unitPrice: '55.55' });
    await eventually('a collection notification', () =>
      receiver.notificationEntries().find((e) => e.changeType === 'collection' && e.resource.includes('/items')),
    );
    const requestedAt = Date.now();
    await producer.publish(businesscentralRescanRequestedV1, {
      connectionId,
      resource: 'items',
      reason: 'collection-notification',
      occurredAt: new Date().toISOString(),
    });
    const ids = await Promise.all(numbers.map(itemId));
    const seen = await eventually('scan events for the four items', () => {
      const found = ids.map((id) => recorder.matching(ITEM_CHANGED, { itemId: id, source: 'scan', changeType: 'updated' })[0]);
      return found.every(Boolean) ? found : undefined;
    });
    for (const r of seen) expect(r!.at - requestedAt).toBeLessThan(15_000);
  });
});
