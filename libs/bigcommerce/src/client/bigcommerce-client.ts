import { OutcomeUnknownError, PermanentError, RetryableError } from '@mlc/platform-errors';
import { externalCallSeconds, externalCalls, rateLimited } from '@mlc/platform-observability';
import { BreakerRegistry, retry } from '@mlc/platform-resilience';
import { Dispatcher, Pool } from 'undici';
import { z } from 'zod';
import { RequestPriority, StoreRateLimiter } from '../rate-limit/rate-limiter';
import { retryAfterMs } from '../rate-limit/rate-limit-headers';
import { validateResponse } from '../schemas/schema-validation';
import { bigCommerceError } from './bigcommerce-error-table';
import {
  BigCommerceClientOptions,
  BigCommerceRetryOptions,
  CONNECTOR_VERSION,
  DEFAULT_API_URL,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_RETRY,
  checkClientOptions,
} from './bigcommerce-client.options';
import { HttpExchange, HttpRequest, HttpResponse, TransportFailure } from './http-exchange';
import { QueryParams, RequestPath, buildQuery } from './request-path';
import { EMPTY, decodeBody, decodeErrorBody } from './response-body';

/**
 * The BigCommerce REST transport: `{apiUrl}/stores/{storeHash}` + v2/v3 paths, `X-Auth-Token`, JSON both ways, any
 * 2xx is success. Each attempt is admitted by the store rate limiter, runs through the connection's circuit
 * breaker, and is counted and timed under its path template. Reads and idempotent writes are retried with full
 * jitter, honouring the store's reset hint; a one-shot write (POST create or action) is retried only when it
 * certainly did not run (429, refused connection) and otherwise fails with OutcomeUnknownError so the caller looks
 * the effect up first (DESIGN.md 3.9).
 */
export type HttpMethod = HttpRequest['method'];

/** `idempotent`: GET, DELETE, PUT of absolute values, safe to repeat. `once`: creates and actions. */
export type Delivery = 'idempotent' | 'once';

export interface BigCommerceRequest<T> {
  readonly method: HttpMethod;
  readonly path: RequestPath;
  readonly query?: QueryParams;
  readonly body?: unknown;
  readonly schema: z.ZodType<T>;
  /** Result for a 204 or empty body; without it an empty answer is a schema mismatch. */
  readonly empty?: () => T;
  readonly priority?: RequestPriority;
  /** Defaults to `once` for POST, `idempotent` otherwise. */
  readonly delivery?: Delivery;
}

const SYSTEM = 'bigcommerce';

export class BigCommerceClient {
  readonly storeHash: string;
  readonly connectionId: string;
  private readonly exchange: HttpExchange;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly basePath: string;
  /** An ES private field: never enumerable, so logging the client cannot print the token. */
  readonly #headers: Readonly<Record<string, string>>;
  private readonly timeoutMs: number;
  private readonly retryOptions: BigCommerceRetryOptions;
  private readonly breakers?: BreakerRegistry;
  private readonly limiter?: StoreRateLimiter;
  private readonly sleep?: (ms: number) => Promise<void>;
  private readonly random?: () => number;

  constructor(options: BigCommerceClientOptions) {
    checkClientOptions(options);
    const url = new URL(options.apiUrl ?? DEFAULT_API_URL);
    this.storeHash = options.storeHash;
    this.connectionId = options.connectionId;
    this.basePath = `${url.pathname.replace(/\/+$/, '')}/stores/${encodeURIComponent(options.storeHash)}`;
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher =
      options.dispatcher ?? new Pool(url.origin, { connections: 8, keepAliveTimeout: 30_000, connectTimeout: 10_000 });
    this.exchange = new HttpExchange(this.dispatcher, url.origin);
    this.#headers = {
      'x-auth-token': options.accessToken,
      accept: 'application/json',
      'content-type': 'application/json',
      'user-agent': `ml-connector/${options.userAgentVersion ?? CONNECTOR_VERSION}`,
    };
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.retryOptions = options.retry ?? DEFAULT_RETRY;
    this.breakers = options.breakers;
    this.limiter = options.rateLimiter;
    this.sleep = options.sleep;
    this.random = options.random;
  }

  async request<T>(req: BigCommerceRequest<T>): Promise<T> {
    const operation = `${req.method} ${req.path.template}`;
    const delivery = req.delivery ?? (req.method === 'POST' ? 'once' : 'idempotent');
    const attempt = () => this.guarded(() => this.attempt(req, operation, delivery));
    return retry(attempt, {
      ...this.retryOptions,
      isRetryable: delivery === 'once' ? retryableOnce : retryableIdempotent,
      sleep: this.sleep,
      random: this.random,
    });
  }

  /** Closes the keep-alive pool when this client created it. */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private guarded<T>(task: () => Promise<T>): Promise<T> {
    return this.breakers ? this.breakers.run(SYSTEM, this.connectionId, task) : task();
  }

  private async attempt<T>(req: BigCommerceRequest<T>, operation: string, delivery: Delivery): Promise<T> {
    const permit = await this.limiter?.acquire(req.priority ?? 'order-read');
    const stopTimer = externalCallSeconds.startTimer({ system: SYSTEM, operation });
    let status = 'error';
    try {
      const response = await this.exchange.send({
        method: req.method,
        path: `${this.basePath}${req.path.path}${buildQuery(req.query)}`,
        headers: this.#headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        timeoutMs: this.timeoutMs,
      });
      permit?.complete(response.headers, response.status);
      status = String(response.status);
      return this.handle(req, response, operation, delivery);
    } catch (err) {
      permit?.abandon();
      if (!(err instanceof TransportFailure)) throw err;
      status = err.kind;
      throw transportError(err, operation, delivery);
    } finally {
      stopTimer();
      externalCalls.inc({ system: SYSTEM, operation, status, connection: this.connectionId });
    }
  }

  private handle<T>(req: BigCommerceRequest<T>, response: HttpResponse, operation: string, delivery: Delivery): T {
    const { status, headers, body } = response;
    if (status === 429) rateLimited.inc({ system: SYSTEM, connection: this.connectionId });
    if (status >= 200 && status < 300) {
      const decoded = decodeBody(status, headers, body, operation);
      if (decoded !== EMPTY) return validateResponse(req.schema, decoded, operation);
      if (req.empty) return req.empty();
      throw new PermanentError('SCHEMA_MISMATCH', `bigcommerce ${operation} answered ${status} with an empty body`, {
        status,
        operation: `bigcommerce ${operation}`,
      });
    }
    if (delivery === 'once' && mayHaveRun(status)) {
      throw new OutcomeUnknownError(`bigcommerce ${operation} answered ${status}; the write may have been applied`, {
        status,
        operation: `bigcommerce ${operation}`,
      });
    }
    const context = { operation, storeHash: this.storeHash };
    const answer = { status, body: decodeErrorBody(headers, body), retryAfterMs: retryAfterMs(headers, Date.now()) };
    throw bigCommerceError(answer, context);
  }
}

/** A write answered 408 or 5xx (other than 507, "plan limit reached") may have been applied before the failure. */
function mayHaveRun(status: number): boolean {
  return status === 408 || (status >= 500 && status !== 507);
}

function transportError(failure: TransportFailure, operation: string, delivery: Delivery): RetryableError {
  const details = { operation: `bigcommerce ${operation}` };
  if (delivery === 'once' && failure.maybeSent) {
    return new OutcomeUnknownError(
      `bigcommerce ${operation} ${failure.message}; the write may have been applied`,
      details,
    );
  }
  return new RetryableError(failure.kind, `bigcommerce ${operation} ${failure.message}`, details);
}

function retryableIdempotent(err: unknown): boolean {
  return err instanceof RetryableError && err.code !== 'CIRCUIT_OPEN';
}

function retryableOnce(err: unknown): boolean {
  return retryableIdempotent(err) && !(err instanceof OutcomeUnknownError);
}
