import type { Kafka } from 'kafkajs';
import { ALL_TOPICS } from '@mlc/contracts';
import { CONNECTIONS_MIGRATIONS, CONNECTIONS_SCHEMA, ConnectionRegistry } from '@mlc/connections';
import { MasterKey, masterKeyFromBase64, SecretBox } from '@mlc/platform-crypto';
import { describeError, dispositionOf } from '@mlc/platform-errors';
import { createKafka, EventProducer, provisionTopics, SchemaSerde } from '@mlc/platform-kafka';
import { breakerState, createLogger, Logger, ReadinessRegistry } from '@mlc/platform-observability';
import { DataSource, MigrationInterface, openDatabase, pingDatabase } from '@mlc/platform-persistence';
import { BreakerRegistry, fullJitterDelay, sleep } from '@mlc/platform-resilience';
import { ConnectionClients } from './connection-clients';
import { ensureConnectionFromEnv } from './env-connection';
import type { ServiceConfig } from './service.config';

export interface ServiceContextOptions {
  readonly service: string;
  readonly config: ServiceConfig;
  /** The service's own Postgres schema and migrations (the parking lot's migration is added for consumers). */
  readonly schema: string;
  readonly migrations: Array<new () => MigrationInterface>;
  readonly readiness: ReadinessRegistry;
  readonly logger?: Logger;
}

/** What every service shares: logs, Kafka, the registry, its database, the connection registry and clients. */
export interface ServiceContext {
  readonly service: string;
  readonly config: ServiceConfig;
  readonly logger: Logger;
  readonly kafka: Kafka;
  readonly serde: SchemaSerde;
  readonly producer: EventProducer;
  readonly db: DataSource;
  readonly registry: ConnectionRegistry;
  readonly clients: ConnectionClients;
  readonly masterKey: MasterKey;
  /** The consumer group id for a pipeline name, with the configured prefix. */
  consumerGroup(name: string): string;
  /** Whether a new consumer group reads the topic from its beginning (KAFKA_START_FROM). */
  readonly fromBeginning: boolean;
  close(): Promise<void>;
}

/**
 * Connects to everything a service needs, waiting (with a log line naming what is missing, and readiness false) while
 * the broker, the registry or the database are unreachable, instead of crash-looping without a message.
 */
export async function createServiceContext(opts: ServiceContextOptions): Promise<ServiceContext> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(opts.service, config.LOG_LEVEL);
  const masterKey = masterKeyFromBase64(config.MASTER_KEY);
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: `ml-connector-${opts.service}`, logger });
  const serde = new SchemaSerde(config.SCHEMA_REGISTRY_URL);
  const producer = new EventProducer(kafka, serde);

  const connectionsDb = await untilAvailable(logger, 'PostgreSQL (connections schema)', () =>
    openDatabase({
      url: config.DATABASE_URL,
      schema: CONNECTIONS_SCHEMA,
      migrations: CONNECTIONS_MIGRATIONS,
      poolSize: 4,
    }),
  );
  const db = await untilAvailable(logger, `PostgreSQL (${opts.schema} schema)`, () =>
    openDatabase({
      url: config.DATABASE_URL,
      schema: opts.schema,
      migrations: opts.migrations,
      applicationName: opts.service,
    }),
  );
  await untilAvailable(logger, `Kafka at ${config.KAFKA_BROKERS.join(',')}`, () => provisionTopics(kafka, ALL_TOPICS));
  await untilAvailable(logger, 'the schema registry', async () => {
    for (const topic of ALL_TOPICS) await serde.schemaId(topic);
  });
  await untilAvailable(logger, 'the Kafka producer', () => producer.connect());

  const registry = new ConnectionRegistry(connectionsDb, new SecretBox(masterKey));
  const breakers = new BreakerRegistry(undefined, (system, connection, state) => {
    breakerState.set({ system, connection }, state === 'open' ? 1 : state === 'half-open' ? 0.5 : 0);
    logger.warn({ system, connectionId: connection, state }, 'circuit breaker state changed');
  });
  const clients = new ConnectionClients(registry, config, breakers, logger);
  await untilAvailable(logger, 'the env-declared connection', () =>
    ensureConnectionFromEnv(config, registry, masterKey),
  );

  opts.readiness.register('database', () => pingDatabase(db));
  opts.readiness.register('kafka', () => brokerAnswers(kafka));

  return {
    service: opts.service,
    config,
    logger,
    kafka,
    serde,
    producer,
    db,
    registry,
    clients,
    masterKey,
    consumerGroup: (name) => `${config.KAFKA_GROUP_PREFIX}${name}`,
    fromBeginning: config.KAFKA_START_FROM === 'earliest',
    close: async () => {
      await clients.close();
      await producer.disconnect().catch(() => undefined);
      await db.destroy().catch(() => undefined);
      await connectionsDb.destroy().catch(() => undefined);
    },
  };
}

/**
 * `MIGRATE_ONLY=true`: applies the service's migrations (and the registry's) and returns true, so main can exit
 * without starting consumers or HTTP; the Helm migrations Job runs every service this way before an upgrade. A service
 * without a schema of its own (ingress) applies the registry's only.
 */
export async function migrateOnly(
  opts: Pick<ServiceContextOptions, 'service' | 'config' | 'logger'> &
    Partial<Pick<ServiceContextOptions, 'schema' | 'migrations'>>,
): Promise<boolean> {
  if (!opts.config.MIGRATE_ONLY) return false;
  const logger = opts.logger ?? createLogger(opts.service, opts.config.LOG_LEVEL);
  const own: ReadonlyArray<readonly [string, ReadonlyArray<new () => MigrationInterface>]> =
    opts.schema && opts.migrations ? [[opts.schema, opts.migrations]] : [];
  for (const [schema, migrations] of [[CONNECTIONS_SCHEMA, CONNECTIONS_MIGRATIONS] as const, ...own]) {
    const db = await openDatabase({ url: opts.config.DATABASE_URL, schema, migrations: [...migrations], poolSize: 1 });
    await db.destroy();
    logger.info({ schema }, 'migrations applied');
  }
  return true;
}

/** Retries `fn` while it fails with a retryable error, logging each wait; permanent errors end the boot. */
export async function untilAvailable<T>(
  logger: Logger,
  what: string,
  fn: () => Promise<T>,
  maxWaitMs = 10 * 60_000,
): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (err) {
      if (dispositionOf(err) !== 'retry' && !isConnectionRefusal(err)) throw err;
      if (Date.now() - started > maxWaitMs) throw err;
      const delay = Math.max(500, fullJitterDelay(attempt, 1000, 15_000));
      logger.warn({ reason: describeError(err).message, retryInMs: delay }, `waiting for ${what}`);
      await sleep(delay);
    }
  }
}

function isConnectionRefusal(err: unknown): boolean {
  const text = err instanceof Error ? `${err.name} ${err.message}` : String(err);
  return /ECONNREFUSED|ETIMEDOUT|KafkaJSConnectionError|KafkaJSNumberOfRetriesExceeded|socket hang up|getaddrinfo/i.test(
    text,
  );
}

async function brokerAnswers(kafka: Kafka): Promise<boolean> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
