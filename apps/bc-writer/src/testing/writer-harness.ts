import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { BigCommerceApi, BigCommerceOrder } from '@mlc/bigcommerce';
import { BusinessCentral, createBusinessCentral } from '@mlc/business-central';
import {
  bigcommerceOrderSignalV1,
  businesscentralCustomerChangedV1,
  syncOrderStateV1,
  type TopicValue,
} from '@mlc/contracts';
import { CONNECTIONS_MIGRATIONS, CONNECTIONS_SCHEMA, ConnectionRegistry } from '@mlc/connections';
import { masterKeyFromBase64, SecretBox } from '@mlc/platform-crypto';
import { ConsumerPipeline, createKafka, EventProducer, InMemoryParkingLot, SchemaSerde } from '@mlc/platform-kafka';
import { createLogger } from '@mlc/platform-observability';
import { DataSource, openDatabase } from '@mlc/platform-persistence';
import { eventually, positionAtEnd, stackEnv, startSandboxProcess, uniqueName, type SandboxProcess } from '@mlc/testing';
import { BcWriterModule } from '../bc-writer.module';
import { loadBcWriterConfig } from '../config';
import { BC_WRITER_SCHEMA } from '../persistence/bc-writer.migrations';
import {
  closeAll,
  editing,
  runCli,
  spawnWriter,
  type WriterProcess,
  type AttemptView,
  type Cleanups,
  type LedgerView,
  type RefundView,
} from './harness-support';

export type OrderState = TopicValue<typeof syncOrderStateV1>;
type Signal = TopicValue<typeof bigcommerceOrderSignalV1>;

/** G/L accounts of the sandbox chart, for connection settings. */
/** The sandbox's one company (apps/sandbox README). */
export const SANDBOX_COMPANY_ID = '5a3a1c2e-7b1d-4c1f-9f0e-2d4c6b8a0c01';

export const SANDBOX_ACCOUNTS = {
  shipping: '40400',
  handling: '40410',
  wrapping: '40420',
  giftCertificateLiability: '22100',
  refunds: '40900',
  storeTax: '22500',
};

/**
 * bc-writer's Nest module running in-process against a sandbox process and the real local stack, with its own
 * consumer groups and connections (served exclusively by this instance), plus what tests need to drive it:
 * publishing signals like ingress does, reading the ledger, BC and the emitted order states.
 */
export class WriterHarness {
  private constructor(
    readonly sandbox: SandboxProcess,
    readonly bc: BusinessCentral,
    readonly db: DataSource,
    readonly registry: ConnectionRegistry,
    readonly producer: EventProducer,
    /** Order states published to Kafka for this harness's connections, as consumed. */
    readonly states: OrderState[],
    readonly masterKey: string,
    private readonly cleanup: Cleanups,
    private readonly edits: Map<number, (raw: BigCommerceOrder) => BigCommerceOrder>,
    private readonly writerEnv: NodeJS.ProcessEnv,
  ) {}

  /** Consumer groups for a writer process, starting at the current end of the shared topics. */
  async freshGroups(): Promise<{ BC_WRITER_ORDER_GROUP: string; BC_WRITER_CUSTOMER_GROUP: string }> {
    const kafka = createKafka({ brokers: stackEnv.KAFKA_BROKERS.split(','), clientId: 'bcw-test', logger: createLogger('bcw-test', 'error') });
    const groups = { BC_WRITER_ORDER_GROUP: uniqueName('bcw-orders'), BC_WRITER_CUSTOMER_GROUP: uniqueName('bcw-customers') };
    await positionAtEnd(kafka, groups.BC_WRITER_ORDER_GROUP, bigcommerceOrderSignalV1.name);
    await positionAtEnd(kafka, groups.BC_WRITER_CUSTOMER_GROUP, businesscentralCustomerChangedV1.name);
    return groups;
  }

  /** Starts bc-writer as a process (`dist/apps/bc-writer/src/main.js`) with this harness's settings plus `env`. */
  spawnWriter(env: Record<string, string>): WriterProcess {
    const started = spawnWriter({ ...this.writerEnv, ...env });
    this.cleanup.push({ name: 'writer process', close: () => started.stop() });
    return started;
  }

  /** From now on bc-writer reads this order as `edit` changes it (the sandbox does not re-price edited orders). */
  editOrder(orderId: number, edit: (raw: BigCommerceOrder) => BigCommerceOrder): void {
    this.edits.set(orderId, edit);
  }

  /** Starts the writer serving connections named `names` (ids made unique); add each with `connect`. */
  static async start(names: readonly string[], env: Record<string, string> = {}) {
    const cleanup: Cleanups = [];
    try {
      return await WriterHarness.open(names, env, cleanup);
    } catch (err) {
      await closeAll(cleanup);
      throw err;
    }
  }

  private static async open(names: readonly string[], env: Record<string, string>, cleanup: Cleanups) {
    const sandbox = await startSandboxProcess();
    cleanup.push({ name: 'sandbox', close: () => sandbox.stop() });
    await sandbox.control.seed({ products: 30, customers: 6, seed: 7 });
    const masterKey = randomBytes(32).toString('base64');
    const registryDb = await openDatabase({ url: stackEnv.DATABASE_URL, schema: CONNECTIONS_SCHEMA, migrations: CONNECTIONS_MIGRATIONS });
    cleanup.push({ name: 'registryDb', close: () => registryDb.destroy() });
    const registry = new ConnectionRegistry(registryDb, new SecretBox(masterKeyFromBase64(masterKey)), 0);
    const ids = Object.fromEntries(names.map((n) => [n, uniqueName(`bcw-${n}`).slice(0, 60)]));
    const writerEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...sandbox.env,
      MASTER_KEY: masterKey,
      DATABASE_URL: stackEnv.DATABASE_URL,
      BC_WRITER_ORDER_GROUP: uniqueName('bcw-orders'),
      BC_WRITER_CUSTOMER_GROUP: uniqueName('bcw-customers'),
      BC_WRITER_CONNECTIONS: Object.values(ids).join(','),
      BC_WRITER_RESUME_INTERVAL_MS: '300',
      LOG_LEVEL: process.env.BCW_LOG_LEVEL ?? 'error',
      ...env,
    };
    delete writerEnv.CONNECTION_ID;
    const config = loadBcWriterConfig(writerEnv);
    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'bcw-test', logger: createLogger('bcw-test', 'error') });
    const collectorGroup = uniqueName('bcw-states');
    // The shared topics hold every earlier run's messages: new groups start at their end, not at the beginning.
    await Promise.all([
      positionAtEnd(kafka, String(writerEnv.BC_WRITER_ORDER_GROUP), bigcommerceOrderSignalV1.name),
      positionAtEnd(kafka, String(writerEnv.BC_WRITER_CUSTOMER_GROUP), businesscentralCustomerChangedV1.name),
      positionAtEnd(kafka, collectorGroup, syncOrderStateV1.name),
    ]);
    const edits = new Map<number, (raw: BigCommerceOrder) => BigCommerceOrder>();
    const seams = { bigcommerce: (api: BigCommerceApi) => editing(api, edits) };
    const app = await NestFactory.createApplicationContext(BcWriterModule.forRoot(config, seams), { logger: false });
    await app.init();
    cleanup.push({ name: 'app', close: () => app.close() });
    const db = await openDatabase({ url: stackEnv.DATABASE_URL, schema: BC_WRITER_SCHEMA, migrations: [] });
    cleanup.push({ name: 'db', close: () => db.destroy() });
    const serde = new SchemaSerde(config.SCHEMA_REGISTRY_URL);
    const producer = new EventProducer(kafka, serde);
    cleanup.push({ name: 'producer', close: () => producer.disconnect() });
    const bc = createBusinessCentral({ connectionId: 'bcw-test', tenantId: sandbox.env.BC_TENANT_ID!, environment: 'sandbox',
      companyId: SANDBOX_COMPANY_ID, clientId: sandbox.env.BC_CLIENT_ID!, clientSecret: sandbox.env.BC_CLIENT_SECRET!,
      apiUrl: sandbox.env.BC_API_URL, authorityUrl: sandbox.env.ENTRA_AUTHORITY_URL });
    cleanup.push({ name: 'bc', close: () => bc.close() });
    const states: OrderState[] = [];
    const wanted = new Set(Object.values(ids));
    const collector = new ConsumerPipeline<OrderState>({
      kafka, serde, producer, parking: new InMemoryParkingLot(), groupId: collectorGroup, topic: syncOrderStateV1,
      logger: createLogger('bcw-test', 'error'), fromBeginning: true,
      handler: async (value) => void (wanted.has(value.connectionId) && states.push(value)),
    });
    await collector.start();
    cleanup.push({ name: 'collector', close: () => collector.stop() });
    const harness = new WriterHarness(sandbox, bc, db, registry, producer, states, masterKey, cleanup, edits, writerEnv);
    return { harness, ids };
  }

  /** Registers a connection (to the sandbox) with these order settings. */
  async connect(id: string, orders: Record<string, unknown>): Promise<void> {
    await this.registry.add(
      {
        id,
        name: id,
        bigcommerce: { storeHash: 'sandbox', storeId: '1001234567' },
        businessCentral: { tenantId: this.sandbox.env.BC_TENANT_ID!, environment: 'sandbox', companyId: SANDBOX_COMPANY_ID,
          clientId: this.sandbox.env.BC_CLIENT_ID! },
        settings: { orders },
        source: 'cli',
      },
      {
        bigcommerceAccessToken: this.sandbox.env.BIGCOMMERCE_ACCESS_TOKEN!,
        bigcommerceClientSecret: this.sandbox.env.BIGCOMMERCE_CLIENT_SECRET!,
        bcClientSecret: this.sandbox.env.BC_CLIENT_SECRET!,
        webhookKey: randomBytes(32).toString('base64'),
      },
    );
  }

  /** Order settings that sync into the sandbox company: its G/L accounts and the Austin tax area for new customers. */
  async settings(prefix: string, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const taxArea = await this.bc.taxAreas.byCode('TX-AUSTIN');
    return {
      externalDocumentPrefix: prefix,
      accounts: SANDBOX_ACCOUNTS,
      customer: { defaults: { taxAreaId: taxArea!.id } },
      taxGroups: { items: 'TAXABLE' },
      ...extra,
    };
  }

  async stop(): Promise<void> {
    await closeAll(this.cleanup);
  }

  /** Publishes an order signal the way ingress or the poller would. */
  async signal(connectionId: string, orderId: number, extra: Partial<Signal> = {}): Promise<void> {
    await this.producer.publish(bigcommerceOrderSignalV1, {
      connectionId, orderId, kind: 'order', source: 'webhook', scope: 'store/order/created',
      occurredAt: new Date().toISOString(), ...extra,
    } satisfies Signal);
  }

  async ledger(connectionId: string, orderId: number): Promise<LedgerView | undefined> {
    const rows: LedgerView[] = await this.db.query(
      `select state, bc_document_id, bc_document_number, posted, last_error, customer_number, bc_invoice_id
       from order_ledger where connection_id = $1 and order_id = $2`, [connectionId, orderId]);
    return rows[0];
  }

  /** Waits until the order's ledger state is `state` (fails with the last state and error seen). */
  async waitFor(connectionId: string, orderId: number, state: string, timeoutMs = 60_000): Promise<LedgerView> {
    let last: LedgerView | undefined;
    return eventually(`order ${orderId} to reach ${state}`, async () => {
      last = await this.ledger(connectionId, orderId);
      if (last?.state === state) return last;
      if (last && Date.now() % 5000 < 120) process.stdout.write(`order ${orderId}: ${last.state} ${last.last_error ?? ''}\n`);
      return undefined;
    }, timeoutMs).catch((err: Error) => {
      throw new Error(`${err.message}; last: ${JSON.stringify(last)}`);
    });
  }

  async refunds(connectionId: string, orderId: number): Promise<RefundView[]> {
    return this.db.query(
      `select refund_id, state, bc_credit_memo_id, bc_credit_memo_number, posted, waiting_for_order, last_error
       from refund_ledger where connection_id = $1 and order_id = $2 order by refund_id`, [connectionId, orderId]);
  }

  /** Order-state events of an order in the outbox (what was, or will be, published), in sequence. */
  async outbox(connectionId: string, orderId: number): Promise<Array<OrderState & { published: boolean }>> {
    const rows: Array<{ payload: OrderState; published_at: Date | null }> = await this.db.query(
      `select payload, published_at from order_events where connection_id = $1 and order_id = $2 order by sequence`,
      [connectionId, orderId]);
    return rows.map((r) => ({ ...r.payload, published: r.published_at !== null }));
  }

  async attempts(connectionId: string, orderId: number): Promise<AttemptView[]> {
    return this.db.query(
      `select source, decision, outcome, error, bc_requests, bigcommerce_requests, transitions from sync_attempts
       where connection_id = $1 and order_id = $2 order by id`, [connectionId, orderId]);
  }

  /** Refunds like the merchant would (by SKU, by amount, or everything left when empty); returns the refund id. */
  async refund(orderId: number, body: { items?: Array<{ sku: string; quantity: number }>; amount?: string } = {}) {
    return this.sandbox.control.request<{ refundId: number; amount: string }>('POST', `/bigcommerce/orders/${orderId}/refunds`, body);
  }

  async waitForRefund(connectionId: string, orderId: number, refundId: number, state: string, timeoutMs = 60_000) {
    return eventually(`refund ${refundId} of order ${orderId} to reach ${state}`, async () => {
      const row = (await this.refunds(connectionId, orderId)).find((r) => Number(r.refund_id) === refundId);
      return row?.state === state ? row : undefined;
    }, timeoutMs);
  }

  /** Business Central sales invoices (drafts and posted) carrying this externalDocumentNumber. */
  invoices(externalDocumentNumber: string) {
    return this.bc.salesInvoices.findByExternalDocumentNumber(externalDocumentNumber);
  }

  /** Runs the compiled `ml-connector` CLI against this stack (node scripts/build.js first). */
  cli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return runCli(args, {
      DATABASE_URL: stackEnv.DATABASE_URL,
      KAFKA_BROKERS: stackEnv.KAFKA_BROKERS,
      SCHEMA_REGISTRY_URL: stackEnv.SCHEMA_REGISTRY_URL,
      MASTER_KEY: this.masterKey,
      BC_API_URL: this.sandbox.env.BC_API_URL!,
      ENTRA_AUTHORITY_URL: this.sandbox.env.ENTRA_AUTHORITY_URL!,
      BIGCOMMERCE_API_URL: this.sandbox.env.BIGCOMMERCE_API_URL!,
    });
  }

  async setSettings(connectionId: string, orders: Record<string, unknown>): Promise<void> {
    await this.registry.updateSettings(connectionId, { orders });
  }
}
