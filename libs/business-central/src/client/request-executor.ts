import { OutcomeUnknownError, RetryableError } from '@mlc/platform-errors';
import { BreakerRegistry, retry } from '@mlc/platform-resilience';
import { AccessTokenSource } from '../auth/access-token-source.port';
import { HttpResponse, HttpTransport, TransportFailure } from '../http/http-transport.port';
import { retryAfterMs } from '../http/retry-after';
import { BcTarget, businessCentralErrorFor } from './business-central-error-table';
import { recordExternalCall } from './call-metrics';
import { Clock, sleepOn } from './clock';
import { RequestThrottle } from './request-throttle';
import { readBcError } from './wire';

/** read = GET; create/action = POST (not idempotent); update/delete = PATCH/DELETE guarded by If-Match. */
export type RequestKind = 'read' | 'create' | 'action' | 'update' | 'delete';

export interface PreparedRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  /** Method and path template, e.g. `GET customers({id})`. */
  readonly operation: string;
  readonly kind: RequestKind;
  readonly target: BcTarget;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface ExecutorOptions {
  readonly connectionId: string;
  readonly tokens: AccessTokenSource;
  readonly transport: HttpTransport;
  readonly throttle: RequestThrottle;
  readonly clock: Clock;
  readonly breakers?: BreakerRegistry;
  readonly timeouts: { readonly readMs: number; readonly writeMs: number };
  readonly retry: { readonly attempts: number; readonly baseMs: number; readonly maxMs: number };
  readonly random?: () => number;
  readonly onRetry?: (info: { operation: string; attempt: number; delayMs: number; code: string }) => void;
}

const DEFAULT_RATE_LIMIT_PAUSE_MS = 1000;

/**
 * The policy stack every BC call goes through, outermost first: retry (only what cannot duplicate an effect) ->
 * breaker per connection -> bearer token with one refresh on 401 -> local throttle -> transport, counted and timed.
 */
export class RequestExecutor {
  constructor(private readonly o: ExecutorOptions) {}

  execute(req: PreparedRequest): Promise<HttpResponse> {
    return retry(() => this.guarded(req), {
      attempts: this.o.retry.attempts,
      baseMs: this.o.retry.baseMs,
      maxMs: this.o.retry.maxMs,
      random: this.o.random,
      sleep: (ms, signal) => sleepOn(this.o.clock, ms, signal),
      // OutcomeUnknown is never repeated blindly, and an open circuit is reported at once.
      isRetryable: (err) =>
        err instanceof RetryableError && !(err instanceof OutcomeUnknownError) && err.code !== 'CIRCUIT_OPEN',
      onRetry: ({ attempt, delayMs, err }) =>
        this.o.onRetry?.({ operation: req.operation, attempt, delayMs, code: (err as RetryableError).code }),
    });
  }

  private guarded(req: PreparedRequest): Promise<HttpResponse> {
    const breakers = this.o.breakers;
    return breakers
      ? breakers.run('business-central', this.o.connectionId, () => this.authorised(req))
      : this.authorised(req);
  }

  private async authorised(req: PreparedRequest): Promise<HttpResponse> {
    const token = await this.o.tokens.getToken();
    let res = await this.sendOnce(req, token);
    if (res.status === 401) {
      // An expired or revoked token: one fresh token and one more try, then BC's answer stands.
      this.o.tokens.invalidate(token);
      res = await this.sendOnce(req, await this.o.tokens.getToken());
    }
    if (res.status >= 200 && res.status < 300) return res;
    throw this.failure(req, res);
  }

  private async sendOnce(req: PreparedRequest, token: string): Promise<HttpResponse> {
    const release = await this.o.throttle.acquire();
    const started = this.o.clock.now();
    const seconds = () => (this.o.clock.now() - started) / 1000;
    try {
      const res = await this.o.transport.send({
        method: req.method,
        url: req.url,
        headers: { ...req.headers, authorization: `Bearer ${token}` },
        body: req.body,
        timeoutMs: req.kind === 'read' ? this.o.timeouts.readMs : this.o.timeouts.writeMs,
      });
      recordExternalCall('business-central', req.operation, this.o.connectionId, res.status, seconds());
      if (res.status === 429)
        this.o.throttle.pause(
          retryAfterMs(res.headers['retry-after'], this.o.clock.now()) ?? DEFAULT_RATE_LIMIT_PAUSE_MS,
        );
      return res;
    } catch (err) {
      if (!(err instanceof TransportFailure)) throw err;
      recordExternalCall('business-central', req.operation, this.o.connectionId, err.kind, seconds());
      throw transportError(req.operation, req.kind, err);
    } finally {
      release();
    }
  }

  private failure(req: PreparedRequest, res: HttpResponse): Error {
    const bc = readBcError(res.body);
    return businessCentralErrorFor({
      status: res.status,
      bcCode: bc.code,
      bcMessage: bc.message,
      operation: req.operation,
      target: req.target,
      nonIdempotentWrite: req.kind === 'create' || req.kind === 'action',
      retryAfterMs: retryAfterMs(res.headers['retry-after'], this.o.clock.now()),
    });
  }
}

/** No HTTP answer: `connect` never reached BC; otherwise a create or action may have run (OutcomeUnknownError). */
export function transportError(requestOperation: string, kind: RequestKind, err: TransportFailure): Error {
  const operation = `business-central ${requestOperation}`;
  const details = { operation, cause: err };
  if (err.kind === 'connect')
    return new RetryableError('NETWORK', `${operation}: could not connect (request not sent)`, details);
  if (kind === 'create' || kind === 'action') {
    return new OutcomeUnknownError(
      `${operation}: ${err.kind} after sending; the write may have been applied: look it up before repeating`,
      details,
    );
  }
  return new RetryableError(err.kind === 'timeout' ? 'TIMEOUT' : 'NETWORK', `${operation}: ${err.kind}`, details);
}
