import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { ConnectionRegistry } from '@mlc/connections';
import { openDatabase, type DataSource } from '@mlc/platform-persistence';
import {
  Cleanup,
  createScratchDatabase,
  freePort,
  PrivateKafka,
  repoRoot,
  stackEnv,
  startSandboxProcess,
  uniqueName,
  type SandboxProcess,
  type ScratchDatabase,
} from '@mlc/testing';
import { registerConnection } from './connection-setup';
import { SERVICE_NAMES, ServiceProcesses, type ServiceName } from './service-processes';

/** The run's own broker: a smaller heap than the shared one (it runs beside it and six services). */
const E2E_KAFKA = { dirPrefix: 'mlc-e2e-kafka-', heap: { minMb: 128, maxMb: 384 }, offsetsTopicPartitions: 3, readyTimeoutMs: 90_000 };

/**
 * Each process's share of the external budgets. BigCommerce: order reads first (catalog-writer's share is the
 * connection's catalog setting). BC: 6000 requests per 5 minutes and 5 at once per user, split so the total fits.
 */
const SHARES: Record<ServiceName, Record<string, string>> = {
  ingress: { BIGCOMMERCE_QUOTA_SHARE: '0.05', BC_MAX_CONCURRENT: '1', BC_REQUESTS_PER_5_MIN: '200' },
  'bc-watcher': { BIGCOMMERCE_QUOTA_SHARE: '0.15', BC_MAX_CONCURRENT: '1', BC_REQUESTS_PER_5_MIN: '800' },
  // Every partition of the order topic at once (it has 6): a handler spends most of its time waiting on BC answers
  // and retries, so three at a time left half the partitions queueing behind them.
  'bc-writer': { BIGCOMMERCE_QUOTA_SHARE: '0.5', BC_MAX_CONCURRENT: '3', BC_REQUESTS_PER_5_MIN: '4200', BC_WRITER_CONCURRENCY: '6' },
  'catalog-writer': { BIGCOMMERCE_QUOTA_SHARE: '0.3', BC_MAX_CONCURRENT: '1', BC_REQUESTS_PER_5_MIN: '800' },
};

/**
 * The whole product on one machine for an end-to-end run: the sandboxes, a private Kafka broker (restartable), a
 * scratch database, the connection registered like `connections add` would, and the four services as processes.
 */
export class ConnectorStack {
  private constructor(
    readonly connectionId: string,
    readonly sandbox: SandboxProcess,
    readonly kafka: PrivateKafka,
    readonly database: ScratchDatabase,
    readonly registry: ConnectionRegistry,
    readonly services: ServiceProcesses,
    private readonly cleanup: Cleanup,
  ) {}

  static async start(sandboxEnv: Record<string, string> = {}): Promise<ConnectorStack> {
    const cleanup = new Cleanup();
    try {
      const sandbox = await startSandboxProcess(sandboxEnv);
      cleanup.add(() => sandbox.stop());
      const kafka = await PrivateKafka.start(E2E_KAFKA);
      cleanup.add(() => kafka.destroy());
      const database = await createScratchDatabase(stackEnv.DATABASE_URL, 'e2e');
      cleanup.add(() => database.drop());
      const connectionId = uniqueName('e2e');
      const masterKey = randomBytes(32).toString('base64');
      const { registry, db } = await registerConnection(database.url, masterKey, sandbox, connectionId);
      cleanup.add(() => db.destroy());
      const ports = Object.fromEntries(await Promise.all(SERVICE_NAMES.map(async (n) => [n, await freePort()]))) as Record<ServiceName, number>;
      const common = {
        ...sandbox.env,
        KAFKA_BROKERS: kafka.brokers,
        SCHEMA_REGISTRY_URL: stackEnv.SCHEMA_REGISTRY_URL,
        DATABASE_URL: database.url,
        MASTER_KEY: masterKey,
        ADMIN_TOKEN: randomBytes(24).toString('base64'),
        PUBLIC_BASE_URL: `http://127.0.0.1:${ports.ingress}`,
        // The private broker holds only this run's messages: groups read from the start of each topic.
        KAFKA_GROUP_PREFIX: `${connectionId}.`,
        KAFKA_START_FROM: 'earliest',
        LOG_LEVEL: 'info',
        WATCH_INTERVAL_MS: '3000',
        BC_WRITER_RESUME_INTERVAL_MS: '1000',
        CATALOG_DRIFT_CHECK_INTERVAL_MS: '15000',
        CATALOG_LEVELS_STABLE_MS: '3000',
      };
      const logDir = path.join(repoRoot(), '.local/e2e', connectionId);
      const services = new ServiceProcesses((name) => ({ ...common, ...SHARES[name] }), ports, logDir);
      cleanup.add(() => services.stopAll());
      await services.start('ingress');
      await Promise.all((['bc-watcher', 'bc-writer', 'catalog-writer'] as const).map((n) => services.start(n)));
      return new ConnectorStack(connectionId, sandbox, kafka, database, registry, services, cleanup);
    } catch (err) {
      await cleanup.run();
      throw err;
    }
  }

  /** A read-only view of one service's schema in the scratch database (closed with the stack). */
  async schema(schema: string): Promise<DataSource> {
    const db = await openDatabase({ url: this.database.url, schema, migrations: [], poolSize: 2 });
    this.cleanup.add(() => db.destroy());
    return db;
  }

  /** Stops the broker (controlled shutdown), keeps it down for `downMs`, starts it again. */
  async restartKafka(downMs: number): Promise<void> {
    await this.kafka.stop();
    await new Promise((r) => setTimeout(r, downMs));
    await this.kafka.resume();
  }

  async stop(): Promise<void> {
    await this.cleanup.run();
  }
}
