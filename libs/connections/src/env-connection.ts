import { deriveKey, MasterKey } from '@mlc/platform-crypto';
import { PermanentError } from '@mlc/platform-errors';
import type { ConnectionRegistry } from './connection-registry';
import type { Connection } from './connection';

/** The connection declared through env (DESIGN.md section 10), after the app resolved the store and company ids. */
export interface EnvConnectionSpec {
  readonly id: string;
  readonly storeHash: string;
  readonly storeId: string;
  readonly accessToken: string;
  readonly clientSecret: string;
  readonly tenantId: string;
  readonly environment: string;
  readonly companyId: string;
  readonly bcClientId: string;
  readonly bcClientSecret: string;
  readonly settings?: unknown;
}

/**
 * Makes the env-declared connection exist in the registry. Idempotent and safe when every service does it at once:
 * the webhook key is derived from MASTER_KEY and the id, so all of them agree on it without coordination.
 */
export async function ensureEnvConnection(registry: ConnectionRegistry, spec: EnvConnectionSpec, master: MasterKey): Promise<Connection> {
  const existing = await registry.get(spec.id);
  if (existing) {
    if (existing.source !== 'env') {
      throw new PermanentError('CONFLICT', `connection ${spec.id} exists and was added by the CLI; remove it or change CONNECTION_ID`);
    }
    return existing;
  }
  try {
    return await registry.add(
      {
        id: spec.id,
        name: `${spec.id} (from env)`,
        bigcommerce: { storeHash: spec.storeHash, storeId: spec.storeId },
        businessCentral: { tenantId: spec.tenantId, environment: spec.environment, companyId: spec.companyId, clientId: spec.bcClientId },
        settings: spec.settings,
        source: 'env',
      },
      {
        bigcommerceAccessToken: spec.accessToken,
        bigcommerceClientSecret: spec.clientSecret,
        bcClientSecret: spec.bcClientSecret,
        webhookKey: deriveKey(master, `webhook-key:${spec.id}`).toString('base64'),
      },
      'env',
    );
  } catch (err) {
    if (err instanceof PermanentError && err.code === 'CONFLICT') {
      const raced = await registry.get(spec.id);
      if (raced) return raced;
    }
    throw err;
  }
}
