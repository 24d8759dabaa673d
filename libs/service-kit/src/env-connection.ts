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
 * id comes from `GET /v2/store`; the company id, when BC_COMPANY_ID is unset, from the environment's only company. An
 * existing env connection is left as it is; a connection of the same id added with the CLI is a CONFLICT.
 */
export async function ensureConnectionFromEnv(
  config: ServiceConfig,
  registry: ConnectionRegistry,
  master: MasterKey,
): Promise<Connection | undefined> {
  if (!config.CONNECTION_ID) return undefined;
  const existing = await registry.get(config.CONNECTION_ID);
  if (existing) {
    // The env must not silently stand for a connection someone added with the CLI under the same id.
    if (existing.source !== 'env') {
      throw new PermanentError(
        'CONFLICT',
        `connection ${config.CONNECTION_ID} exists and was added by the CLI; remove it or change CONNECTION_ID`,
      );
    }
    return existing;
  }
  const missing = REQUIRED.filter((name) => !config[name]);
  if (missing.length > 0) {
    throw new PermanentError('CONFIG', `CONNECTION_ID is set, so ${missing.join(', ')} must be set too`);
  }
  const env = requiredOf(config);
  const api = createBigCommerceApi({
    storeHash: env.BIGCOMMERCE_STORE_HASH,
    accessToken: env.BIGCOMMERCE_ACCESS_TOKEN,
    connectionId: config.CONNECTION_ID,
    apiUrl: config.BIGCOMMERCE_API_URL,
  });
  let store: Awaited<ReturnType<typeof api.storeInformation>>;
  try {
    store = await api.storeInformation();
  } finally {
    await api.close();
  }
  const companyId = config.BC_COMPANY_ID ?? (await onlyCompany(config, config.CONNECTION_ID, env));
  return ensureEnvConnection(
    registry,
    {
      id: config.CONNECTION_ID,
      storeHash: env.BIGCOMMERCE_STORE_HASH,
      storeId: String(store.store_id),
      accessToken: env.BIGCOMMERCE_ACCESS_TOKEN,
      clientSecret: env.BIGCOMMERCE_CLIENT_SECRET,
      tenantId: env.BC_TENANT_ID,
      environment: env.BC_ENVIRONMENT,
      companyId,
      bcClientId: env.BC_CLIENT_ID,
      bcClientSecret: env.BC_CLIENT_SECRET,
    },
    master,
  );
}

type RequiredEnv = Record<(typeof REQUIRED)[number], string>;

/** The env connection's variables, checked present by the caller. */
function requiredOf(config: ServiceConfig): RequiredEnv {
  return Object.fromEntries(REQUIRED.map((name) => [name, config[name] ?? ''])) as RequiredEnv;
}

async function onlyCompany(config: ServiceConfig, connectionId: string, env: RequiredEnv): Promise<string> {
  const bc = createBusinessCentral({
    connectionId,
    tenantId: env.BC_TENANT_ID,
    environment: env.BC_ENVIRONMENT,
    clientId: env.BC_CLIENT_ID,
    clientSecret: env.BC_CLIENT_SECRET,
    apiUrl: config.BC_API_URL,
    authorityUrl: config.ENTRA_AUTHORITY_URL,
  });
  try {
    const companies = await bc.companies.list();
    const [only] = companies;
    if (!only || companies.length !== 1) {
      throw new PermanentError(
        'CONFIG',
        `BC environment has ${companies.length} companies: set BC_COMPANY_ID to choose one`,
      );
    }
    return only.id;
  } finally {
    await bc.close();
  }
}
