import { Cleanup, eventually, PrivateKafka } from '@mlc/testing';
import { credentialsFor, Delivery, delivery, post } from './testing/deliveries';
import { IngressHarness, TestConnection } from './testing/ingress-harness';
import { TopicTap } from './testing/topic-tap';

/*
 * The broker stops mid-run and comes back. This spec owns its broker (a private single-node Kafka on its own ports and
 * data directory), so stopping it never disturbs the shared broker other specs use; afterAll always stops and removes
 * it, whatever happened.
 */
const ORDERS = 'bigcommerce.order-signal.v1';
const AUDIT = 'bigcommerce.webhook-received.v1';

const cleanup = new Cleanup();
let broker: PrivateKafka;
let ingress: IngressHarness;
let tap: TopicTap;
let conn: TestConnection;

beforeAll(async () => {
  broker = await PrivateKafka.start({ dirPrefix: 'ingress-kafka-' });
  cleanup.add(() => broker.destroy());
  ingress = await IngressHarness.start({
    KAFKA_BROKERS: broker.brokers,
    PUBLISH_TIMEOUT_MS: '2000',
    RETRY_AFTER_SECONDS: '60',
  });
  cleanup.add(() => ingress.close());
  tap = await ingress.tap(broker.client('ingress-outage-tap'));
  cleanup.add(() => tap.stop());
  conn = await ingress.addConnection();
}, 400_000);
afterAll(() => cleanup.run(), 120_000);

const url = () => `${ingress.baseUrl}/webhooks/bigcommerce/${conn.id}`;

/** BigCommerce's retry of a delivery: same webhook-id and body, a new timestamp and signature. */
function retryOf(d: Delivery): Delivery {
  const webhookId = d.headers['webhook-id'] ?? '';
  return {
    body: d.body,
    headers: { 'content-type': 'application/json', ...credentialsFor(conn, d.body, { webhookId }) },
  };
}

const order = (id: number) =>
  delivery(conn, 'store/order/created', { type: 'order', id }, { webhookId: `msg_outage_${id}` });

describe('ingress when the broker stops mid-run', () => {
  it('answers 503 with Retry-After while it is down, and publishes every retried delivery exactly once after', async () => {
    const before = [1, 2, 3].map(order);
    for (const d of before) expect((await post(url(), d)).status).toBe(200);
    await tap.waitFor(conn.id, 3, ORDERS);

    await broker.stop();
    const during = [11, 12, 13, 14, 15, 16, 17, 18].map(order);
    for (const d of during) {
      const res = await post(url(), d);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('60');
      expect(res.json).toEqual({ error: 'unavailable' });
    }
    expect(await ingress.metric('ml_connector_webhooks_total', { connection: conn.id, outcome: 'unavailable' })).toBe(
      8,
    );

    await broker.resume();
    // BigCommerce retries each failed delivery later; until the producer has recovered a retry may get 503 again.
    for (const d of during) {
      await eventually(
        'the retried delivery to be acknowledged',
        async () => ((await post(url(), retryOf(d))).status === 200 ? true : undefined),
        60_000,
      );
    }
    const after = [21, 22].map(order);
    for (const d of after) expect((await post(url(), d)).status).toBe(200);

    await tap.waitFor(conn.id, 3 + 8 + 2, ORDERS, 60_000);
    await tap.caughtUp(60_000);
    const orderIds = tap.forConnection(conn.id, ORDERS).map((r) => r.value['orderId']);
    expect([...orderIds].sort((a, b) => Number(a) - Number(b))).toEqual([
      1, 2, 3, 11, 12, 13, 14, 15, 16, 17, 18, 21, 22,
    ]);
    const firstCopies = tap.forConnection(conn.id, AUDIT).filter((r) => r.value['duplicate'] === false);
    expect(firstCopies).toHaveLength(13);
  }, 400_000);
});
