import type { SandboxResponse } from '../../core/router';

/**
 * BigCommerce's two error shapes: v2 answers a bare JSON array `[{status, message}]`, v3 a problem-style object
 * `{status, title, type[, errors]}`; the Inventory API sends the v3 shape as `application/problem+json` with an
 * absolute `type` URL.
 */
export type ApiVersion = 'v2' | 'v3';

export const V3_ERROR_TYPE = '/api-docs/getting-started/api-status-codes';
export const V3_ABSOLUTE_ERROR_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';
export const NOT_FOUND_MESSAGE = 'The requested resource was not found.';

export function v2Error(status: number, message: string, headers?: Record<string, string>): SandboxResponse {
  return { status, headers, body: [{ status, message }] };
}

export function v3Error(
  status: number,
  title: string,
  errors?: Record<string, unknown>,
  headers?: Record<string, string>,
): SandboxResponse {
  const body: Record<string, unknown> = { status, title, type: V3_ERROR_TYPE };
  if (errors !== undefined) body.errors = errors;
  return { status, headers, body };
}

/** Inventory API errors: problem+json, absolute type URL, `errors` always present. */
export function inventoryError(status: number, title: string, errors: Record<string, unknown> = {}): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: { status, title, type: V3_ABSOLUTE_ERROR_TYPE, errors },
  };
}

/** Refund endpoints wrap their 4xx in `{data: [error]}`. */
export function refundError(status: number, title: string): SandboxResponse {
  return { status, body: { data: [{ status, title, type: V3_ABSOLUTE_ERROR_TYPE }] } };
}

export function versionedError(
  version: ApiVersion,
  status: number,
  text: string,
  headers?: Record<string, string>,
): SandboxResponse {
  return version === 'v2' ? v2Error(status, text, headers) : v3Error(status, text, undefined, headers);
}

export function notFound(version: ApiVersion): SandboxResponse {
  return version === 'v2' ? v2Error(404, NOT_FOUND_MESSAGE) : v3Error(404, 'Not Found');
}
