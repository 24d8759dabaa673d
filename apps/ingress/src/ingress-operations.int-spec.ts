import { createServer, Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { HOOK_SECRET_HEADER } from '@mlc/connections';
import { Cleanup, eventually, uniqueName } from '@mlc/testing';
import { delivery, post } from './testing/deliveries';
import { IngressHarness } from './testing/ingress-harness';
import { TopicTap } from './testing/topic-tap';

const cleanup = new Cleanup();
afterAll(() => cleanup.run());

/** A pino logger whose lines the test can read. */
function capturedLogger() {
  const lines: string[] = [];
  const logger = pino({ level: 'debug', base: { service: 'ingress' } }, { write: (line: string) => lines.push(line) });
  return { logger, lines };
}

describe('ingress operations', () => {
  let ingress: IngressHarness;
  let tap: TopicTap;
  let logs: ReturnType<typeof capturedLogger>;

  beforeAll(async () => {
    logs = capturedLogger();
    ingress = await IngressHarness.start({}, { logger: logs.logger });
    cleanup.add(() => ingress.close());
    tap = await ingress.tap();
    cleanup.add(() => tap.stop());
  });

  it('serves liveness, readiness with broker and database checks, and Prometheus metrics', async () => {
    expect((await fetch(`${ingress.baseUrl}/health/live`)).status).toBe(200);
    const ready = await fetch(`${ingress.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: true, broker: true, schemas: true, accepting: true },
    });
    const conn = await ingress.addConnection();
    await post(
      `${ingress.baseUrl}/webhooks/bigcommerce/${conn.id}`,
      delivery(conn, 'store/order/created', { type: 'order', id: 1 }),
    );
    const metrics = await (await fetch(`${ingress.baseUrl}/metrics`)).text();
    expect(metrics).toContain(
      `ml_connector_webhooks_total{system="bigcommerce",outcome="accepted",reason="ok",connection="${conn.id}"} 1`,
    );
    expect(metrics).toMatch(/ml_connector_kafka_produce_duration_seconds_count\{outcome="acked"\} [1-9]/);
  });

  it('logs one line per request with its request id, and never a secret, signature or body', async () => {
    const conn = await ingress.addConnection();
    const d = delivery(conn, 'store/order/created', { type: 'order', id: 2 });
    const headers = { ...d.headers, [HOOK_SECRET_HEADER]: conn.hookSecret, 'x-request-id': 'req-ops-1' };
    const res = await post(`${ingress.baseUrl}/webhooks/bigcommerce/${conn.id}`, { body: d.body, headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('req-ops-1');
    const refused = await post(`${ingress.baseUrl}/webhooks/bigcommerce/${conn.id}`, {
      body: d.body,
      headers: { 'content-type': 'application/json', [HOOK_SECRET_HEADER]: 'guessed-secret-value' },
    });
    expect(refused.status).toBe(401);
    const generated = refused.headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const mine = logs.lines.filter((l) => l.includes(conn.id));
    expect(mine.some((l) => l.includes('"reqId":"req-ops-1"') && l.includes('"outcome":"accepted"'))).toBe(true);
    expect(mine.some((l) => l.includes(`"reqId":"${generated}"`) && l.includes('"reason":"bad-secret"'))).toBe(true);
    const everything = logs.lines.join('\n');
    for (const secret of [
      conn.hookSecret,
      conn.clientSecret,
      d.headers['webhook-signature'] ?? 'the delivery had no signature',
      'guessed-secret-value',
      d.body,
    ]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('answers unknown routes and methods with a reason code only, without framework details', async () => {
    const res = await fetch(`${ingress.baseUrl}/webhooks/elsewhere/x`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not-found' });
    expect(res.headers.get('x-powered-by')).toBeNull();
    const get = await fetch(`${ingress.baseUrl}/webhooks/bigcommerce/x`);
    expect(get.status).toBe(404);
    expect(await get.text()).toBe('{"error":"not-found"}');
  });
});

describe('ingress graceful shutdown', () => {
  it('finishes and publishes a request in flight when shutdown starts, and refuses new connections', async () => {
    const ingress = await IngressHarness.start();
    const tap = await ingress.tap();
    cleanup.add(() => tap.stop());
    const conn = await ingress.addConnection();
    const d = delivery(conn, 'store/order/created', { type: 'order', id: 42 });
    const { port } = new URL(ingress.baseUrl);
    const socket = connect(Number(port), '127.0.0.1');
    let response = '';
    socket.on('data', (chunk) => (response += chunk.toString()));
    const ended = new Promise((resolve) => socket.on('close', resolve));
    const head = [
      `POST /webhooks/bigcommerce/${conn.id} HTTP/1.1`,
      'Host: 127.0.0.1',
      ...Object.entries(d.headers).map(([k, v]) => `${k}: ${v}`),
      `Content-Length: ${Buffer.byteLength(d.body)}`,
      '',
      '',
    ].join('\r\n');
    await new Promise<void>((resolve) => socket.write(head + d.body.slice(0, 20), () => resolve()));
    await new Promise((r) => setTimeout(r, 100));
    const closing = ingress.close();
    await new Promise((r) => setTimeout(r, 200));
    await expect(fetch(`${ingress.baseUrl}/health/live`)).rejects.toThrow();
    socket.write(d.body.slice(20));
    await closing;
    await ended;
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    const [signal] = await tap.waitFor(conn.id, 1, 'bigcommerce.order-signal.v1');
    expect(signal?.key).toBe(`${conn.id}:42`);
  });
});

describe('ingress boot with its dependencies down', () => {
  it('stays up, is not ready, answers 503 with Retry-After and logs which dependency is missing', async () => {
    const logs = capturedLogger();
    const ingress = await IngressHarness.start(
      {
        KAFKA_BROKERS: '127.0.0.1:1',
        SCHEMA_REGISTRY_URL: 'http://127.0.0.1:1/apis/ccompat/v7',
        DATABASE_URL: 'postgres://mlc:pw-SECRET-123@127.0.0.1:1/ingress_db',
      },
      { logger: logs.logger, waitForBoot: false },
    );
    cleanup.add(() => ingress.close());
    expect((await fetch(`${ingress.baseUrl}/health/live`)).status).toBe(200);
    const ready = await fetch(`${ingress.baseUrl}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'not-ready',
      checks: { database: false, broker: false, schemas: false },
    });
    const conn = await ingress.addConnection();
    const res = await post(
      `${ingress.baseUrl}/webhooks/bigcommerce/${conn.id}`,
      delivery(conn, 'store/order/created', { type: 'order', id: 3 }),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(res.json).toEqual({ error: 'not-ready' });
    await eventually('a log line for each dependency', () => {
      const text = logs.lines.join('\n');
      const named = [
        'PostgreSQL at 127.0.0.1:1/ingress_db',
        'Kafka at 127.0.0.1:1',
        'schema registry at 127.0.0.1:1/apis/ccompat/v7',
      ];
      return named.every((n) => text.includes(`${n} unavailable`)) ? true : undefined;
    });
    expect(logs.lines.join('\n')).not.toContain('pw-SECRET-123');
  });
});

describe('ingress env connection', () => {
  let store: Server;

  afterAll(() => new Promise((resolve) => store?.close(resolve)));

  it('adds the env connection at boot with the store id read from GET /v2/store, then accepts its deliveries', async () => {
    const requests: string[] = [];
    store = createServer((req, res) => {
      requests.push(`${req.method} ${req.url} ${req.headers['x-auth-token']}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'envstore', store_id: 7654321, currency: 'USD', timezone: { name: 'UTC' } }));
    });
    await new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve));
    const id = uniqueName('ingress-env');
    const ingress = await IngressHarness.start({
      CONNECTION_ID: id,
      BIGCOMMERCE_API_URL: `http://127.0.0.1:${(store.address() as AddressInfo).port}`,
      BIGCOMMERCE_STORE_HASH: 'envstore',
      BIGCOMMERCE_ACCESS_TOKEN: 'env-access-token',
      BIGCOMMERCE_CLIENT_SECRET: 'env-client-secret',
      BC_TENANT_ID: 'tenant',
      BC_ENVIRONMENT: 'sandbox',
      BC_COMPANY_ID: '11111111-2222-3333-4444-555555555555',
      BC_CLIENT_ID: 'bc-app',
      BC_CLIENT_SECRET: 'bc-secret',
    });
    cleanup.add(() => ingress.close());
    cleanup.add(() => ingress.removeConnection(id));
    expect(requests).toEqual(['GET /stores/envstore/v2/store env-access-token']);
    const conn = {
      id,
      storeHash: 'envstore',
      storeId: '7654321',
      companyId: '11111111-2222-3333-4444-555555555555',
      clientSecret: 'env-client-secret',
      hookSecret: '',
      clientState: '',
    };
    const res = await post(
      `${ingress.baseUrl}/webhooks/bigcommerce/${id}`,
      delivery(conn, 'store/order/created', { type: 'order', id: 5 }),
    );
    expect(res.status).toBe(200);
  });
});
