import { PermanentError } from '@mlc/platform-errors';
import { HeaderBag, headerValue } from '../rate-limit/rate-limit-headers';

/**
 * Decodes a BigCommerce body. An empty body (204, or 200 with nothing) is `EMPTY`; JSON (`application/json`,
 * `application/problem+json`) is parsed; an HTML page (a proxy or maintenance page) or any other non-JSON body on a
 * success status is a PermanentError naming the operation, never a JSON.parse crash.
 */
export const EMPTY: unique symbol = Symbol('empty body');

export type DecodedBody = unknown | typeof EMPTY;

export function decodeBody(status: number, headers: HeaderBag, body: string, operation: string): DecodedBody {
  const text = body.trim();
  if (status === 204 || text === '') return EMPTY;
  const contentType = (headerValue(headers, 'content-type') ?? '').toLowerCase();
  if (contentType.includes('html') || text.startsWith('<')) {
    throw notJson(operation, status, 'an HTML page');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw notJson(operation, status, 'a body that is not JSON');
  }
}

/** Best effort for error statuses: their bodies only add detail, so unreadable ones are simply dropped. */
export function decodeErrorBody(headers: HeaderBag, body: string): unknown {
  try {
    const decoded = decodeBody(200, headers, body, '');
    return decoded === EMPTY ? undefined : decoded;
  } catch {
    return undefined;
  }
}

function notJson(operation: string, status: number, what: string): PermanentError {
  return new PermanentError('SCHEMA_MISMATCH', `bigcommerce ${operation} answered ${status} with ${what}, not JSON`, {
    status,
    operation: `bigcommerce ${operation}`,
  });
}
