import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import {
  bigcommerceCatalogSignalV1,
  businesscentralItemChangedV1,
  syncOrderStateV1,
  TopicContract,
  TopicValue,
} from '@mlc/contracts';
import { EventProducer, SchemaSerde } from '@mlc/platform-kafka';
import { createLogger } from '@mlc/platform-observability';
import { SandboxProcess, stackEnv, testKafka, uniqueName } from '@mlc/testing';
import { catalogWriterAppModule } from '../catalog-writer.module';
import { CatalogWriterRuntime } from '../catalog-writer.runtime';
import { CatalogWriterConfig, loadCatalogWriterConfig } from '../config';

/** The sandbox's Business Central company (apps/sandbox bc-identity). */
export const SANDBOX_COMPANY_ID = '5a3a1c2e-7b1d-4c1f-9f0e-2d4c6b8a0c01';
export const ADMIN_TOKEN = 'catalog-writer-test-admin-token';

const GROUPS: ReadonlyArray<readonly [string, TopicContract]> = [
  ['catalog-writer.items', businesscentralItemChangedV1],
  ['catalog-writer.order-states', syncOrderStateV1],
  ['catalog-writer.catalog', bigcommerceCatalogSignalV1],
];

export interface HarnessOptions {
  readonly catalog?: Record<string, unknown>;
  readonly orders?: Record<string, unknown>;
  readonly env?: Record<string, string>;
  /**
   * A second replica of that harness's service: same connection, schema, consumer groups and master key. It neither
   * adds the connection nor drops the schema; start it after the first.
   */
  readonly replicaOf?: CatalogWriterHarness;
}

/**
 * catalog-writer running in-process (its Nest module, real Kafka, registry and Postgres) against a sandbox, with its
 * own schema, consumer groups (starting at the topics' ends) and connection. Events are published like the other
 * services would publish them.
 */
export class CatalogWriterHarness {
  readonly connectionId: string;
  private app?: INestApplication;
  private readonly kafka = testKafka('catalog-writer-test');
  private readonly serde = new SchemaSerde(stackEnv.SCHEMA_REGISTRY_URL);
  private readonly producer = new EventProducer(this.kafka, this.serde);
  readonly config: CatalogWriterConfig;
  readonly crashes: unknown[] = [];
  url = '';

  constructor(
    readonly sandbox: SandboxProcess,
    private readonly options: HarnessOptions = {},
  ) {
    const first = options.replicaOf;
    this.connectionId = first?.connectionId ?? uniqueName('cw').slice(0, 40);
    const suffix = first?.config.CATALOG_WRITER_GROUP_SUFFIX ?? `.${uniqueName('t')}`;
    this.config = loadCatalogWriterConfig({
      KAFKA_BROKERS: stackEnv.KAFKA_BROKERS,
      SCHEMA_REGISTRY_URL: stackEnv.SCHEMA_REGISTRY_URL,
      DATABASE_URL: stackEnv.DATABASE_URL,
      MASTER_KEY: first?.config.MASTER_KEY ?? randomBytes(32).toString('base64'),
      ADMIN_TOKEN,
      LOG_LEVEL: process.env.CATALOG_WRITER_TEST_LOG ?? 'silent',
      BIGCOMMERCE_API_URL: sandbox.env.BIGCOMMERCE_API_URL,
      BC_API_URL: sandbox.env.BC_API_URL,
      ENTRA_AUTHORITY_URL: sandbox.env.ENTRA_AUTHORITY_URL,
      HTTP_PORT: '0',
      CATALOG_WRITER_DB_SCHEMA: first?.config.CATALOG_WRITER_DB_SCHEMA ?? uniqueName('cw').replace(/-/g, '_'),
      CATALOG_WRITER_GROUP_SUFFIX: suffix,
      CATALOG_WRITER_CONNECTIONS: this.connectionId,
      CATALOG_DRIFT_CHECK_INTERVAL_MS: '0',
      CATALOG_LEVELS_STABLE_MS: '500',
      CATALOG_ADJUSTMENT_SETTLE_MS: '2000',
      CATALOG_RETRY_BASE_MS: '500',
      CATALOG_RETRY_MAX_MS: '3000',
      // Tests push one item several times within a second; each push must read back the latest BC sales orders.
      CATALOG_SALES_ORDER_READ_INTERVAL_MS: '0',
      ...options.env,
    });
  }

  get runtime(): CatalogWriterRuntime {
    if (!this.app) throw new Error('harness not started');
    return this.app.get(CatalogWriterRuntime, { strict: false });
  }

  async start(): Promise<void> {
    if (this.options.replicaOf) {
      await this.boot();
      return;
    }
    await this.moveGroupsToEnd();
    await this.boot();
    await this.addConnection();
  }

  /** Stops the service as a deployment would (SIGTERM) and starts a new one on the same schema and groups. */
  async restart(): Promise<void> {
    await this.app?.close();
    this.app = undefined;
    await this.boot();
  }

  private async boot(): Promise<void> {
    const logger = createLogger('catalog-writer', this.config.LOG_LEVEL);
    const module = catalogWriterAppModule(this.config, logger, (err) => this.crashes.push(err));
    this.app = await NestFactory.create(module, { logger: false, abortOnError: false });
    this.app.enableShutdownHooks();
    await this.app.listen(0, '127.0.0.1');
    this.url = await this.app.getUrl();
  }

  /** Stops the service, then removes its connection and drops its schema (a replica only stops). */
  async stop(): Promise<void> {
    if (this.options.replicaOf) {
      await this.app?.close();
      this.app = undefined;
      await this.producer.disconnect().catch(() => undefined);
      return;
    }
    if (this.app) await this.runtime.ctx.registry.remove(this.connectionId).catch(() => undefined);
    await this.app?.close();
    this.app = undefined;
    await this.producer.disconnect().catch(() => undefined);
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    await client.connect();
    await client.query(`drop schema if exists "${this.config.CATALOG_WRITER_DB_SCHEMA}" cascade`).catch(() => undefined);
    await client.end();
  }

  publish<C extends TopicContract>(contract: C, values: Array<TopicValue<C>>) {
    return this.producer.publishMany(contract, values);
  }

  itemChanged(itemIds: readonly string[], changeType: 'updated' | 'stock' = 'stock') {
    const occurredAt = new Date().toISOString();
    return this.publish(
      businesscentralItemChangedV1,
      itemIds.map((itemId) => ({ connectionId: this.connectionId, itemId, changeType, source: 'scan' as const, occurredAt })),
    );
  }

  /** Store stock and prices by SKU (control API: costs none of the store's API quota). */
  async store(): Promise<{ stock: Record<string, number>; prices: Record<string, string> }> {
    return this.sandbox.control.request('GET', '/bigcommerce/state');
  }

  private async addConnection(): Promise<void> {
    const env = (name: string) => {
      const value = this.sandbox.env[name];
      if (value === undefined) throw new Error(`the sandbox gave no ${name}`);
      return value;
    };
    await this.runtime.ctx.registry.add(
      {
        id: this.connectionId,
        name: 'catalog-writer test',
        bigcommerce: { storeHash: 'sandbox', storeId: '1001234567' },
        businessCentral: {
          tenantId: env('BC_TENANT_ID'),
          environment: 'sandbox',
          companyId: SANDBOX_COMPANY_ID,
          clientId: env('BC_CLIENT_ID'),
        },
        settings: { catalog: this.options.catalog ?? {}, orders: this.options.orders ?? {} },
        source: 'cli',
      },
      {
        bigcommerceAccessToken: env('BIGCOMMERCE_ACCESS_TOKEN'),
        bigcommerceClientSecret: env('BIGCOMMERCE_CLIENT_SECRET'),
        bcClientSecret: env('BC_CLIENT_SECRET'),
        webhookKey: randomBytes(32).toString('base64'),
      },
    );
  }

  /** New groups start where the topics end now, so history and other tests' events are not replayed. */
  private async moveGroupsToEnd(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (const [group, contract] of GROUPS) {
        const topic = contract.name;
        const offsets = await admin.fetchTopicOffsets(topic);
        await admin.setOffsets({
          groupId: `${group}${this.config.CATALOG_WRITER_GROUP_SUFFIX}`,
          topic,
          partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })),
        });
      }
    } finally {
      await admin.disconnect();
    }
  }
}
