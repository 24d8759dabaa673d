import { createBigCommerceApi } from '@mlc/bigcommerce';
import { ConnectionRegistry, ensureEnvConnection } from '@mlc/connections';
import type { MasterKey } from '@mlc/platform-crypto';
import { PermanentError } from '@mlc/platform-errors';
import type { EnvConnectionConfig } from '../config';

/**
 * Makes the env-declared connection exist (DESIGN.md 10). Its numeric store id, which deliveries carry, is read once
 * from the store (`GET /v2/store`) when the connection is first added; an existing env connection is left as it is.
 */
export async function ensureIngressEnvConnection(
  registry: ConnectionRegistry,
  spec: EnvConnectionConfig,
  master: MasterKey,
  bigcommerceApiUrl: string,
): Promise<void> {
  const existing = await registry.get(spec.id);
  if (existing) {
    if (existing.source !== 'env') {
      throw new PermanentError(
        'CONFLICT',
        `connection ${spec.id} exists and was added by the CLI; remove it or change CONNECTION_ID`,
      );
    }
    return;
  }
  const api = createBigCommerceApi({
    storeHash: spec.storeHash,
    accessToken: spec.accessToken,
    connectionId: spec.id,
    apiUrl: bigcommerceApiUrl,
  });
  let storeId: string;
  try {
    storeId = String((await api.storeInformation()).store_id);
  } finally {
    await api.close();
  }
  await ensureEnvConnection(registry, { ...spec, storeId }, master);
}
