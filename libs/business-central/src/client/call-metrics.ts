import { externalCallSeconds, externalCalls, rateLimited } from '@mlc/platform-observability';

/** Records one outbound call: `status` is the HTTP status, or the failure kind when no answer came. */
export function recordExternalCall(
  system: 'business-central' | 'entra-id',
  operation: string,
  connection: string,
  status: number | string,
  seconds: number,
): void {
  externalCalls.inc({ system, operation, status: String(status), connection });
  externalCallSeconds.observe({ system, operation }, seconds);
  if (status === 429) rateLimited.inc({ system, connection });
}
