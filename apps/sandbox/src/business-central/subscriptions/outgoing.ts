import { randomUUID } from 'node:crypto';
import type { FaultInjector } from '../../core/faults';
import type { RequestLog } from '../../core/request-log';

/** The receiver's answer, or `undefined` status when there was none (timeout, refused, reset). */
export interface Outcome {
  readonly status?: number;
  readonly contentType?: string;
  readonly text?: string;
}

export interface OutgoingDeps {
  readonly faults: FaultInjector;
  readonly log: RequestLog;
  readonly now: () => string;
}

async function post(url: string, body: string | undefined, headers: Record<string, string>, timeoutMs: number): Promise<Outcome> {
  try {
    const response = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type') ?? undefined, text };
  } catch {
    return {};
  }
}

/**
 * POSTs a notification batch the way BC's sender does (`clientRequestId` and `x-ms-correlation-id` carry one GUID),
 * through the `business-central-notifications` fault rules: latency delays it, a status or reset fails it without
 * sending, and `afterCommit` sends it but reports the failure, so the receiver sees a redelivery later.
 */
export async function deliverNotification(deps: OutgoingDeps, url: string, payload: unknown, timeoutMs: number): Promise<Outcome> {
  const path = new URL(url).pathname;
  const fault = deps.faults.decide('business-central-notifications', 'POST', path);
  if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
  let outcome: Outcome;
  if (fault && !fault.afterCommit && (fault.status !== undefined || fault.reset || fault.drop)) {
    outcome = fault.status !== undefined && !fault.reset && !fault.drop ? { status: fault.status } : {};
  } else {
    const id = randomUUID();
    const headers = { 'content-type': 'application/json; charset=utf-8', clientRequestId: id, 'x-ms-correlation-id': id };
    outcome = await post(url, JSON.stringify(payload), headers, timeoutMs);
    if (fault?.afterCommit) outcome = fault.reset || fault.drop ? {} : { status: fault.status };
  }
  deps.log.record({ system: 'business-central-notifications', method: 'POST', path, status: outcome.status ?? 0, time: deps.now() });
  return outcome;
}

/**
 * The validation handshake: `POST <notificationUrl>?validationToken=<token>`; the receiver must answer 200,
 * `text/plain`, with the token as the whole body, within the timeout.
 */
export async function validateNotificationUrl(url: string, timeoutMs: number): Promise<{ ok: true } | { ok: false; reason: string }> {
  const token = randomUUID();
  const target = new URL(url);
  target.searchParams.set('validationToken', token);
  const outcome = await post(target.toString(), undefined, {}, timeoutMs);
  if (outcome.status === undefined) return { ok: false, reason: 'the notification URL did not answer in time' };
  if (outcome.status !== 200) return { ok: false, reason: `the notification URL answered ${outcome.status}` };
  if (!(outcome.contentType ?? '').toLowerCase().startsWith('text/plain')) {
    return { ok: false, reason: 'the validation response must be text/plain' };
  }
  if (outcome.text !== token) return { ok: false, reason: 'the response did not echo the validation token' };
  return { ok: true };
}
