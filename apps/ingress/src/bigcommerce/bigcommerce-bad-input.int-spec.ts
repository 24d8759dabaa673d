import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { signBcSignature, signStandardWebhook } from '@mlc/bigcommerce/testing';
import { HOOK_SECRET_HEADER } from '@mlc/connections';
import { Cleanup } from '@mlc/testing';
import { credentialsFor, Delivery, delivery, post } from '../testing/deliveries';
import { IngressHarness, TestConnection } from '../testing/ingress-harness';
import { TopicTap } from '../testing/topic-tap';

const cleanup = new Cleanup();
let ingress: IngressHarness;
let tap: TopicTap;
let conn: TestConnection;
let headerOnly: TestConnection;

beforeAll(async () => {
  ingress = await IngressHarness.start();
  cleanup.add(() => ingress.close());
  tap = await ingress.tap();
  cleanup.add(() => tap.stop());
  conn = await ingress.addConnection();
  headerOnly = await ingress.addConnection(['custom-header']);
});
afterAll(() => cleanup.run());

const url = (c: TestConnection = conn) => `${ingress.baseUrl}/webhooks/bigcommerce/${c.id}`;
const order = (c: TestConnection = conn, options = {}) =>
  delivery(c, 'store/order/created', { type: 'order', id: 250 }, options);
const now = () => Math.floor(Date.now() / 1000);
const signed = (body: string, extra: Record<string, string> = {}): Delivery => ({
  body,
  headers: { 'content-type': 'application/json', ...credentialsFor(conn, body), ...extra },
});
const withHeaders = (d: Delivery, headers: Record<string, string>): Delivery => ({
  body: d.body,
  headers: { ...d.headers, ...headers },
});
const without = (d: Delivery, ...names: string[]): Delivery => ({
  body: d.body,
  headers: Object.fromEntries(Object.entries(d.headers).filter(([k]) => !names.includes(k))),
});

/** Nothing at all reached Kafka for these connections: the tap has read every partition to its end. */
async function expectNothingPublished(...connections: TestConnection[]) {
  await tap.caughtUp();
  for (const c of connections.length ? connections : [conn, headerOnly]) expect(tap.forConnection(c.id)).toEqual([]);
}

type Case = [name: string, make: () => Delivery, status: number, reason: string, target?: () => TestConnection];

const CASES: Case[] = [
  [
    'a forged signature',
    () => withHeaders(order(), { 'webhook-signature': `v1,${randomBytes(32).toString('base64')}` }),
    401,
    'bad-signature',
  ],
  [
    'a signature under the wrong secret',
    () => {
      const d = order();
      return withHeaders(
        d,
        signStandardWebhook({ secret: 'not-the-client-secret', id: 'msg_x', timestampSeconds: now(), body: d.body }),
      );
    },
    401,
    'bad-signature',
  ],
  [
    'a forged X-BC-Signature',
    () => ({
      body: order().body,
      headers: { 'content-type': 'application/json', 'x-bc-signature': randomBytes(32).toString('hex') },
    }),
    401,
    'bad-signature',
  ],
  [
    'an X-BC-Signature under the wrong secret',
    () => {
      const { body } = order();
      return { body, headers: { 'content-type': 'application/json', ...signBcSignature(body, 'not-the-secret') } };
    },
    401,
    'bad-signature',
  ],
  [
    'an X-BC-Signature that is not a SHA-256 digest',
    () => ({ body: order().body, headers: { 'content-type': 'application/json', 'x-bc-signature': 'abc' } }),
    401,
    'malformed-header',
  ],
  [
    'a wrong custom-header secret',
    () => ({ body: order().body, headers: { 'content-type': 'application/json', [HOOK_SECRET_HEADER]: 'guessed' } }),
    401,
    'bad-secret',
  ],
  [
    'no authentication headers at all',
    () => without(order(), 'webhook-id', 'webhook-timestamp', 'webhook-signature'),
    401,
    'missing-headers',
  ],
  ['a signature without its webhook-id', () => without(order(), 'webhook-id'), 401, 'missing-headers'],
  [
    'a stale timestamp (a replay after the 5-minute tolerance)',
    () => order(conn, { timestampSeconds: now() - 301 }),
    401,
    'stale-timestamp',
  ],
  ['a timestamp in the future', () => order(conn, { timestampSeconds: now() + 301 }), 401, 'future-timestamp'],
  [
    'a non-numeric timestamp',
    () => withHeaders(order(), { 'webhook-timestamp': 'yesterday' }),
    401,
    'malformed-header',
  ],
  ['the signature of another body', () => ({ body: order().body, headers: order().headers }), 401, 'bad-signature'],
  [
    'a truncated body under the full body signature',
    () => {
      const d = order();
      return { body: d.body.slice(0, d.body.length - 10), headers: d.headers };
    },
    401,
    'bad-signature',
  ],
  ['a truncated body signed as sent', () => signed(order().body.slice(0, 40)), 400, 'not-json'],
  ['a body that is not JSON', () => signed('scope=store/order/created&id=250'), 400, 'not-json'],
  [
    'JSON without the delivery fields',
    () => signed(JSON.stringify({ scope: 'store/order/created', data: { id: 1 } })),
    400,
    'malformed-payload',
  ],
  [
    'a handled scope with a malformed data field',
    () => delivery(conn, 'store/order/created', { type: 'order', id: '250' }),
    400,
    'malformed-payload',
  ],
  ['a wrong content type', () => withHeaders(order(), { 'content-type': 'text/plain' }), 415, 'unsupported-media-type'],
  ['no content type', () => without(order(), 'content-type'), 415, 'unsupported-media-type'],
  ["another store's store_id", () => order(conn, { storeId: '999' }), 401, 'wrong-store'],
  ["another store's producer", () => order(conn, { storeHash: 'someoneelse' }), 401, 'wrong-store'],
  [
    'a valid signature under a scheme the connection does not allow',
    () => order(headerOnly),
    401,
    'missing-headers',
    () => headerOnly,
  ],
  ['an unknown connection', () => order(), 404, 'unknown-connection', () => ({ ...conn, id: 'no-such-connection' })],
  [
    'a connection id that cannot exist',
    () => order(),
    404,
    'unknown-connection',
    () => ({ ...conn, id: 'DROP%20TABLE' }),
  ],
];

describe('BigCommerce webhooks: the bad-input matrix', () => {
  it.each(CASES.map((c) => [c[0], c] as const))(
    'refuses %s (status and reason), publishing nothing',
    async (_name, c) => {
      const [, make, status, reason, target] = c;
      const res = await post(url(target?.() ?? conn), make());
      expect(res.status).toBe(status);
      expect(res.json).toEqual({ error: reason });
      await expectNothingPublished();
    },
  );

  it('control: the same delivery, valid, is published (so the checks above can see a publish)', async () => {
    const control = await ingress.addConnection();
    expect((await post(url(control), order(control))).status).toBe(200);
    await tap.caughtUp();
    expect(
      tap
        .forConnection(control.id)
        .map((r) => r.topic)
        .sort(),
    ).toEqual(['bigcommerce.order-signal.v1', 'bigcommerce.webhook-received.v1']);
  });

  it('acknowledges a verified delivery of a scope it does not handle, and publishes nothing', async () => {
    const res = await post(url(), delivery(conn, 'store/cart/created', { type: 'cart', id: 'a1b2' }));
    expect(res.status).toBe(200);
    await expectNothingPublished();
    expect(
      await ingress.metric('ml_connector_webhooks_total', {
        connection: conn.id,
        outcome: 'ignored',
        reason: 'unhandled-scope',
      }),
    ).toBe(1);
  });

  it('refuses an oversized body announced by Content-Length with 413, unread', async () => {
    const padded = JSON.stringify({ ...JSON.parse(order().body), padding: 'x'.repeat(64 * 1024) });
    const res = await post(url(), signed(padded));
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ error: 'body-too-large' });
    await expectNothingPublished();
  });

  it('refuses an oversized chunked body with 413 as soon as it passes 64 KiB', async () => {
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 6; i += 1) controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await fetch(url(), {
      method: 'POST',
      headers: order().headers,
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    await expectNothingPublished();
  });

  it('publishes nothing for a body cut short by a client that hangs up', async () => {
    const d = order();
    const head = [
      `POST /webhooks/bigcommerce/${conn.id} HTTP/1.1`,
      'Host: 127.0.0.1',
      ...Object.entries(d.headers).map(([k, v]) => `${k}: ${v}`),
      `Content-Length: ${Buffer.byteLength(d.body)}`,
      '',
      '',
    ].join('\r\n');
    const { port } = new URL(ingress.baseUrl);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(head + d.body.slice(0, 30));
        setTimeout(() => socket.destroy(), 100);
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    const health = await fetch(`${ingress.baseUrl}/health/live`);
    expect(health.status).toBe(200);
    await expectNothingPublished();
  });

  it('counts each refusal by reason for the connection', async () => {
    const labels = { system: 'bigcommerce', outcome: 'rejected', connection: conn.id };
    expect(await ingress.metric('ml_connector_webhooks_total', { ...labels, reason: 'bad-signature' })).toBe(6);
    expect(await ingress.metric('ml_connector_webhooks_total', { ...labels, reason: 'stale-timestamp' })).toBe(1);
    expect(await ingress.metric('ml_connector_webhooks_total', { ...labels, reason: 'wrong-store' })).toBe(2);
    expect(await ingress.metric('ml_connector_webhooks_total', { ...labels, reason: 'body-too-large' })).toBe(2);
    expect(
      await ingress.metric('ml_connector_webhooks_total', {
        system: 'bigcommerce',
        connection: '(unknown)',
        reason: 'unknown-connection',
      }),
    ).toBe(2);
  });
});
