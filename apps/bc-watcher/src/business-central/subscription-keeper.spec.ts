import { subscriptionClientState } from '@mlc/connections';
import { registry } from '@mlc/platform-observability';
import { useMetricsClock } from '../metrics/watcher-metrics';
import { InMemoryWatchStateStore } from '../testing/in-memory-stores';
import { fakeWatch, TEST_CREDENTIALS } from '../testing/fake-resources';
import { SubscriptionKeeper } from './subscription-keeper';

const DAY = 24 * 3600_000;

function setup() {
  let now = Date.parse('2026-03-01T00:00:00Z');
  const w = fakeWatch(() => now);
  useMetricsClock(() => now);
  const state = new InMemoryWatchStateStore();
  return { ...w, state, keeper: new SubscriptionKeeper(w.deps, state), advance: (ms: number) => (now += ms) };
}

async function metric(name: string, labels: Record<string, string>): Promise<number | undefined> {
  const found = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const value = found?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return value?.value;
}

describe('SubscriptionKeeper', () => {
  it('creates items and customers subscriptions on the ingress route with the derived clientState', async () => {
    const t = setup();
    const handshakes: string[] = [];
    t.bc.subscriptions.handshake = async (url) => (handshakes.push(url), true);
    await t.keeper.check('shop-1');
    const subs = await t.bc.subscriptions.list();
    expect(subs.map((s) => s.resource).sort()).toEqual([
      `/api/v2.0/companies(${t.bc.companyId})/customers`,
      `/api/v2.0/companies(${t.bc.companyId})/items`,
    ]);
    for (const s of subs) {
      expect(s.notificationUrl).toBe('https://connector.example.com/webhooks/business-central/shop-1');
      expect(s.clientState).toBe(subscriptionClientState('shop-1', TEST_CREDENTIALS));
    }
    expect(handshakes).toHaveLength(2);
    expect(await metric('ml_connector_subscription_expiry_seconds', { connection: 'shop-1', resource: 'items' })).toBe(3 * 86_400);
  });

  it('leaves fresh subscriptions alone and renews them (with a handshake) once half their life is gone', async () => {
    const t = setup();
    await t.keeper.check('shop-1');
    const created = await t.bc.subscriptions.list();
    t.advance(DAY);
    await t.keeper.check('shop-1');
    expect(await t.bc.subscriptions.list()).toEqual(created);
    t.advance(DAY);
    await t.keeper.check('shop-1');
    const renewed = await t.bc.subscriptions.list();
    expect(renewed.map((s) => s.subscriptionId)).toEqual(created.map((s) => s.subscriptionId));
    for (const s of renewed) expect(Date.parse(s.expirationDateTime)).toBe(Date.parse('2026-03-03T00:00:00Z') + 3 * DAY);
  });

  it('recreates a subscription BC deleted, counts it and asks for a rescan of the resource', async () => {
    const t = setup();
    await t.keeper.check('shop-1');
    const items = (await t.bc.subscriptions.list()).find((s) => s.resource.endsWith('/items'))!;
    await t.bc.subscriptions.delete(items);
    const before = (await metric('ml_connector_subscription_recreated_total', { connection: 'shop-1', resource: 'items' })) ?? 0;
    await t.keeper.check('shop-1');
    expect(await t.bc.subscriptions.list()).toHaveLength(2);
    expect(await metric('ml_connector_subscription_recreated_total', { connection: 'shop-1', resource: 'items' })).toBe(before + 1);
    expect(t.sink.values('businesscentral.rescan-requested.v1')).toEqual([
      expect.objectContaining({ connectionId: 'shop-1', resource: 'items', reason: 'subscription-recreated' }),
    ]);
  });

  it('still keeps customers when the items create fails, then reports the failure', async () => {
    const t = setup();
    t.bc.bc.runtime.failNext(503, { operation: 'POST subscriptions' });
    await expect(t.keeper.check('shop-1')).rejects.toMatchObject({ code: 'OUTCOME_UNKNOWN' });
    expect((await t.bc.subscriptions.list()).map((s) => s.resource.split('/').pop())).toEqual(['customers']);
    await t.keeper.check('shop-1');
    expect(await t.bc.subscriptions.list()).toHaveLength(2);
  });
});
