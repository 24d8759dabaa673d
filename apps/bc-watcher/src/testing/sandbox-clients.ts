import { createBigCommerceApi } from '@mlc/bigcommerce';
import { BusinessCentral, createBusinessCentral } from '@mlc/business-central';
import type { SandboxProcess } from '@mlc/testing';

/** Test-side BC client on the sandbox (default credentials), bound to its only company. */
export async function sandboxBusinessCentral(sandbox: SandboxProcess): Promise<BusinessCentral> {
  const env = sandbox.env;
  const options = {
    connectionId: 'test-observer',
    tenantId: env.BC_TENANT_ID!,
    environment: env.BC_ENVIRONMENT!,
    clientId: env.BC_CLIENT_ID!,
    clientSecret: env.BC_CLIENT_SECRET!,
    apiUrl: env.BC_API_URL,
    authorityUrl: env.ENTRA_AUTHORITY_URL,
  };
  const probe = createBusinessCentral(options);
  const [company] = await probe.companies.list();
  await probe.close();
  return createBusinessCentral({ ...options, companyId: company!.id });
}

/** Test-side BigCommerce client on the sandbox store. */
export function sandboxBigCommerce(sandbox: SandboxProcess) {
  return createBigCommerceApi({
    storeHash: sandbox.env.BIGCOMMERCE_STORE_HASH!,
    accessToken: sandbox.env.BIGCOMMERCE_ACCESS_TOKEN!,
    connectionId: 'test-observer',
    apiUrl: sandbox.env.BIGCOMMERCE_API_URL,
  });
}

/** Moves the sandbox clock forward; returns the new offset of sandbox time over local time. */
export async function advanceSandboxClock(sandbox: SandboxProcess, ms: number): Promise<number> {
  const { now } = await sandbox.control.request<{ now: string }>('POST', '/clock', { advanceMs: ms });
  return Date.parse(now) - Date.now();
}
