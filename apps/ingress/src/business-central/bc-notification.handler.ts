import { validationTokenOf } from '@mlc/business-central';
import { InvalidMessageError, PermanentError, RetryableError } from '@mlc/platform-errors';
import type { ConnectionDirectory } from '../connections/connection-directory';
import type { Answer } from '../http/replies';
import type { BodyResult } from '../http/raw-body';
import { UNKNOWN_CONNECTION_LABEL, webhooksTotal } from '../metrics/ingress-metrics';
import { RecordPublisher, withDeadline } from '../publishing/record-publisher';
import { routeNotification } from './notification-routing';

export interface NotificationRequest {
  readonly connectionId: string;
  /** The request URL (path and query): the handshake token travels in the query. */
  readonly url: string;
  readonly readBody: () => Promise<BodyResult>;
  readonly discardBody: () => void;
}

export interface NotificationResult {
  readonly answer: Answer;
  readonly outcome: string;
  readonly reason: string;
}

export interface BcNotificationOptions {
  /** False until every dependency is up, and again once shutdown starts: requests get 503 + Retry-After. */
  readonly accepting: () => boolean;
  readonly publishTimeoutMs: number;
  readonly retryAfterSeconds: number;
  readonly now?: () => Date;
}

const SYSTEM = 'business-central';

/**
 * One Business Central notification POST (DESIGN.md 5, 7). The validation handshake is answered at once with the
 * token. For a known connection every other answer is 2xx, except 503 while the broker is down (BC retries 5xx):
 * any other status makes BC delete every subscription of the URL. Entries that do not verify or do not concern the
 * connection are dropped and counted; a body that cannot be read at all is counted and acknowledged (202).
 */
export class BcNotificationHandler {
  constructor(
    private readonly connections: ConnectionDirectory,
    private readonly publisher: RecordPublisher,
    private readonly options: BcNotificationOptions,
  ) {}

  async handle(request: NotificationRequest): Promise<NotificationResult> {
    if (!this.options.accepting())
      return this.failure(new RetryableError('DEPENDENCY_DOWN', 'not ready'), UNKNOWN_CONNECTION_LABEL);
    let context;
    try {
      context = await this.connections.resolve(request.connectionId);
    } catch (err) {
      return this.failure(err, UNKNOWN_CONNECTION_LABEL);
    }
    if (!context) {
      count(UNKNOWN_CONNECTION_LABEL, 'rejected', 'unknown-connection');
      return {
        answer: { status: 404, error: 'unknown-connection' },
        outcome: 'rejected',
        reason: 'unknown-connection',
      };
    }
    const { connection } = context;
    const token = validationTokenOf(request.url);
    if (token !== undefined) {
      request.discardBody();
      count(connection.id, 'handshake', 'ok');
      return { answer: { status: 200, text: token }, outcome: 'handshake', reason: 'ok' };
    }
    const read = await request.readBody();
    if (!read.ok) return unusable(connection.id, read.reason);
    let body: unknown;
    try {
      body = JSON.parse(read.body.toString('utf8'));
    } catch {
      return unusable(connection.id, 'not-json');
    }
    try {
      const routed = routeNotification(body, {
        connectionId: connection.id,
        companyId: connection.businessCentral.companyId,
        clientState: context.clientState,
        receivedAt: this.options.now?.() ?? new Date(),
      });
      await withDeadline(this.publisher.publish(routed.records), this.options.publishTimeoutMs, 'publish');
      for (const [reason, n] of routed.dropped) count(connection.id, 'dropped', reason, n);
      count(connection.id, 'accepted', 'ok', routed.accepted);
      return {
        answer: { status: 200 },
        outcome: 'accepted',
        reason: routed.dropped.size > 0 ? 'partly-dropped' : 'ok',
      };
    } catch (err) {
      if (err instanceof InvalidMessageError || err instanceof PermanentError)
        return unusable(connection.id, 'malformed-payload');
      return this.failure(err, connection.id);
    }
  }

  private failure(err: unknown, connectionId: string): NotificationResult {
    if (!(err instanceof RetryableError)) throw err;
    count(connectionId, 'unavailable', 'unavailable');
    return {
      answer: { status: 503, error: 'unavailable', retryAfterSeconds: this.options.retryAfterSeconds },
      outcome: 'unavailable',
      reason: 'unavailable',
    };
  }
}

function unusable(connectionId: string, reason: string): NotificationResult {
  count(connectionId, 'dropped', reason);
  return { answer: { status: 202 }, outcome: 'dropped', reason };
}

function count(connection: string, outcome: string, reason: string, n = 1): void {
  if (n > 0) webhooksTotal.inc({ system: SYSTEM, outcome, reason, connection }, n);
}
