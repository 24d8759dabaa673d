import { ErrorCode, PermanentError, RetryableError } from '@mlc/platform-errors';
import { summarizeErrorBody } from './error-body';

/**
 * BigCommerce HTTP status -> the closed error set, following BigCommerce's "API status codes" guide
 * (developer.bigcommerce.com/docs/start/about/status-codes) and DESIGN.md 6: 408, 429 and 5xx except 507 are
 * transient (retry with backoff, honouring X-Rate-Limit-Time-Reset-Ms / Retry-After); 507 (plan limit reached) and
 * every other 4xx fail the same way every time. 401 means the token was rejected, 403 that it lacks an OAuth scope,
 * 404 on `GET /v2/store` that the store hash is wrong. Body shapes (v2 arrays, v3 problem objects, batch errors)
 * only add a cleaned title and field names to the message.
 */
export interface StatusRule {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly meaning: string;
}

export const BIGCOMMERCE_STATUS_TABLE: Readonly<Record<number, StatusRule>> = {
  400: { code: 'BAD_REQUEST', retryable: false, meaning: 'malformed request' },
  401: { code: 'UNAUTHORIZED', retryable: false, meaning: 'access token rejected' },
  403: { code: 'FORBIDDEN', retryable: false, meaning: 'access token lacks the OAuth scope' },
  404: { code: 'NOT_FOUND', retryable: false, meaning: 'not found' },
  405: { code: 'BAD_REQUEST', retryable: false, meaning: 'method not allowed' },
  406: { code: 'BAD_REQUEST', retryable: false, meaning: 'Accept header not supported' },
  408: { code: 'TIMEOUT', retryable: true, meaning: 'request timeout' },
  409: { code: 'CONFLICT', retryable: false, meaning: 'conflict' },
  413: { code: 'VALIDATION', retryable: false, meaning: 'payload too large' },
  415: { code: 'BAD_REQUEST', retryable: false, meaning: 'unsupported Content-Type' },
  422: { code: 'VALIDATION', retryable: false, meaning: 'unprocessable entity' },
  423: { code: 'CONFLICT', retryable: false, meaning: 'resource locked' },
  429: { code: 'RATE_LIMITED', retryable: true, meaning: 'store rate limit reached' },
  500: { code: 'SERVER_ERROR', retryable: true, meaning: 'internal server error' },
  502: { code: 'SERVER_ERROR', retryable: true, meaning: 'bad gateway' },
  503: { code: 'SERVER_ERROR', retryable: true, meaning: 'service unavailable' },
  504: { code: 'SERVER_ERROR', retryable: true, meaning: 'gateway timeout' },
  507: { code: 'INSUFFICIENT_STORAGE', retryable: false, meaning: 'plan limit reached' },
};

const OTHER_CLIENT_ERROR: StatusRule = { code: 'BAD_REQUEST', retryable: false, meaning: 'client error' };
const OTHER_SERVER_ERROR: StatusRule = { code: 'SERVER_ERROR', retryable: true, meaning: 'server error' };
const UNEXPECTED: StatusRule = { code: 'BAD_REQUEST', retryable: false, meaning: 'unexpected status' };

export const STORE_INFORMATION_OPERATION = 'GET /v2/store';

export function ruleForStatus(status: number): StatusRule {
  const rule = BIGCOMMERCE_STATUS_TABLE[status];
  if (rule) return rule;
  if (status >= 400 && status < 500) return OTHER_CLIENT_ERROR;
  if (status >= 500 && status < 600) return OTHER_SERVER_ERROR;
  return UNEXPECTED;
}

export interface ErrorResponse {
  readonly status: number;
  /** The decoded JSON body when there was one; HTML or text bodies are passed as undefined. */
  readonly body?: unknown;
  readonly retryAfterMs?: number;
}

export interface ErrorContext {
  /** Method and path template, e.g. `GET /v2/orders/{id}`. */
  readonly operation: string;
  readonly storeHash: string;
}

/** The error for a non-2xx answer. Messages carry method, path template, status and a cleaned title only. */
export function bigCommerceError(response: ErrorResponse, context: ErrorContext): RetryableError | PermanentError {
  const rule = ruleForStatus(response.status);
  const details = {
    status: response.status,
    operation: `bigcommerce ${context.operation}`,
    retryAfterMs: rule.retryable ? response.retryAfterMs : undefined,
  };
  const message = messageFor(response, rule, context);
  return rule.retryable
    ? new RetryableError(rule.code, message, details)
    : new PermanentError(rule.code, message, details);
}

function messageFor(response: ErrorResponse, rule: StatusRule, context: ErrorContext): string {
  const where = `bigcommerce ${context.operation}`;
  const store = `store "${context.storeHash}"`;
  if (response.status === 401) {
    return `${where}: BigCommerce rejected the access token for ${store} (401): check the token and that it belongs to this store hash`;
  }
  if (response.status === 403) return `${where}: the access token for ${store} lacks the OAuth scope (403)`;
  if (response.status === 404 && context.operation === STORE_INFORMATION_OPERATION) {
    return `${where}: ${store} was not found (404): check the store hash`;
  }
  const summary = summarizeErrorBody(response.body);
  const title = summary.title ? `: ${summary.title}` : '';
  const fields = summary.fields.length ? ` [fields: ${summary.fields.join(', ')}]` : '';
  return `${where} failed with ${response.status} (${rule.meaning})${title}${fields}`;
}
