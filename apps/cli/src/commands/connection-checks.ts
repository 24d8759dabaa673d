import { createBigCommerceApi } from '@mlc/bigcommerce';
import { createBusinessCentral } from '@mlc/business-central';
import { describeError } from '@mlc/platform-errors';
import type { CliConfig } from '../config';

export interface CheckResult {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface ConnectionTarget {
  readonly id: string;
  readonly storeHash: string;
  readonly accessToken: string;
  readonly tenantId: string;
  readonly environment: string;
  readonly companyId?: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** `GET /v2/store`: proves the store hash and token, and gives the store's numeric id and currency. */
export async function checkBigCommerce(config: CliConfig, t: ConnectionTarget): Promise<CheckResult & { storeId?: string }> {
  try {
    const store = await createBigCommerceApi({
      storeHash: t.storeHash,
      accessToken: t.accessToken,
      connectionId: t.id,
      apiUrl: config.BIGCOMMERCE_API_URL,
      retry: { attempts: 1, baseMs: 0, maxMs: 0 },
    }).storeInformation();
    return { check: 'bigcommerce', ok: true, detail: `store ${store.store_id} (${store.id}) reachable`, storeId: String(store.store_id) };
  } catch (err) {
    return { check: 'bigcommerce', ok: false, detail: plain(err) };
  }
}

/** An Entra token and one cheap BC call (the company), each failure said in plain words. */
export async function checkBusinessCentral(config: CliConfig, t: ConnectionTarget): Promise<CheckResult & { companyId?: string }> {
  const bc = createBusinessCentral({
    connectionId: t.id,
    tenantId: t.tenantId,
    environment: t.environment,
    clientId: t.clientId,
    clientSecret: t.clientSecret,
    apiUrl: config.BC_API_URL,
    authorityUrl: config.ENTRA_AUTHORITY_URL,
    retry: { attempts: 1, baseMs: 0, maxMs: 0 },
  });
  try {
    const companies = await bc.companies.list();
    const company = t.companyId
      ? await bc.companies.verify(t.companyId)
      : companies.length === 1
        ? companies[0]!
        : undefined;
    if (!company) {
      return { check: 'business-central', ok: false, detail: `the environment has ${companies.length} companies: pass --company` };
    }
    return { check: 'business-central', ok: true, detail: `company "${company.name}" reachable`, companyId: company.id };
  } catch (err) {
    return { check: 'business-central', ok: false, detail: plain(err) };
  } finally {
    await bc.close();
  }
}

/** BigCommerce only delivers webhooks to HTTPS on 443; loopback is accepted for local runs. */
export function checkPublicUrl(url: string): CheckResult {
  const parsed = new URL(url);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol === 'https:') return { check: 'public-url', ok: true, detail: `${parsed.origin} is HTTPS` };
  if (loopback) return { check: 'public-url', ok: true, detail: `${parsed.origin} is loopback (local runs only)` };
  return { check: 'public-url', ok: false, detail: `PUBLIC_BASE_URL ${parsed.origin} must be HTTPS: BigCommerce and BC deliver only to HTTPS` };
}

function plain(err: unknown): string {
  const { code, message } = describeError(err);
  const text = message.replace(/^[a-z-]+ [A-Z]+ \S+ -> /, '');
  const kind: Record<string, string> = {
    UNAUTHORIZED: 'credentials rejected',
    FORBIDDEN: 'missing API permission or scope',
    NOT_FOUND: 'not found',
    CONFIG: 'configuration problem',
    RATE_LIMITED: 'rate limited (try again shortly)',
    NETWORK: 'unreachable',
    TIMEOUT: 'unreachable (timed out)',
    DEPENDENCY_DOWN: 'unreachable',
    SERVER_ERROR: 'the service answered with a server error',
  };
  return `${kind[code] ?? code.toLowerCase()}: ${text}`;
}
