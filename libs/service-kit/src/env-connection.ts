import { createBigCommerceApi } from '@mlc/bigcommerce';
import { createBusinessCentral } from '@mlc/business-central';
import { Connection, ConnectionRegistry, ensureEnvConnection } from '@mlc/connections';
import { MasterKey } from '@mlc/platform-crypto';
import { PermanentError } from '@mlc/platform-errors';
import type { ServiceConfig } from './service.config';

const REQUIRED = [
  'BIGCOMMERCE_STORE_HASH',
  'BIGCOMMERCE_ACCESS_TOKEN',
  'BIGCOMMERCE_CLIENT_SECRET',
  'BC_TENANT_ID',
  'BC_ENVIRONMENT',
  'BC_CLIENT_ID',
  'BC_CLIENT_SECRET',
] as const;

/**
 * Registers the connection declared through env (CONNECTION_ID and friends), when there is one. The store's numeric
 * id comes from `GET /v2/store`; the company id, when BC_COMPANY_ID is unset, from the environment's only company.
 */
export async function ensureConnectionFromEnv(
  config: ServiceConfig,
  registry: ConnectionRegistry,
  master: MasterKey,
): Promise<Connection | undefined> {
  if (!config.CONNECTION_ID) return undefined;
  const existing = await registry.get(config.CONNECTION_ID);
  if (existing) return existing;
  const missing = REQUIRED.filter((name) => !config[name]);
  if (missing.length > 0) {
    throw new PermanentError('CONFIG', `CONNECTION_ID is set, so ${missing.join(', ')} must be set too`);
  }
  const store = await createBigCommerceApi({
    storeHash: config.BIGCOMMERCE_STORE_HASH!,
    accessToken: config.BIGCOMMERCE_ACCESS_TOKEN!,
    connectionId: config.CONNECTION_ID,
    apiUrl: config.BIGCOMMERCE_API_URL,
  }).storeInformation();
  const companyId = config.BC_COMPANY_ID ?? (await onlyCompany(config));
  return ensureEnvConnection(
    registry,
    {
      id: config.CONNECTION_ID,
      storeHash: config.BIGCOMMERCE_STORE_HASH!,
      storeId: String(store.store_id),
      accessToken: config.BIGCOMMERCE_ACCESS_TOKEN!,
      clientSecret: config.BIGCOMMERCE_CLIENT_SECRET!,
      tenantId: config.BC_TENANT_ID!,
      environment: config.BC_ENVIRONMENT!,
      companyId,
      bcClientId: config.BC_CLIENT_ID!,
      bcClientSecret: config.BC_CLIENT_SECRET!,
    },
    master,
  );
}

async function onlyCompany(config: ServiceConfig): Promise<string> {
  const bc = createBusinessCentral({
    connectionId: config.CONNECTION_ID!,
    tenantId: config.BC_TENANT_ID!,
    environment: config.BC_ENVIRONMENT!,
    clientId: config.BC_CLIENT_ID!,
    clientSecret: config.BC_CLIENT_SECRET!,
    apiUrl: config.BC_API_URL,
    authorityUrl: config.ENTRA_AUTHORITY_URL,
  });
  try {
    const companies = await bc.companies.list();
    if (companies.length !== 1) {
      throw new PermanentError('CONFIG', `BC environment has ${companies.length} companies: set BC_COMPANY_ID to choose one`);
    }
    return companies[0]!.id;
  } finally {
    await bc.close();
  }
}
