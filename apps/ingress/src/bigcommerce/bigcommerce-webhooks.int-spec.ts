import { Cleanup } from '@mlc/testing';
import { credentialsFor, Delivery, delivery, post } from '../testing/deliveries';
import { IngressHarness, TestConnection } from '../testing/ingress-harness';
import { TopicTap } from '../testing/topic-tap';

const AUDIT = 'bigcommerce.webhook-received.v1';
const ORDERS = 'bigcommerce.order-signal.v1';
const CATALOG = 'bigcommerce.catalog-signal.v1';

const cleanup = new Cleanup();
let ingress: IngressHarness;
let tap: TopicTap;
let url: (conn: TestConnection) => string;

beforeAll(async () => {
  ingress = await IngressHarness.start();
  cleanup.add(() => ingress.close());
  tap = await ingress.tap();
  cleanup.add(() => tap.stop());
  url = (conn) => `${ingress.baseUrl}/webhooks/bigcommerce/${conn.id}`;
});
afterAll(() => cleanup.run());

describe('BigCommerce webhooks: the good path of each scheme', () => {
  it.each(['custom-header', 'standard-webhooks', 'x-bc-signature'] as const)(
    '%s: the delivery appears once on the order topic, keyed by order, with its audit record',
    async (scheme) => {
      const conn = await ingress.addConnection([scheme]);
      const d = delivery(conn, 'store/order/created', { type: 'order', id: 250 }, { scheme });
      const res = await post(url(conn), d);
      expect(res.status).toBe(200);
      expect(res.json).toBeUndefined();
      const [signal] = await tap.waitFor(conn.id, 1, ORDERS);
      expect(signal).toMatchObject({
        key: `${conn.id}:250`,
        schemaId: await tap.schemaIdOf(ORDERS),
        value: { connectionId: conn.id, orderId: 250, kind: 'order', scope: 'store/order/created', source: 'webhook' },
      });
      await tap.caughtUp();
      expect(tap.forConnection(conn.id, ORDERS)).toHaveLength(1);
      const audit = tap.forConnection(conn.id, AUDIT);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        key: `${conn.id}:store/order/created:250`,
        schemaId: await tap.schemaIdOf(AUDIT),
        value: { verifiedBy: scheme, storeId: conn.storeId, duplicate: false, data: { type: 'order', id: 250 } },
      });
      expect(tap.forConnection(conn.id)).toHaveLength(2);
    },
  );
});

describe('BigCommerce webhooks: routing by scope', () => {
  it('sends refunds to the order topic on the order key, products and SKUs to the catalog topic, customers to audit only', async () => {
    const conn = await ingress.addConnection();
    const sends = [
      delivery(conn, 'store/order/refund/created', { type: 'order', id: 77, refund: { refund_id: 5 } }),
      delivery(conn, 'store/product/updated', { type: 'product', id: 205 }),
      delivery(conn, 'store/sku/updated', { type: 'sku', id: 461, sku: { product_id: 206, variant_id: 509 } }),
      delivery(conn, 'store/customer/created', { type: 'customer', id: 32 }),
    ];
    for (const d of sends) expect((await post(url(conn), d)).status).toBe(200);
    await tap.waitFor(conn.id, 4, AUDIT);
    await tap.caughtUp();
    expect(tap.forConnection(conn.id, ORDERS).map((r) => [r.key, r.value['kind'], r.value['refundId']])).toEqual([
      [`${conn.id}:77`, 'refund', 5],
    ]);
    const catalogSchema = await tap.schemaIdOf(CATALOG);
    expect(tap.forConnection(conn.id, CATALOG).every((r) => r.schemaId === catalogSchema)).toBe(true);
    const catalog = tap.forConnection(conn.id, CATALOG).map((r) => [r.key, r.value['productId'], r.value['variantId']]);
    expect(catalog.sort()).toEqual([
      [`${conn.id}:205`, 205, undefined],
      [`${conn.id}:206`, 206, 509],
    ]);
    expect(tap.forConnection(conn.id)).toHaveLength(4 + 3);
  });
});

describe('BigCommerce webhooks: redeliveries', () => {
  it('acknowledges a retry with the same webhook-id, audits it as a duplicate and routes it once', async () => {
    const conn = await ingress.addConnection();
    const first = delivery(conn, 'store/order/updated', { type: 'order', id: 31 }, { webhookId: 'msg_retry_1' });
    expect((await post(url(conn), first)).status).toBe(200);
    // BigCommerce re-signs each attempt with a new timestamp; id and body stay the same.
    const retry: Delivery = {
      body: first.body,
      headers: {
        'content-type': 'application/json',
        ...credentialsFor(conn, first.body, {
          webhookId: 'msg_retry_1',
          timestampSeconds: Math.floor(Date.now() / 1000) + 1,
        }),
      },
    };
    expect(retry.headers['webhook-signature']).not.toBe(first.headers['webhook-signature']);
    expect((await post(url(conn), retry)).status).toBe(200);
    await tap.waitFor(conn.id, 2, AUDIT);
    await tap.caughtUp();
    expect(tap.forConnection(conn.id, ORDERS)).toHaveLength(1);
    expect(tap.forConnection(conn.id, AUDIT).map((r) => r.value['duplicate'])).toEqual([false, true]);
  });

  it('acknowledges an exact replay of a verified delivery (same headers and body) without routing it again', async () => {
    const conn = await ingress.addConnection();
    const d = delivery(conn, 'store/order/created', { type: 'order', id: 41 });
    expect((await post(url(conn), d)).status).toBe(200);
    await tap.waitFor(conn.id, 1, ORDERS);
    const replay = await post(url(conn), d);
    expect(replay.status).toBe(200);
    expect(replay.json).toBeUndefined();
    await tap.waitFor(conn.id, 2, AUDIT);
    await tap.caughtUp();
    expect(tap.forConnection(conn.id, ORDERS)).toHaveLength(1);
    expect(tap.forConnection(conn.id, AUDIT).map((r) => r.value['duplicate'])).toEqual([false, true]);
    expect(tap.forConnection(conn.id)).toHaveLength(3);
  });

  it('recognises the same event by scope, id and hash when there is no webhook-id (custom header)', async () => {
    const conn = await ingress.addConnection(['custom-header']);
    const hash = 'b'.repeat(40);
    const a = delivery(conn, 'store/product/updated', { type: 'product', id: 12 }, { scheme: 'custom-header', hash });
    const b = delivery(conn, 'store/product/updated', { type: 'product', id: 12 }, { scheme: 'custom-header', hash });
    const other = delivery(conn, 'store/product/updated', { type: 'product', id: 12 }, { scheme: 'custom-header' });
    for (const d of [a, b, other]) expect((await post(url(conn), d)).status).toBe(200);
    await tap.waitFor(conn.id, 3, AUDIT);
    await tap.caughtUp();
    expect(tap.forConnection(conn.id, CATALOG)).toHaveLength(2);
  });

  it('routes once when copies of one delivery arrive at the same time', async () => {
    const conn = await ingress.addConnection();
    const d = delivery(conn, 'store/order/created', { type: 'order', id: 8 }, { webhookId: 'msg_burst' });
    const statuses = await Promise.all(Array.from({ length: 8 }, () => post(url(conn), d).then((r) => r.status)));
    expect(statuses).toEqual(Array(8).fill(200));
    await tap.waitFor(conn.id, 8, AUDIT);
    await tap.caughtUp();
    expect(tap.forConnection(conn.id, ORDERS)).toHaveLength(1);
    expect(tap.forConnection(conn.id, AUDIT).filter((r) => r.value['duplicate'] === false)).toHaveLength(1);
  });

  it('counts deliveries by outcome and reason for the connection', async () => {
    const conn = await ingress.addConnection();
    const d = delivery(conn, 'store/order/created', { type: 'order', id: 9 });
    await post(url(conn), d);
    await post(url(conn), d);
    const labels = { system: 'bigcommerce', connection: conn.id };
    expect(await ingress.metric('ml_connector_webhooks_total', { ...labels, outcome: 'accepted', reason: 'ok' })).toBe(
      1,
    );
    expect(
      await ingress.metric('ml_connector_webhooks_total', { ...labels, outcome: 'duplicate', reason: 'redelivery' }),
    ).toBe(1);
  });
});
