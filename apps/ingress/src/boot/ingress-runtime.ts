import { Admin, Kafka, logLevel } from 'kafkajs';
import {
  ALL_TOPICS,
  bigcommerceCatalogSignalV1,
  bigcommerceOrderSignalV1,
  bigcommerceWebhookReceivedV1,
} from '@mlc/contracts';
import {
  businesscentralCustomerChangedV1,
  businesscentralItemChangedV1,
  businesscentralRescanRequestedV1,
} from '@mlc/contracts';
import { CONNECTIONS_MIGRATIONS, CONNECTIONS_SCHEMA, ConnectionRegistry } from '@mlc/connections';
import { masterKeyFromBase64, SecretBox } from '@mlc/platform-crypto';
import { RetryableError } from '@mlc/platform-errors';
import { createKafka, provisionTopics, SchemaSerde } from '@mlc/platform-kafka';
import type { Logger, ReadinessRegistry } from '@mlc/platform-observability';
import { DataSource, openDatabase, pingDatabase } from '@mlc/platform-persistence';
import { ensureConnectionFromEnv } from '@mlc/service-kit';
import type { IngressConfig } from '../config';
import { ConnectionDirectory, ConnectionSource } from '../connections/connection-directory';
import { DedupWindow } from '../dedup/dedup-window';
import { dedupEntries, produceBatchRecords, produceSeconds } from '../metrics/ingress-metrics';
import { BatchPublisher } from '../publishing/batch-publisher';
import { KafkaBatchSender } from '../publishing/kafka-batch-sender';
import { RecordPublisher } from '../publishing/record-publisher';
import { retryForever } from './retry-forever';

/** The topics ingress writes; their schemas are registered at boot so the hot path never waits for the registry. */
const PUBLISHED = [
  bigcommerceWebhookReceivedV1,
  bigcommerceOrderSignalV1,
  bigcommerceCatalogSignalV1,
  businesscentralItemChangedV1,
  businesscentralCustomerChangedV1,
  businesscentralRescanRequestedV1,
];

/**
 * Ingress's dependencies and their lifecycle. The HTTP server starts at once; PostgreSQL (registry migrations), Kafka
 * (topics, producer), the schema registry and the env connection are brought up in the background, each retried with
 * backoff and a log line naming it, and requests are answered 503 until all are up. Shutdown waits for every record
 * already handed to the producer before disconnecting it.
 */
export class IngressRuntime {
  readonly kafka: Kafka;
  /** A client without retries, for fast probes: the main client's retries would hide a dead broker for 30 s. */
  private readonly probeKafka: Kafka;
  readonly dedup: DedupWindow;
  readonly publisher: RecordPublisher;
  readonly directory: ConnectionDirectory;
  private readonly serde: SchemaSerde;
  private readonly senders: KafkaBatchSender[];
  private readonly batches: BatchPublisher;
  private readonly aborter = new AbortController();
  private db?: DataSource;
  private registry?: ConnectionRegistry;
  private admin?: Admin;
  private schemasReady = false;
  private booted = false;
  private closing = false;
  private pruner?: NodeJS.Timeout;
  private bootDone?: Promise<void>;

  constructor(
    private readonly config: IngressConfig,
    private readonly logger: Logger,
  ) {
    this.kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'ml-connector-ingress', logger });
    this.probeKafka = new Kafka({
      brokers: config.kafkaBrokers,
      clientId: 'ml-connector-ingress-probe',
      connectionTimeout: 2000,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
    this.serde = new SchemaSerde(config.schemaRegistryUrl);
    this.senders = Array.from({ length: config.producers }, () => new KafkaBatchSender(this.kafka));
    this.batches = new BatchPublisher(this.senders, {
      maxBatchMessages: 5000,
      maxQueuedMessages: 50_000,
      stallMs: config.publishTimeoutMs,
      lingerMs: config.lingerMs,
      onSend: ({ messages, seconds, ok }) => {
        produceSeconds.observe({ outcome: ok ? 'acked' : 'failed' }, seconds);
        produceBatchRecords.observe(messages);
      },
    });
    this.publisher = new RecordPublisher(this.serde, this.batches);
    this.dedup = new DedupWindow({ ttlMs: config.dedupTtlMs, maxEntries: config.dedupMaxEntries });
    this.directory = new ConnectionDirectory(this.connectionSource(), {
      ttlMs: config.connectionCacheMs,
      maxEntries: 10_000,
    });
  }

  /** True once every dependency came up, until shutdown starts: requests are handled only then. */
  get accepting(): boolean {
    return this.booted && !this.closing;
  }

  /** Starts the background boot and registers the readiness checks. */
  start(readiness: ReadinessRegistry): void {
    readiness.register('database', async () => (this.db ? pingDatabase(this.db) : false));
    readiness.register('broker', () => this.brokerAnswers());
    readiness.register('schemas', async () => this.schemasReady);
    readiness.register('accepting', async () => this.accepting);
    this.pruner = setInterval(() => {
      this.dedup.prune();
      dedupEntries.set(this.dedup.size);
    }, 10_000).unref();
    this.bootDone = this.boot().catch((err: unknown) => this.logger.error({ err }, 'ingress boot failed'));
  }

  /** Resolves once the background boot finished (tests and the benchmark wait on it). */
  whenBooted(): Promise<void> {
    return this.bootDone ?? Promise.resolve();
  }

  /** Stops answering requests with anything but 503, and stops the boot if it is still running. */
  beginShutdown(): void {
    this.closing = true;
    this.aborter.abort();
  }

  /** After the HTTP server drained: wait for records in flight, then disconnect everything. */
  async close(): Promise<void> {
    this.beginShutdown();
    clearInterval(this.pruner);
    await Promise.race([
      this.batches.drained(),
      new Promise((r) => setTimeout(r, this.config.publishTimeoutMs).unref()),
    ]);
    await Promise.all(this.senders.map((s) => s.disconnect().catch(() => undefined)));
    await this.admin?.disconnect().catch(() => undefined);
    await this.db?.destroy().catch(() => undefined);
  }

  private async boot(): Promise<void> {
    const options = { logger: this.logger, signal: this.aborter.signal };
    const results = await Promise.all([
      retryForever(`PostgreSQL at ${hostOf(this.config.databaseUrl)}`, () => this.openDatabase(), options),
      retryForever(`Kafka at ${this.config.kafkaBrokers.join(',')}`, () => this.openKafka(), options),
      retryForever(
        `schema registry at ${hostOf(this.config.schemaRegistryUrl)}`,
        () => this.registerSchemas(),
        options,
      ),
    ]);
    if (!results.every(Boolean)) return;
    const spec = this.config.envConnection;
    const registry = this.registry;
    if (spec && registry) {
      const master = masterKeyFromBase64(this.config.masterKey);
      const ensured = await retryForever(
        `env connection ${spec.id} (BigCommerce GET /v2/store${spec.companyId ? '' : ', BC companies'})`,
        async () => {
          await ensureConnectionFromEnv(this.config.env, registry, master);
        },
        options,
      );
      if (!ensured) return;
    }
    this.booted = true;
    this.logger.info('ingress: database, broker and schema registry ready; accepting deliveries');
  }

  private async openDatabase(): Promise<void> {
    const db = await openDatabase({
      url: this.config.databaseUrl,
      schema: CONNECTIONS_SCHEMA,
      migrations: CONNECTIONS_MIGRATIONS,
      poolSize: 4,
      applicationName: 'ml-connector-ingress',
    });
    if (this.aborter.signal.aborted) {
      await db.destroy();
      return;
    }
    this.db = db;
    // A short registry cache only pairs get() and credentials() into one query; ConnectionDirectory caches for real.
    this.registry = new ConnectionRegistry(db, new SecretBox(masterKeyFromBase64(this.config.masterKey)), 1000);
  }

  private async openKafka(): Promise<void> {
    const probe = this.probeKafka.admin();
    try {
      await probe.connect();
    } finally {
      await probe.disconnect().catch(() => undefined);
    }
    await provisionTopics(this.kafka, ALL_TOPICS);
    await Promise.all(this.senders.map((s) => s.connect()));
  }

  private async registerSchemas(): Promise<void> {
    await Promise.all(PUBLISHED.map((contract) => this.serde.schemaId(contract)));
    this.schemasReady = true;
  }

  private connectionSource(): ConnectionSource {
    const call = async <T>(fn: (registry: ConnectionRegistry) => Promise<T>): Promise<T> => {
      if (!this.registry) throw new RetryableError('DEPENDENCY_DOWN', 'connection registry not open yet');
      try {
        return await fn(this.registry);
      } catch (err) {
        throw new RetryableError('DEPENDENCY_DOWN', `connection registry lookup failed: ${(err as Error).message}`, {
          cause: err,
        });
      }
    };
    return { get: (id) => call((r) => r.get(id)), credentials: (id) => call((r) => r.credentials(id)) };
  }

  private async brokerAnswers(): Promise<boolean> {
    try {
      if (!this.admin) {
        this.admin = this.probeKafka.admin();
        await this.admin.connect();
      }
      await this.admin.describeCluster();
      return true;
    } catch {
      const stale = this.admin;
      this.admin = undefined;
      await stale?.disconnect().catch(() => undefined);
      return false;
    }
  }
}

/** `host:port/path` of a URL, without credentials or query: safe to log. */
function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
