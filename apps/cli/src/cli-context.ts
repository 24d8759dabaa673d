import type { Admin, Kafka } from 'kafkajs';
import { CONNECTIONS_MIGRATIONS, CONNECTIONS_SCHEMA, ConnectionRegistry } from '@mlc/connections';
import { masterKeyFromBase64, SecretBox } from '@mlc/platform-crypto';
import { createKafka, EventProducer, SchemaSerde } from '@mlc/platform-kafka';
import { createLogger, Logger } from '@mlc/platform-observability';
import { DataSource, openDatabase } from '@mlc/platform-persistence';
import { CliError, EXIT } from './cli-error';
import { CLI_MIGRATIONS } from './cli.migrations';
import { CliConfig, loadCliConfig } from './config';

/** Connections to the stack, opened on first use and closed once the command ends. */
export class CliContext {
  readonly config: CliConfig;
  readonly logger: Logger;
  private readonly closers: Array<() => Promise<unknown>> = [];
  private connectionsDb?: Promise<DataSource>;
  private cliDb?: Promise<DataSource>;
  private kafkaClient?: Kafka;
  private adminClient?: Promise<Admin>;
  private producerClient?: EventProducer;

  constructor(config: CliConfig = loadCliConfig()) {
    this.config = config;
    this.logger = createLogger('cli', this.config.LOG_LEVEL);
  }

  masterBox(): SecretBox {
    if (!this.config.MASTER_KEY) throw new CliError('MASTER_KEY is not set: it is needed to read or write credentials', EXIT.config);
    return new SecretBox(masterKeyFromBase64(this.config.MASTER_KEY));
  }

  async registry(box: SecretBox = this.masterBox()): Promise<ConnectionRegistry> {
    return new ConnectionRegistry(await this.database(), box, 0);
  }

  database(): Promise<DataSource> {
    if (!this.connectionsDb) {
      this.connectionsDb = openDatabase({ url: this.config.DATABASE_URL, schema: CONNECTIONS_SCHEMA, migrations: CONNECTIONS_MIGRATIONS, poolSize: 2 });
      this.closers.push(async () => (await this.connectionsDb!).destroy());
    }
    return this.connectionsDb;
  }

  /** The CLI's own schema (`cli`), with its migrations applied. */
  ownDatabase(): Promise<DataSource> {
    if (!this.cliDb) {
      this.cliDb = openDatabase({ url: this.config.DATABASE_URL, schema: 'cli', migrations: CLI_MIGRATIONS, poolSize: 1 });
      this.closers.push(async () => (await this.cliDb!).destroy());
    }
    return this.cliDb;
  }

  /** Opens another service's schema read-only by convention (no migrations are run from the CLI). */
  async schema(schema: string): Promise<DataSource> {
    const db = await openDatabase({ url: this.config.DATABASE_URL, schema, migrations: [], poolSize: 2 });
    this.closers.push(() => db.destroy());
    return db;
  }

  kafka(): Kafka {
    this.kafkaClient ??= createKafka({ brokers: this.config.KAFKA_BROKERS, clientId: 'ml-connector-cli', logger: this.logger });
    return this.kafkaClient;
  }

  admin(): Promise<Admin> {
    if (!this.adminClient) {
      const admin = this.kafka().admin();
      this.adminClient = admin.connect().then(() => admin);
      this.closers.push(() => admin.disconnect());
    }
    return this.adminClient;
  }

  producer(): EventProducer {
    if (!this.producerClient) {
      const producer = new EventProducer(this.kafka(), new SchemaSerde(this.config.SCHEMA_REGISTRY_URL));
      this.producerClient = producer;
      this.closers.push(() => producer.disconnect());
    }
    return this.producerClient;
  }

  /** Registers something to close when the command ends. */
  onClose(close: () => Promise<unknown>): void {
    this.closers.push(close);
  }

  async close(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await close().catch(() => undefined);
  }
}

/** Runs a command body with a context that is always closed. */
export async function withContext<T>(body: (ctx: CliContext) => Promise<T>): Promise<T> {
  const ctx = new CliContext();
  try {
    return await body(ctx);
  } finally {
    await ctx.close();
  }
}
