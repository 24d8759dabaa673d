import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import {
  bigcommerceCatalogSignalV1,
  bigcommerceOrderSignalV1,
  bigcommerceWebhookReceivedV1,
  businesscentralCustomerChangedV1,
  businesscentralItemChangedV1,
  businesscentralRescanRequestedV1,
} from '@mlc/contracts';
import {
  CONNECTIONS_MIGRATIONS,
  CONNECTIONS_SCHEMA,
  ConnectionCredentials,
  ConnectionRegistry,
  hookSecret,
  subscriptionClientState,
  WebhookScheme,
} from '@mlc/connections';
import { masterKeyFromBase64, SecretBox } from '@mlc/platform-crypto';
import { createLogger, Logger, startHttpService } from '@mlc/platform-observability';
import { DataSource, openDatabase } from '@mlc/platform-persistence';
import { stackEnv, testKafka, uniqueName } from '@mlc/testing';
import { IngressRuntime } from '../boot/ingress-runtime';
import { IngressConfig, loadIngressConfig } from '../config';
import { ingressAppModule } from '../ingress.module';
import { TopicTap } from './topic-tap';

export const TEST_MASTER_KEY = Buffer.alloc(32, 42).toString('base64');

/** Every topic ingress writes, for the tap. */
export const INGRESS_TOPICS = [
  bigcommerceWebhookReceivedV1,
  bigcommerceOrderSignalV1,
  bigcommerceCatalogSignalV1,
  businesscentralItemChangedV1,
  businesscentralCustomerChangedV1,
  businesscentralRescanRequestedV1,
];

/** A connection registered for one test, with the secrets a sender would hold. */
export interface TestConnection {
  readonly id: string;
  readonly storeHash: string;
  readonly storeId: string;
  readonly companyId: string;
  readonly clientSecret: string;
  /** The value of the x-ml-connector-secret header. */
  readonly hookSecret: string;
  readonly clientState: string;
}

export interface HarnessOptions {
  /** Defaults to a silent logger. */
  readonly logger?: Logger;
  /** Wait until every dependency is up (default true). */
  readonly waitForBoot?: boolean;
}

/** Ingress running in this process on a free port, against the real Kafka, registry and PostgreSQL. */
export class IngressHarness {
  private closed = false;

  private constructor(
    readonly app: INestApplication,
    readonly baseUrl: string,
    readonly config: IngressConfig,
    private readonly db: DataSource,
    private readonly registry: ConnectionRegistry,
    private readonly created: string[] = [],
  ) {}

  static async start(env: Record<string, string> = {}, options: HarnessOptions = {}): Promise<IngressHarness> {
    const config = loadIngressConfig({
      MASTER_KEY: TEST_MASTER_KEY,
      HTTP_PORT: '0',
      KAFKA_BROKERS: stackEnv.KAFKA_BROKERS,
      SCHEMA_REGISTRY_URL: stackEnv.SCHEMA_REGISTRY_URL,
      DATABASE_URL: stackEnv.DATABASE_URL,
      LOG_LEVEL: 'silent',
      ...env,
    });
    const logger = options.logger ?? createLogger('ingress-test', config.logLevel);
    const app = await startHttpService({
      module: ingressAppModule(config, logger),
      service: 'ingress',
      host: '127.0.0.1',
      port: 0,
      logger,
      rawBodyOnly: true,
    });
    if (options.waitForBoot !== false) await app.get(IngressRuntime, { strict: false }).whenBooted();
    const { port } = app.getHttpServer().address() as AddressInfo;
    const db = await openDatabase({
      url: stackEnv.DATABASE_URL,
      schema: CONNECTIONS_SCHEMA,
      migrations: CONNECTIONS_MIGRATIONS,
      poolSize: 2,
    });
    const registry = new ConnectionRegistry(db, new SecretBox(masterKeyFromBase64(TEST_MASTER_KEY)), 0);
    return new IngressHarness(app, `http://127.0.0.1:${port}`, config, db, registry);
  }

  get runtime(): IngressRuntime {
    return this.app.get(IngressRuntime, { strict: false });
  }

  /** Registers a connection with a unique id, store and company, allowing the given webhook schemes. */
  async addConnection(schemes?: WebhookScheme[]): Promise<TestConnection> {
    const id = uniqueName('ingress');
    const storeHash = `st${randomBytes(4).toString('hex')}`;
    const storeId = String(1_000_000 + Math.floor(Math.random() * 8_000_000));
    const companyId = randomUUID();
    const credentials: ConnectionCredentials = {
      bigcommerceAccessToken: `token-${randomBytes(8).toString('hex')}`,
      bigcommerceClientSecret: `client-secret-${randomBytes(8).toString('hex')}`,
      bcClientSecret: `bc-secret-${randomBytes(8).toString('hex')}`,
      webhookKey: randomBytes(32).toString('base64'),
    };
    await this.registry.add(
      {
        id,
        name: `ingress test ${id}`,
        bigcommerce: { storeHash, storeId },
        businessCentral: { tenantId: randomUUID(), environment: 'sandbox', companyId, clientId: randomUUID() },
        settings: schemes ? { webhooks: { schemes } } : undefined,
        source: 'cli',
      },
      credentials,
    );
    this.created.push(id);
    return {
      id,
      storeHash,
      storeId,
      companyId,
      clientSecret: credentials.bigcommerceClientSecret,
      hookSecret: hookSecret(id, credentials),
      clientState: subscriptionClientState(id, credentials),
    };
  }

  /** Removes a connection this test did not add through addConnection (the env connection). */
  async removeConnection(id: string): Promise<void> {
    await this.registry.remove(id);
  }

  /** A tap on every topic ingress writes, started now (on the shared broker unless told otherwise). */
  tap(kafka: Kafka = testKafka('ingress-test-tap')): Promise<TopicTap> {
    return TopicTap.start(kafka, stackEnv.SCHEMA_REGISTRY_URL, INGRESS_TOPICS);
  }

  /** The value of a counter line in /metrics, 0 when absent. */
  async metric(name: string, labels: Record<string, string>): Promise<number> {
    const text = await (await fetch(`${this.baseUrl}/metrics`)).text();
    const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.app.close();
    for (const id of this.created) await this.registry.remove(id).catch(() => undefined);
    await this.db.destroy();
  }
}
