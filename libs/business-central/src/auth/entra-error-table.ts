import { ErrorCode, PermanentError, RetryableError } from '@mlc/platform-errors';

/*
 * Microsoft Entra ID token endpoint (client credentials) failures -> the connector's closed error set.
 *
 * Follows the Entra ID error reference (AADSTS codes, entra-docs "Microsoft Entra authentication and authorization
 * error codes"): errors are HTTP 400 (401 for some `invalid_client`) with `{error, error_description:"AADSTSnnnn: ...",
 * error_codes:[n]}`; 429 and 5xx are transient. Messages say which setting is wrong and never echo the secret, the
 * form or Entra's description (it can quote identifiers back).
 */

export interface EntraErrorRow {
  readonly aadsts: number;
  readonly code: ErrorCode;
  readonly reason: string;
}

// One row per line reads as a table.
// prettier-ignore
export const ENTRA_ERROR_TABLE: readonly EntraErrorRow[] = [
  { aadsts: 90002, code: 'CONFIG', reason: 'tenant not found: check the tenant id (BC_TENANT_ID)' },
  { aadsts: 900023, code: 'CONFIG', reason: 'tenant id is neither a GUID nor a valid domain: check BC_TENANT_ID' },
  { aadsts: 90013, code: 'CONFIG', reason: 'tenant id is invalid: check BC_TENANT_ID' },
  { aadsts: 700016, code: 'CONFIG', reason: 'application (client id) not found in this tenant: check BC_CLIENT_ID and that the app is registered in this tenant' },
  { aadsts: 7000215, code: 'UNAUTHORIZED', reason: 'invalid client secret: check BC_CLIENT_SECRET (use the secret value, not its id)' },
  { aadsts: 7000222, code: 'UNAUTHORIZED', reason: 'the client secret has expired: create a new one and update BC_CLIENT_SECRET' },
  { aadsts: 1002012, code: 'CONFIG', reason: 'invalid scope: the client credentials flow needs https://api.businesscentral.dynamics.com/.default' },
  { aadsts: 70011, code: 'CONFIG', reason: 'invalid scope: the client credentials flow needs https://api.businesscentral.dynamics.com/.default' },
  { aadsts: 500011, code: 'CONFIG', reason: 'Business Central is not present or not consented in this tenant: grant admin consent to API.ReadWrite.All' },
  { aadsts: 7000112, code: 'CONFIG', reason: 'the application is disabled in this tenant' },
  { aadsts: 900144, code: 'BAD_REQUEST', reason: 'the token request is missing a form field' },
];

export interface EntraFailure {
  readonly status: number;
  /** The OAuth `error` field (`invalid_client`, `invalid_scope`, ...). */
  readonly error?: string;
  readonly errorCodes?: readonly number[];
  readonly description?: string;
  readonly retryAfterMs?: number;
}

const OPERATION = 'entra-id POST token';

/** Maps one failed token request to exactly one error of the closed set. */
export function entraErrorFor(failure: EntraFailure): Error {
  const details = { operation: OPERATION, status: failure.status, retryAfterMs: failure.retryAfterMs };
  if (failure.status === 429 || failure.status >= 500 || failure.status === 408) {
    const code: ErrorCode =
      failure.status === 429 ? 'RATE_LIMITED' : failure.status === 408 ? 'TIMEOUT' : 'SERVER_ERROR';
    return new RetryableError(code, `${OPERATION} -> ${failure.status}: Entra ID is unavailable, retry later`, details);
  }
  const aadsts = aadstsOf(failure);
  const row = ENTRA_ERROR_TABLE.find((r) => r.aadsts === aadsts);
  const label = aadsts === undefined ? (failure.error ?? 'no error code') : `AADSTS${aadsts}`;
  if (row) return new PermanentError(row.code, `${OPERATION} -> ${failure.status} ${label}: ${row.reason}`, details);
  const fallback = failure.error === 'invalid_client' ? 'client id or secret rejected' : 'token request rejected';
  return new PermanentError('UNAUTHORIZED', `${OPERATION} -> ${failure.status} ${label}: ${fallback}`, details);
}

function aadstsOf(failure: EntraFailure): number | undefined {
  const first = failure.errorCodes?.[0];
  if (first !== undefined) return first;
  const match = /AADSTS(\d+)/.exec(failure.description ?? '');
  return match ? Number(match[1]) : undefined;
}
