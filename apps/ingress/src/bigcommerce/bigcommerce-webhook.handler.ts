import type { IncomingHttpHeaders } from 'node:http';
import { BigCommerceWebhookPayload, isHandledWebhookScope, parseWebhookPayload } from '@mlc/bigcommerce';
import type { Connection } from '@mlc/connections';
import { InvalidMessageError, PermanentError, RetryableError } from '@mlc/platform-errors';
import type { ConnectionDirectory } from '../connections/connection-directory';
import type { DedupWindow } from '../dedup/dedup-window';
import type { Answer } from '../http/replies';
import type { BodyResult } from '../http/raw-body';
import { isJsonContentType } from '../http/content-type';
import { UNKNOWN_CONNECTION_LABEL, webhooksTotal } from '../metrics/ingress-metrics';
import { RecordPublisher, withDeadline } from '../publishing/record-publisher';
import { isFromConnectionStore, readEnvelope } from './webhook-envelope';
import { deliveryKeys, routeWebhook, VerifiedDelivery } from './webhook-routing';

export type WebhookOutcome = 'accepted' | 'duplicate' | 'ignored' | 'rejected' | 'unavailable';

export interface WebhookResult {
  readonly answer: Answer;
  readonly outcome: WebhookOutcome;
  readonly reason: string;
}

export interface WebhookRequest {
  readonly connectionId: string;
  readonly contentType: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly readBody: () => Promise<BodyResult>;
}

export interface BigCommerceWebhookOptions {
  /** False until every dependency is up, and again once shutdown starts: requests get 503 + Retry-After. */
  readonly accepting: () => boolean;
  readonly publishTimeoutMs: number;
  readonly retryAfterSeconds: number;
  readonly now?: () => Date;
}

const OK: Answer = { status: 200 };

/**
 * One BigCommerce delivery, in the order DESIGN.md 7 asks: known connection (404), JSON (415), body within 64 KiB (413),
 * signature or secret verified over the raw bytes before anything parses them (401 with the reason code), payload
 * shape (400), the connection's own store (401). Then publish the audit record and the routed signal, and answer 200
 * only once the broker acknowledged them; 503 with Retry-After when it did not, so BigCommerce retries and nothing is
 * lost. A redelivery is acknowledged and audited as a duplicate, never routed twice. A verified delivery for a scope
 * the connector does not handle is acknowledged and ignored: refusing it would make BigCommerce retry it for two days
 * and count it against the destination's success ratio.
 */
export class BigCommerceWebhookHandler {
  constructor(
    private readonly connections: ConnectionDirectory,
    private readonly dedup: DedupWindow,
    private readonly publisher: RecordPublisher,
    private readonly options: BigCommerceWebhookOptions,
  ) {}

  async handle(request: WebhookRequest): Promise<WebhookResult> {
    const labels = { connection: UNKNOWN_CONNECTION_LABEL };
    const result = await this.decide(request, labels).catch((err: unknown) => this.failure(err));
    webhooksTotal.inc({
      system: 'bigcommerce',
      outcome: result.outcome,
      reason: result.reason,
      connection: labels.connection,
    });
    return result;
  }

  private async decide(request: WebhookRequest, labels: { connection: string }): Promise<WebhookResult> {
    if (!this.options.accepting()) return this.unavailable('not-ready');
    const context = await this.connections.resolve(request.connectionId);
    if (!context) return refuse(404, 'unknown-connection');
    labels.connection = context.connection.id;
    if (!isJsonContentType(request.contentType)) return refuse(415, 'unsupported-media-type');
    const read = await request.readBody();
    if (!read.ok) return refuse(read.reason === 'body-too-large' ? 413 : 400, read.reason);
    const verification = context.verifier.verify({ headers: request.headers, rawBody: read.body });
    if (!verification.verified) return refuse(401, verification.reason);
    const parsed = parse(read.body.toString('utf8'), context.connection);
    if ('answer' in parsed) return parsed;
    const { payload } = parsed;
    const webhookId = headerOf(request.headers, 'webhook-id');
    const delivery: VerifiedDelivery = {
      connectionId: context.connection.id,
      payload,
      verifiedBy: verification.scheme,
      ...(webhookId === undefined ? {} : { webhookId }),
      receivedAt: this.options.now?.() ?? new Date(),
    };
    const outcome = await this.publishOnce(delivery);
    return { answer: OK, outcome, reason: outcome === 'duplicate' ? 'redelivery' : 'ok' };
  }

  /** Publishes a delivery unless the window knows it; a concurrent redelivery waits for the first one's outcome. */
  private async publishOnce(delivery: VerifiedDelivery): Promise<'accepted' | 'duplicate'> {
    const keys = deliveryKeys(delivery);
    const deadline = Date.now() + this.options.publishTimeoutMs;
    for (;;) {
      const remaining = Math.max(1, deadline - Date.now());
      const state = this.dedup.begin(keys);
      if (state.kind === 'pending') {
        await withDeadline(state.settled, remaining, 'waiting for the first copy of a redelivery');
        continue;
      }
      if (state.kind === 'duplicate') {
        await withDeadline(this.publisher.publish(routeWebhook(delivery, true)), remaining, 'publish');
        return 'duplicate';
      }
      const published = this.publisher.publish(routeWebhook(delivery, false));
      // The claim follows the broker's real outcome, even when this request has already been answered 503.
      published.then(state.claim.commit, state.claim.release);
      await withDeadline(published, remaining, 'publish');
      return 'accepted';
    }
  }

  private failure(err: unknown): WebhookResult {
    if (err instanceof RetryableError) return this.unavailable('unavailable');
    if (err instanceof PermanentError || err instanceof InvalidMessageError) return refuse(400, 'malformed-payload');
    throw err;
  }

  private unavailable(reason: 'not-ready' | 'unavailable'): WebhookResult {
    return {
      answer: { status: 503, error: reason, retryAfterSeconds: this.options.retryAfterSeconds },
      outcome: 'unavailable',
      reason,
    };
  }
}

/**
 * The payload of a handled scope from the connection's own store, or the answer for anything else. The common case
 * costs one JSON parse and one schema; only a delivery that fails it is read again, field by field, to name why.
 */
function parse(text: string, connection: Connection): { payload: BigCommerceWebhookPayload } | WebhookResult {
  let payload: BigCommerceWebhookPayload | undefined;
  try {
    payload = parseWebhookPayload(text);
  } catch (err) {
    if (!(err instanceof InvalidMessageError)) throw err;
  }
  if (payload) return isFromConnectionStore(payload, connection) ? { payload } : refuse(401, 'wrong-store');
  const envelope = readEnvelope(text);
  if (!envelope.ok) return refuse(400, envelope.reason);
  if (!isFromConnectionStore(envelope.envelope, connection)) return refuse(401, 'wrong-store');
  if (isHandledWebhookScope(envelope.envelope.scope)) return refuse(400, 'malformed-payload');
  return { answer: OK, outcome: 'ignored', reason: 'unhandled-scope' };
}

function refuse(status: number, reason: string): WebhookResult {
  return { answer: { status, error: reason }, outcome: 'rejected', reason };
}

function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}
