import { randomUUID } from 'node:crypto';
import type { SandboxResponse } from '../../core/router';

/** Entra ID's OAuth error body: error, AADSTS-coded description with trace/correlation ids, error_codes. */
export function entraError(status: number, error: string, code: number, message: string, now: Date): SandboxResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = `${now.toISOString().slice(0, 19).replace('T', ' ')}Z`;
  return {
    status,
    headers: { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' },
    body: {
      error,
      error_description: `AADSTS${code}: ${message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

/** Entra's answer to anything but POST on the token endpoint: 400 invalid_request, AADSTS900561. */
export function entraWrongMethod(method: string, now: Date): SandboxResponse {
  return entraError(
    400,
    'invalid_request',
    900561,
    `The endpoint only accepts POST, OPTIONS requests. Received a ${method} request.`,
    now,
  );
}

