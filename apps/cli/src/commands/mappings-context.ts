import { createBusinessCentral, type BusinessCentral } from '@mlc/business-central';
import { CONNECTIONS_MIGRATIONS, CONNECTIONS_SCHEMA, ConnectionRegistry, type Connection } from '@mlc/connections';
import { masterKeyFromBase64, SecretBox } from '@mlc/platform-crypto';
import { PermanentError } from '@mlc/platform-errors';
import { DataSource, openDatabase } from '@mlc/platform-persistence';
import { loadMappingsConfig, type MappingsConfig } from './mappings.config';

/** bc-writer's schema, where the mapping table and the ledger live (written by bc-writer's migrations). */
export const BC_WRITER_SCHEMA = 'bc_writer';

/** What the `mappings` commands work with; close it when done. */
export interface MappingsContext {
  readonly config: MappingsConfig;
  readonly registry: ConnectionRegistry;
  /** bc-writer's schema. */
  readonly writerDb: DataSource;
  connection(id: string): Promise<Connection>;
  /** A BC client for the connection, for checking items; closed with the context. */
  businessCentral(connection: Connection): Promise<BusinessCentral>;
  close(): Promise<void>;
}

export async function openMappingsContext(): Promise<MappingsContext> {
  const config = loadMappingsConfig();
  const connectionsDb = await openDatabase({ url: config.DATABASE_URL, schema: CONNECTIONS_SCHEMA, migrations: CONNECTIONS_MIGRATIONS, poolSize: 2 });
  const writerDb = await openDatabase({ url: config.DATABASE_URL, schema: BC_WRITER_SCHEMA, migrations: [], poolSize: 2 });
  const registry = new ConnectionRegistry(connectionsDb, new SecretBox(masterKeyFromBase64(config.MASTER_KEY)), 0);
  const clients: BusinessCentral[] = [];
  return {
    config,
    registry,
    writerDb,
    async connection(id) {
      const found = await registry.get(id);
      if (!found) throw new PermanentError('NOT_FOUND', `connection ${id} does not exist (see "ml-connector connections list")`);
      return found;
    },
    async businessCentral(connection) {
      const credentials = await registry.credentials(connection.id);
      const client = createBusinessCentral({
        connectionId: connection.id,
        tenantId: connection.businessCentral.tenantId,
        environment: connection.businessCentral.environment,
        companyId: connection.businessCentral.companyId,
        clientId: connection.businessCentral.clientId,
        clientSecret: credentials.bcClientSecret,
        apiUrl: config.BC_API_URL,
        authorityUrl: config.ENTRA_AUTHORITY_URL,
      });
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) await client.close();
      await writerDb.destroy();
      await connectionsDb.destroy();
    },
  };
}

/** Runs `work` with a context, closing it afterwards; a missing bc-writer table gets an explanation. */
export async function withMappingsContext<T>(work: (ctx: MappingsContext) => Promise<T>): Promise<T> {
  const ctx = await openMappingsContext();
  try {
    return await work(ctx);
  } catch (err) {
    if (err instanceof Error && /relation "[a-z_]+" does not exist/.test(err.message)) {
      throw new PermanentError('CONFIG', 'bc-writer has not created its tables in this database yet: start bc-writer once (it applies its migrations)');
    }
    throw err;
  } finally {
    await ctx.close();
  }
}
