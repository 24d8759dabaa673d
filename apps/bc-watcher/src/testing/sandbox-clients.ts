import { createBigCommerceApi } from '@mlc/bigcommerce';
import { BusinessCentral, createBusinessCentral } from '@mlc/business-central';
import type { SandboxProcess } from '@mlc/testing';

/** Test-side BC client on the sandbox (default credentials), bound to its only company. */
export async function sandboxBusinessCentral(sandbox: SandboxProcess): Promise<BusinessCentral> {
  const need = envOf(sandbox);
  const options = {
    connectionId: 'test-observer',
    tenantId: need('BC_TENANT_ID'),
    environment: need('BC_ENVIRONMENT'),
    clientId: need('BC_CLIENT_ID'),
    clientSecret: need('BC_CLIENT_SECRET'),
    apiUrl: need('BC_API_URL'),
    authorityUrl: need('ENTRA_AUTHORITY_URL'),
  };
  const probe = createBusinessCentral(options);
  const [company] = await probe.companies.list();
  await probe.close();
  if (!company) throw new Error('the sandbox has no company');
  return createBusinessCentral({ ...options, companyId: company.id });
}

/** Test-side BigCommerce client on the sandbox store. */
export function sandboxBigCommerce(sandbox: SandboxProcess) {
  return createBigCommerceApi({
    storeHash: envOf(sandbox)('BIGCOMMERCE_STORE_HASH'),
    accessToken: envOf(sandbox)('BIGCOMMERCE_ACCESS_TOKEN'),
    connectionId: 'test-observer',
    apiUrl: sandbox.env.BIGCOMMERCE_API_URL,
  });
}

/** Moves the sandbox clock forward; returns the new offset of sandbox time over local time. */
export async function advanceSandboxClock(sandbox: SandboxProcess, ms: number): Promise<number> {
  const { now } = await sandbox.control.request<{ now: string }>('POST', '/clock', { advanceMs: ms });
  return Date.parse(now) - Date.now();
}

function envOf(sandbox: SandboxProcess): (name: string) => string {
  return (name) => {
    const value = sandbox.env[name];
    if (!value) throw new Error(`the sandbox env has no ${name}`);
    return value;
  };
}
