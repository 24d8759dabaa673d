import { PermanentError } from '@mlc/platform-errors';

/** Which Business Central company one connection talks to. None of these is a secret. */
export interface BusinessCentralTarget {
  readonly connectionId: string;
  /** Entra tenant GUID or domain. */
  readonly tenantId: string;
  /** Environment name, e.g. `production` or `sandbox`. */
  readonly environment: string;
  /** Company GUID (`companies` lists them). Optional only for environment-level work such as resolving a company. */
  readonly companyId?: string;
  /** Default https://api.businesscentral.dynamics.com; the sandbox is http://127.0.0.1:4020. */
  readonly apiUrl?: string;
}

const TENANT = /^[A-Za-z0-9][A-Za-z0-9.-]{0,253}$/;
const ENVIRONMENT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,29}$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** `{apiUrl}/v2.0/{tenant}/{environment}/api/v2.0/`, after checking each part so a typo fails at boot, by name. */
export function environmentRoot(target: BusinessCentralTarget): string {
  const apiUrl = (target.apiUrl ?? 'https://api.businesscentral.dynamics.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(apiUrl))
    throw configError('BC API URL is not an http(s) URL (BC_API_URL)');
  if (!TENANT.test(target.tenantId)) throw configError('BC tenant id must be a GUID or a domain name (BC_TENANT_ID)');
  if (!ENVIRONMENT.test(target.environment))
    throw configError('BC environment name must be letters, digits, - or _ (BC_ENVIRONMENT)');
  if (target.companyId !== undefined && !GUID.test(target.companyId))
    throw configError('BC company id must be a GUID (BC_COMPANY_ID)');
  return `${apiUrl}/v2.0/${target.tenantId}/${target.environment}/api/v2.0/`;
}

export function configError(message: string): PermanentError {
  return new PermanentError('CONFIG', message);
}
