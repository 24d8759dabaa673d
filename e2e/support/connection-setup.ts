import { randomBytes } from 'node:crypto';
import { createBigCommerceApi } from '@mlc/bigcommerce';
import { createBusinessCentral, type BusinessCentral } from '@mlc/business-central';
import { CONNECTIONS_MIGRATIONS, CONNECTIONS_SCHEMA, ConnectionRegistry } from '@mlc/connections';
import { masterKeyFromBase64, SecretBox } from '@mlc/platform-crypto';
import { openDatabase, type DataSource } from '@mlc/platform-persistence';
import type { SandboxProcess } from '@mlc/testing';

/** The sandbox's one company and its chart of accounts (apps/sandbox README). */
export const SANDBOX_COMPANY_ID = '5a3a1c2e-7b1d-4c1f-9f0e-2d4c6b8a0c01';
const SANDBOX_ACCOUNTS = {
  shipping: '40400',
  handling: '40410',
  wrapping: '40420',
  giftCertificateLiability: '22100',
  refunds: '40900',
  storeTax: '22500',
};
export const DOCUMENT_PREFIX = 'BC-';

/** A BC client on the sandbox company, for lookups by the test itself. */
export function sandboxBc(sandbox: SandboxProcess, connectionId: string): BusinessCentral {
  return createBusinessCentral({
    connectionId,
    tenantId: sandbox.env.BC_TENANT_ID!,
    environment: sandbox.env.BC_ENVIRONMENT!,
    companyId: SANDBOX_COMPANY_ID,
    clientId: sandbox.env.BC_CLIENT_ID!,
    clientSecret: sandbox.env.BC_CLIENT_SECRET!,
    apiUrl: sandbox.env.BC_API_URL,
    authorityUrl: sandbox.env.ENTRA_AUTHORITY_URL,
  });
}

/** Settings that sync into the sandbox company: posted invoices, its G/L accounts, Austin's tax area. */
export async function sandboxSettings(bc: BusinessCentral): Promise<Record<string, unknown>> {
  const austin = await bc.taxAreas.byCode('TX-AUSTIN');
  return {
    orders: {
      externalDocumentPrefix: DOCUMENT_PREFIX,
      accounts: SANDBOX_ACCOUNTS,
      customer: { defaults: { taxAreaId: austin!.id } },
      taxGroups: { items: 'TAXABLE' },
    },
    catalog: { driftCorrectionQuietMs: 10_000 },
  };
}

/**
 * Registers the connection the way an operator's `connections add` would (store id read from the store), with its
 * settings in place before any service starts: a settings change later makes running services rebuild clients.
 */
export async function registerConnection(
  databaseUrl: string,
  masterKey: string,
  sandbox: SandboxProcess,
  connectionId: string,
): Promise<{ registry: ConnectionRegistry; db: DataSource }> {
  const db = await openDatabase({ url: databaseUrl, schema: CONNECTIONS_SCHEMA, migrations: CONNECTIONS_MIGRATIONS, poolSize: 2 });
  const registry = new ConnectionRegistry(db, new SecretBox(masterKeyFromBase64(masterKey)), 0);
  const store = createBigCommerceApi({
    storeHash: sandbox.env.BIGCOMMERCE_STORE_HASH!,
    accessToken: sandbox.env.BIGCOMMERCE_ACCESS_TOKEN!,
    connectionId,
    apiUrl: sandbox.env.BIGCOMMERCE_API_URL,
  });
  const bc = sandboxBc(sandbox, connectionId);
  try {
    await registry.add(
      {
        id: connectionId,
        name: connectionId,
        bigcommerce: { storeHash: sandbox.env.BIGCOMMERCE_STORE_HASH!, storeId: String((await store.storeInformation()).store_id) },
        businessCentral: {
          tenantId: sandbox.env.BC_TENANT_ID!,
          environment: sandbox.env.BC_ENVIRONMENT!,
          companyId: SANDBOX_COMPANY_ID,
          clientId: sandbox.env.BC_CLIENT_ID!,
        },
        settings: await sandboxSettings(bc),
        source: 'cli',
      },
      {
        bigcommerceAccessToken: sandbox.env.BIGCOMMERCE_ACCESS_TOKEN!,
        bigcommerceClientSecret: sandbox.env.BIGCOMMERCE_CLIENT_SECRET!,
        bcClientSecret: sandbox.env.BC_CLIENT_SECRET!,
        webhookKey: randomBytes(32).toString('base64'),
      },
    );
  } finally {
    await Promise.all([bc.close(), store.close()]);
  }
  return { registry, db };
}
