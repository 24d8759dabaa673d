import { signStandardWebhook, webhookBody } from '@mlc/bigcommerce/testing';
import type { TopicContract } from '@mlc/contracts';
import { Connection, ConnectionCredentials, parseConnectionSettings } from '@mlc/connections';
import { PermanentError, RetryableError } from '@mlc/platform-errors';
import { ConnectionDirectory, ConnectionSource } from '../connections/connection-directory';
import { DedupWindow } from '../dedup/dedup-window';
import { BatchPublisher, BatchSender, OutboundMessage } from '../publishing/batch-publisher';
import { RecordPublisher } from '../publishing/record-publisher';
import { BigCommerceWebhookHandler, WebhookRequest } from './bigcommerce-webhook.handler';

const SECRET = 'client-secret';
const CONNECTION: Connection = {
  id: 'acme',
  name: 'Acme',
  bigcommerce: { storeHash: 'abc123', storeId: '1001' },
  businessCentral: { tenantId: 't', environment: 'production', companyId: 'c', clientId: 'app' },
  settings: parseConnectionSettings({}),
  settingsVersion: 1,
  source: 'cli',
};
const CREDS: ConnectionCredentials = {
  bigcommerceAccessToken: 'token',
  bigcommerceClientSecret: SECRET,
  bcClientSecret: 'bc',
  webhookKey: Buffer.alloc(32, 1).toString('base64'),
};

/** A broker the test drives: acknowledge, fail, or never answer. */
class ScriptedBroker implements BatchSender {
  readonly sent: OutboundMessage[] = [];
  mode: 'ack' | 'fail' | 'hold' = 'ack';
  private held: Array<() => void> = [];

  async send(messages: readonly OutboundMessage[]): Promise<void> {
    if (this.mode === 'fail') throw new RetryableError('DEPENDENCY_DOWN', 'Kafka publish failed: connection refused');
    if (this.mode === 'hold') await new Promise<void>((resolve) => this.held.push(resolve));
    this.sent.push(...messages);
  }

  release(): void {
    this.held.splice(0).forEach((resolve) => resolve());
  }
}

const jsonEncoder = {
  async encode(contract: TopicContract, value: unknown) {
    const parsed = contract.schema.safeParse(value);
    if (!parsed.success) throw new PermanentError('VALIDATION', `${contract.name}: invalid`);
    return Buffer.from(JSON.stringify(parsed.data));
  },
};

function setup(options: { accepting?: boolean; source?: ConnectionSource } = {}) {
  const broker = new ScriptedBroker();
  const source = options.source ?? {
    get: async (id: string) => (id === 'acme' ? CONNECTION : undefined),
    credentials: async () => CREDS,
  };
  const handler = new BigCommerceWebhookHandler(
    new ConnectionDirectory(source, { ttlMs: 60_000, maxEntries: 10 }),
    new DedupWindow({ ttlMs: 60_000, maxEntries: 1000 }),
    new RecordPublisher(
      jsonEncoder,
      new BatchPublisher(broker, { maxBatchMessages: 100, maxQueuedMessages: 1000, stallMs: 60_000 }),
    ),
    { accepting: () => options.accepting ?? true, publishTimeoutMs: 50, retryAfterSeconds: 30 },
  );
  return { broker, handler };
}

function request(orderId = 250, overrides: Partial<WebhookRequest> = {}, webhookId = `msg_${orderId}`) {
  const body = webhookBody(
    'store/order/created',
    { type: 'order', id: orderId },
    { storeId: '1001', storeHash: 'abc123', hash: `h${orderId}` },
  );
  const headers = signStandardWebhook({
    secret: SECRET,
    id: webhookId,
    timestampSeconds: Math.floor(Date.now() / 1000),
    body,
  });
  const reads = { count: 0 };
  const req: WebhookRequest = {
    connectionId: 'acme',
    contentType: 'application/json',
    headers,
    readBody: async () => {
      reads.count += 1;
      return { ok: true, body: Buffer.from(body) };
    },
    ...overrides,
  };
  return { req, reads };
}

const topics = (broker: ScriptedBroker) => broker.sent.map((m) => `${m.topic} ${m.key}`);

describe('BigCommerceWebhookHandler', () => {
  it('answers 200 once the audit record and the order signal were acknowledged together', async () => {
    const { broker, handler } = setup();
    const result = await handler.handle(request().req);
    expect(result).toEqual({ answer: { status: 200 }, outcome: 'accepted', reason: 'ok' });
    expect(topics(broker)).toEqual([
      'bigcommerce.webhook-received.v1 acme:store/order/created:250',
      'bigcommerce.order-signal.v1 acme:250',
    ]);
  });

  it('answers 503 with Retry-After before its dependencies are up, reading nothing', async () => {
    const { handler } = setup({ accepting: false });
    const { req, reads } = request();
    expect((await handler.handle(req)).answer).toEqual({ status: 503, error: 'not-ready', retryAfterSeconds: 30 });
    expect(reads.count).toBe(0);
  });

  it('refuses an unknown connection and a wrong content type without reading the body', async () => {
    const { handler } = setup();
    const unknown = request(1, { connectionId: 'nobody' });
    expect((await handler.handle(unknown.req)).answer).toEqual({ status: 404, error: 'unknown-connection' });
    const text = request(1, { contentType: 'text/plain' });
    expect((await handler.handle(text.req)).answer).toEqual({ status: 415, error: 'unsupported-media-type' });
    expect(unknown.reads.count + text.reads.count).toBe(0);
  });

  it('answers 503 when the registry cannot be read', async () => {
    const down = {
      get: async () => Promise.reject(new RetryableError('DEPENDENCY_DOWN', 'db down')),
      credentials: async () => CREDS,
    };
    const { handler } = setup({ source: down });
    expect((await handler.handle(request().req)).answer.status).toBe(503);
  });

  it('answers 503 when the broker refuses, and publishes the retry', async () => {
    const { broker, handler } = setup();
    broker.mode = 'fail';
    expect((await handler.handle(request().req)).answer).toEqual({
      status: 503,
      error: 'unavailable',
      retryAfterSeconds: 30,
    });
    broker.mode = 'ack';
    expect((await handler.handle(request().req)).outcome).toBe('accepted');
    expect(topics(broker)).toHaveLength(2);
  });

  it('answers 503 after the deadline, and treats the retry as a duplicate once the late acknowledgement came', async () => {
    const { broker, handler } = setup();
    broker.mode = 'hold';
    expect((await handler.handle(request().req)).answer.status).toBe(503);
    broker.mode = 'ack';
    broker.release();
    await new Promise((r) => setImmediate(r));
    const retry = await handler.handle(request().req);
    expect(retry).toEqual({ answer: { status: 200 }, outcome: 'duplicate', reason: 'redelivery' });
    expect(topics(broker).filter((t) => t.startsWith('bigcommerce.order-signal.v1'))).toHaveLength(1);
  });

  it('makes a redelivery that arrives during the first publish wait for it, then routes it once', async () => {
    const { broker, handler } = setup();
    broker.mode = 'hold';
    const first = handler.handle(request().req);
    await new Promise((r) => setTimeout(r, 5));
    const second = handler.handle(request().req);
    broker.release();
    broker.mode = 'ack';
    expect((await first).outcome).toBe('accepted');
    expect((await second).outcome).toBe('duplicate');
    expect(topics(broker).filter((t) => t.startsWith('bigcommerce.order-signal.v1'))).toHaveLength(1);
  });

  it('answers 400 when a value breaks its topic contract, publishing nothing', async () => {
    const { broker, handler } = setup();
    expect((await handler.handle(request(0).req)).answer).toEqual({ status: 400, error: 'malformed-payload' });
    expect(broker.sent).toEqual([]);
  });
});
