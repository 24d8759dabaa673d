import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { createBusinessCentral, type BusinessCentral } from '@mlc/business-central';
import { bigcommerceOrderSignalV1, businesscentralCustomerChangedV1 } from '@mlc/contracts';
import { CONNECTIONS_MIGRATIONS, CONNECTIONS_SCHEMA, ConnectionRegistry } from '@mlc/connections';
import { masterKeyFromBase64, SecretBox } from '@mlc/platform-crypto';
import { createKafka, EventProducer, SchemaSerde } from '@mlc/platform-kafka';
import { createLogger } from '@mlc/platform-observability';
import { DataSource, openDatabase } from '@mlc/platform-persistence';
import { freePort, positionAtEnd, repoRoot, startSandboxProcess, uniqueName, type SandboxProcess } from '@mlc/testing';
import type { Kafka } from 'kafkajs';

/** The sandbox's one company and G/L accounts (apps/sandbox README). */
const COMPANY_ID = '5a3a1c2e-7b1d-4c1f-9f0e-2d4c6b8a0c01';
const ACCOUNTS = { shipping: '40400', handling: '40410', wrapping: '40420', giftCertificateLiability: '22100', refunds: '40900', storeTax: '22500' };

export interface StackEnv {
  readonly KAFKA_BROKERS: string;
  readonly SCHEMA_REGISTRY_URL: string;
  readonly DATABASE_URL: string;
}

/**
 * What the bc-writer benchmark runs on: the compiled sandbox and bc-writer as processes (like `make up`), the real
 * Kafka, registry and PostgreSQL, a fresh connection and consumer groups, and a BC client for reading results.
 */
export class BenchStack {
  private writer?: ChildProcess;

  private constructor(
    readonly env: StackEnv,
    readonly sandbox: SandboxProcess,
    readonly registry: ConnectionRegistry,
    readonly ledgerDb: DataSource,
    readonly bc: BusinessCentral,
    readonly kafka: Kafka,
    readonly producer: EventProducer,
    readonly masterKey: string,
    private readonly registryDb: DataSource,
  ) {}

  static async start(env: StackEnv): Promise<BenchStack> {
    const sandbox = await startSandboxProcess();
    await sandbox.control.seed({ products: 40, customers: 0, seed: 11 });
    const masterKey = randomBytes(32).toString('base64');
    const registryDb = await openDatabase({ url: env.DATABASE_URL, schema: CONNECTIONS_SCHEMA, migrations: CONNECTIONS_MIGRATIONS });
    const registry = new ConnectionRegistry(registryDb, new SecretBox(masterKeyFromBase64(masterKey)), 0);
    const ledgerDb = await openDatabase({ url: env.DATABASE_URL, schema: 'bc_writer', migrations: [] });
    const bc = createBusinessCentral({
      connectionId: 'bench', tenantId: sandbox.env.BC_TENANT_ID!, environment: 'sandbox', companyId: COMPANY_ID,
      clientId: sandbox.env.BC_CLIENT_ID!, clientSecret: sandbox.env.BC_CLIENT_SECRET!, apiUrl: sandbox.env.BC_API_URL,
      authorityUrl: sandbox.env.ENTRA_AUTHORITY_URL,
    });
    const kafka = createKafka({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'bcw-bench', logger: createLogger('bcw-bench', 'error') });
    const producer = new EventProducer(kafka, new SchemaSerde(env.SCHEMA_REGISTRY_URL));
    return new BenchStack(env, sandbox, registry, ledgerDb, bc, kafka, producer, masterKey, registryDb);
  }

  /** Adds a connection with settings that sync into the sandbox company. */
  async connection(name: string, extra: Record<string, unknown> = {}): Promise<string> {
    const id = uniqueName(`bench-${name}`);
    const taxArea = await this.bc.taxAreas.byCode('TX-AUSTIN');
    const orders = {
      externalDocumentPrefix: `${name.slice(0, 4).toUpperCase()}-`,
      accounts: ACCOUNTS,
      customer: { defaults: { taxAreaId: taxArea!.id } },
      taxGroups: { items: 'TAXABLE' },
      ...extra,
    };
    await this.registry.add(
      {
        id, name: id, source: 'cli', settings: { orders },
        bigcommerce: { storeHash: 'sandbox', storeId: '1001234567' },
        businessCentral: { tenantId: this.sandbox.env.BC_TENANT_ID!, environment: 'sandbox', companyId: COMPANY_ID, clientId: this.sandbox.env.BC_CLIENT_ID! },
      },
      {
        bigcommerceAccessToken: this.sandbox.env.BIGCOMMERCE_ACCESS_TOKEN!,
        bigcommerceClientSecret: this.sandbox.env.BIGCOMMERCE_CLIENT_SECRET!,
        bcClientSecret: this.sandbox.env.BC_CLIENT_SECRET!,
        webhookKey: randomBytes(32).toString('base64'),
      },
    );
    return id;
  }

  /** Starts `node dist/apps/bc-writer/src/main.js` serving `connections`, with fresh groups at the end of the topics. */
  async startWriter(connections: readonly string[], extraEnv: Record<string, string> = {}): Promise<string> {
    const port = await freePort();
    const orderGroup = uniqueName('bench-bcw-orders');
    const customerGroup = uniqueName('bench-bcw-customers');
    await positionAtEnd(this.kafka, orderGroup, bigcommerceOrderSignalV1.name);
    await positionAtEnd(this.kafka, customerGroup, businesscentralCustomerChangedV1.name);
    const env: NodeJS.ProcessEnv = {
      ...process.env, ...this.sandbox.env, ...this.env, MASTER_KEY: this.masterKey, HTTP_PORT: String(port),
      BC_WRITER_ORDER_GROUP: orderGroup, BC_WRITER_CUSTOMER_GROUP: customerGroup, BC_WRITER_CONNECTIONS: connections.join(','),
      LOG_LEVEL: 'warn', ...extraEnv,
    };
    delete env.CONNECTION_ID;
    this.writer = spawn(process.execPath, [path.join(repoRoot(), 'dist/apps/bc-writer/src/main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const ok = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
      if (ok) return url;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('bc-writer did not become ready within 60 s');
  }

  /** The order's webhook now, or (with `poll`) bc-watcher's poll signal for a change made at `poll.occurredAt`. */
  async signal(connectionId: string, orderId: number, poll?: { occurredAt: string }): Promise<void> {
    await this.producer.publish(bigcommerceOrderSignalV1, poll
      ? { connectionId, orderId, kind: 'order', source: 'poll', occurredAt: poll.occurredAt }
      : { connectionId, orderId, kind: 'order', source: 'webhook', scope: 'store/order/created', occurredAt: new Date().toISOString() });
  }

  /** Waits until every order is in `state`; fails naming the stragglers. */
  async waitFor(connectionId: string, orderIds: readonly number[], state: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows: Array<{ order_id: string; state: string; last_error: string | null }> = await this.ledgerDb.query(
        `select order_id, state, last_error from order_ledger where connection_id = $1 and order_id = any($2::bigint[])`,
        [connectionId, [...orderIds]],
      );
      const done = rows.filter((r) => r.state === state).length;
      if (done === orderIds.length) return;
      if (Date.now() > deadline) {
        const stuck = rows.filter((r) => r.state !== state).slice(0, 3).map((r) => `${r.order_id}: ${r.state} ${r.last_error ?? ''}`);
        throw new Error(`${done}/${orderIds.length} orders reached ${state} within ${timeoutMs} ms; e.g. ${stuck.join('; ')}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Requests the sandbox served per system since the log was last cleared. */
  async requestCounts(): Promise<Record<string, number>> {
    const { requests } = await this.sandbox.control.requests();
    const counts: Record<string, number> = {};
    for (const r of requests) counts[r.system] = (counts[r.system] ?? 0) + 1;
    return counts;
  }

  /** Messages per second other producers put on the order-signal topic meanwhile (the writer decodes them too). */
  async topicEnd(): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(bigcommerceOrderSignalV1.name)).reduce((sum, o) => sum + Number(o.high), 0);
    } finally {
      await admin.disconnect();
    }
  }

  /** Stops everything it started; each step runs even when an earlier one fails. */
  async stop(): Promise<void> {
    const writer = this.writer;
    const steps: Array<() => Promise<unknown>> = [
      async () => {
        if (!writer || writer.exitCode !== null) return;
        writer.kill('SIGTERM');
        await new Promise((r) => writer.once('exit', r));
      },
      () => this.producer.disconnect(),
      () => this.bc.close(),
      () => this.ledgerDb.destroy(),
      () => this.registryDb.destroy(),
      () => this.sandbox.stop(),
    ];
    for (const step of steps) await step().catch(() => undefined);
  }
}
