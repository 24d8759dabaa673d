import { ErrorCode, OutcomeUnknownError, RetryableError } from '@mlc/platform-errors';
import { BusinessCentralApiError, EntityChangedError } from './business-central-errors';
import { scrubRemoteMessage } from './remote-message';

/*
 * Business Central API v2.0 answers -> the connector's closed error set.
 *
 * Follows the documented error table of the BC API ("Error codes", dev-itpro/developer/devenv-api-error-codes) and the
 * online operational limits: error bodies are `{"error":{"code","message"}}`; a stale If-Match is 409
 * `Request_EntityChanged` (not 412) while 409 `Internal_EntityWithSameKeyExists` is a duplicate key; a missing
 * If-Match is 400 `BadRequest_InvalidToken`; `Application_*` codes are AL business rules (4xx); 401
 * `Authentication_InvalidCredentials`; 429 `Application_TooManyRequests` (rate, queue or connection limit, never
 * executed); 408 session cancelled after the 8-minute operation timeout; 502/503 transient (Retry-After); 504 gateway
 * timeout; 507 is not retried. Which of tenant, environment, company or record is wrong follows from BC's code and
 * from what the request addressed. A write that may have executed (timeout, 5xx) is never reported as a plain
 * retryable error: it is OutcomeUnknownError, so the caller looks the document up before trying again.
 */

/** What the failed request addressed: env-level path (companies, subscriptions), a company collection, or a keyed record. */
export type BcTarget = 'environment' | 'company' | 'entity';

export interface BcFailure {
  readonly status: number;
  readonly bcCode?: string;
  readonly bcMessage?: string;
  /** `GET customers`, `POST salesInvoices({id})/Microsoft.NAV.post`: method and path template, no ids or filters. */
  readonly operation: string;
  readonly target: BcTarget;
  /** A create or bound action: not idempotent, so a retryable failure means the outcome is unknown. */
  readonly nonIdempotentWrite: boolean;
  readonly retryAfterMs?: number;
}

type Outcome = 'retry' | 'permanent' | 'entity-changed';

export interface BcErrorRow {
  readonly status?: number | readonly [number, number];
  readonly bcCode?: string | RegExp;
  readonly target?: BcTarget;
  readonly outcome: Outcome;
  readonly code: ErrorCode;
  readonly reason: string;
  /** The request provably never ran (throttled, tenant offline), so even a write may simply be repeated. */
  readonly notExecuted?: boolean;
}

/** First matching row wins. Rows keyed on BC's code come before rows keyed on status alone. */
// One row per line reads as a table.
// prettier-ignore
export const BUSINESS_CENTRAL_ERROR_TABLE: readonly BcErrorRow[] = [
  { bcCode: 'Internal_CompanyNotFound', outcome: 'permanent', code: 'CONFIG', reason: 'company not found in this environment: check the company id (BC_COMPANY_ID)' },
  { bcCode: 'Request_EntityChanged', outcome: 'entity-changed', code: 'CONFLICT', reason: 'the record changed since it was read (stale If-Match ETag): re-read and re-apply' },
  { bcCode: 'Internal_EntityWithSameKeyExists', outcome: 'permanent', code: 'CONFLICT', reason: 'a record with the same key already exists' },
  { bcCode: 'BadRequest_InvalidToken', outcome: 'permanent', code: 'BAD_REQUEST', reason: 'missing or malformed If-Match concurrency token' },
  { bcCode: 'Application_TooManyRequests', outcome: 'retry', code: 'RATE_LIMITED', reason: 'rate limited by Business Central', notExecuted: true },
  { status: 429, outcome: 'retry', code: 'RATE_LIMITED', reason: 'rate limited by Business Central', notExecuted: true },
  { bcCode: 'Internal_TenantUnavailable', outcome: 'retry', code: 'DEPENDENCY_DOWN', reason: 'the tenant is unavailable (maintenance or upgrade)', notExecuted: true },
  { status: 401, outcome: 'permanent', code: 'UNAUTHORIZED', reason: 'Business Central rejected the access token: the Entra app must be registered and enabled in BC (Microsoft Entra Applications page) and the tenant must own this environment' },
  { status: 403, outcome: 'permanent', code: 'FORBIDDEN', reason: "the app's permission sets in Business Central do not allow this operation" },
  { status: 404, target: 'environment', outcome: 'permanent', code: 'CONFIG', reason: 'tenant or environment not found: check the tenant id (BC_TENANT_ID) and environment name (BC_ENVIRONMENT)' },
  { status: 404, target: 'company', outcome: 'permanent', code: 'CONFIG', reason: 'company-scoped path not found: check the company id (BC_COMPANY_ID) and environment name (BC_ENVIRONMENT)' },
  { status: 404, target: 'entity', outcome: 'permanent', code: 'NOT_FOUND', reason: 'record not found' },
  { status: 405, outcome: 'permanent', code: 'BAD_REQUEST', reason: 'method not allowed on this resource' },
  { status: 408, outcome: 'retry', code: 'TIMEOUT', reason: 'Business Central cancelled the session (operation timeout)' },
  { status: 409, outcome: 'permanent', code: 'CONFLICT', reason: 'conflict' },
  { status: 413, outcome: 'permanent', code: 'BAD_REQUEST', reason: 'request too large: split it' },
  { status: 400, bcCode: /^Application_/, outcome: 'permanent', code: 'VALIDATION', reason: 'a Business Central business rule rejected the request' },
  { status: 400, outcome: 'permanent', code: 'BAD_REQUEST', reason: 'bad request' },
  { status: 504, outcome: 'retry', code: 'TIMEOUT', reason: 'gateway timeout' },
  { status: 507, outcome: 'permanent', code: 'INSUFFICIENT_STORAGE', reason: 'insufficient storage' },
  { status: [500, 599], outcome: 'retry', code: 'SERVER_ERROR', reason: 'server error' },
  { status: [400, 499], bcCode: /^Application_/, outcome: 'permanent', code: 'VALIDATION', reason: 'a Business Central business rule rejected the request' },
  { status: [400, 499], outcome: 'permanent', code: 'BAD_REQUEST', reason: 'client error' },
  { outcome: 'permanent', code: 'BAD_REQUEST', reason: 'unexpected status' },
];

/** The row that decides a failure; exported for the table test. */
export function matchErrorRow(failure: BcFailure): BcErrorRow {
  const row = BUSINESS_CENTRAL_ERROR_TABLE.find((r) => rowMatches(r, failure));
  // The last row matches everything, so this never happens.
  if (!row) throw new TypeError('business-central error table has no catch-all row');
  return row;
}

/** Maps one non-2xx answer to exactly one error of the closed set. The message names BC's code, never the body. */
export function businessCentralErrorFor(failure: BcFailure): Error {
  const row = matchErrorRow(failure);
  const remote = scrubRemoteMessage(failure.bcMessage);
  const codePart = failure.bcCode ? ` ${failure.bcCode}` : '';
  const message = `business-central ${failure.operation} -> ${failure.status}${codePart}: ${row.reason}${remote ? ` (BC says: ${remote})` : ''}`;
  const details = {
    operation: `business-central ${failure.operation}`,
    status: failure.status,
    retryAfterMs: failure.retryAfterMs,
  };
  if (row.outcome === 'entity-changed') return new EntityChangedError(message, details);
  if (row.outcome === 'permanent') return new BusinessCentralApiError(row.code, message, failure.bcCode, details);
  if (failure.nonIdempotentWrite && !row.notExecuted) {
    return new OutcomeUnknownError(`${message}; the write may have been applied: look it up before repeating`, details);
  }
  return new RetryableError(row.code, message, details);
}

function rowMatches(row: BcErrorRow, f: BcFailure): boolean {
  if (row.target !== undefined && row.target !== f.target) return false;
  if (row.bcCode !== undefined) {
    if (f.bcCode === undefined) return false;
    if (typeof row.bcCode === 'string' ? row.bcCode !== f.bcCode : !row.bcCode.test(f.bcCode)) return false;
  }
  if (row.status === undefined) return true;
  if (typeof row.status === 'number') return row.status === f.status;
  return f.status >= row.status[0] && f.status <= row.status[1];
}
