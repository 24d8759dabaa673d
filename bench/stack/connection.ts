import { Kafka, logLevel } from 'kafkajs';
import { createBigCommerceApi } from '@mlc/bigcommerce';
import { createBusinessCentral } from '@mlc/business-central';
import { CONNECTIONS_MIGRATIONS, CONNECTIONS_SCHEMA, ConnectionRegistry, ensureEnvConnection } from '@mlc/connections';
import { masterKeyFromBase64, SecretBox } from '@mlc/platform-crypto';
import { openDatabase } from '@mlc/platform-persistence';
import type { SandboxProcess } from '@mlc/testing';

export const SANDBOX_COMPANY_ID = '5a3a1c2e-7b1d-4c1f-9f0e-2d4c6b8a0c01';

/**
 * Declares the env connection in `databaseUrl` before any service starts, with the settings the sandbox company needs
 * (its G/L accounts, Austin's tax area): the services then find it instead of creating it with default settings.
 */
export async function declareConnection(databaseUrl: string, masterKey: string, sandbox: SandboxProcess, id: string): Promise<void> {
  const db = await openDatabase({ url: databaseUrl, schema: CONNECTIONS_SCHEMA, migrations: CONNECTIONS_MIGRATIONS, poolSize: 1 });
  const store = createBigCommerceApi({ storeHash: 'sandbox', accessToken: sandbox.env.BIGCOMMERCE_ACCESS_TOKEN!, connectionId: id, apiUrl: sandbox.env.BIGCOMMERCE_API_URL });
  const bc = createBusinessCentral({
    connectionId: id,
    tenantId: sandbox.env.BC_TENANT_ID!,
    environment: 'sandbox',
    companyId: SANDBOX_COMPANY_ID,
    clientId: sandbox.env.BC_CLIENT_ID!,
    clientSecret: sandbox.env.BC_CLIENT_SECRET!,
    apiUrl: sandbox.env.BC_API_URL,
    authorityUrl: sandbox.env.ENTRA_AUTHORITY_URL,
  });
  try {
    const austin = await bc.taxAreas.byCode('TX-AUSTIN');
    const registry = new ConnectionRegistry(db, new SecretBox(masterKeyFromBase64(masterKey)), 0);
    await ensureEnvConnection(
      registry,
      {
        id,
        storeHash: 'sandbox',
        storeId: String((await store.storeInformation()).store_id),
        accessToken: sandbox.env.BIGCOMMERCE_ACCESS_TOKEN!,
        clientSecret: sandbox.env.BIGCOMMERCE_CLIENT_SECRET!,
        tenantId: sandbox.env.BC_TENANT_ID!,
        environment: 'sandbox',
        companyId: SANDBOX_COMPANY_ID,
        bcClientId: sandbox.env.BC_CLIENT_ID!,
        bcClientSecret: sandbox.env.BC_CLIENT_SECRET!,
        settings: {
          orders: {
            accounts: { shipping: '40400', handling: '40410', wrapping: '40420', giftCertificateLiability: '22100', refunds: '40900', storeTax: '22500' },
            customer: { defaults: { taxAreaId: austin!.id } },
            taxGroups: { items: 'TAXABLE' },
          },
        },
      },
      masterKeyFromBase64(masterKey),
    );
  } finally {
    await Promise.all([bc.close(), store.close(), db.destroy()]);
  }
}

/** The consumer groups of one run, committed at their topics' ends: a new group would read the shared history. */
export function runGroups(suffix: string): { env: Record<string, string>; groups: Array<[string, string]> } {
  const env = {
    BC_WRITER_ORDER_GROUP: `bc-writer.orders${suffix}`,
    BC_WRITER_CUSTOMER_GROUP: `bc-writer.customers${suffix}`,
    CATALOG_WRITER_GROUP_SUFFIX: suffix,
    WATCH_CONSUMER_GROUP: `bc-watcher${suffix}`,
  };
  return {
    env,
    groups: [
      [env.BC_WRITER_ORDER_GROUP, 'bigcommerce.order-signal.v1'],
      [env.BC_WRITER_CUSTOMER_GROUP, 'businesscentral.customer-changed.v1'],
      [`catalog-writer.items${suffix}`, 'businesscentral.item-changed.v1'],
      [`catalog-writer.catalog${suffix}`, 'bigcommerce.catalog-signal.v1'],
      [`catalog-writer.order-states${suffix}`, 'sync.order-state.v1'],
      [env.WATCH_CONSUMER_GROUP, 'businesscentral.rescan-requested.v1'],
    ],
  };
}

export async function positionAtEnd(brokers: string, groups: ReadonlyArray<[string, string]>): Promise<void> {
  const admin = new Kafka({ clientId: 'bench-stack', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = new Set(await admin.listTopics());
    await Promise.all(
      groups
        .filter(([, topic]) => topics.has(topic))
        .map(async ([groupId, topic]) => {
          const ends = await admin.fetchTopicOffsets(topic);
          await admin.setOffsets({ groupId, topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
        }),
    );
  } finally {
    await admin.disconnect();
  }
}
