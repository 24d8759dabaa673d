import { Dispatcher } from 'undici';
import { HeaderBag } from '../rate-limit/rate-limit-headers';

/**
 * One HTTP exchange over an undici dispatcher (a keep-alive Pool by default), bounded by a per-request timeout.
 * Transport failures become a TransportFailure that says whether the request may have reached BigCommerce: a
 * refused or timed-out connect never did; a reset, a headers/body timeout or an abort after connecting may have.
 */
export interface HttpRequest {
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Path and query, starting with `/`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: HeaderBag;
  readonly body: string;
}

export type TransportKind = 'TIMEOUT' | 'NETWORK';

export class TransportFailure extends Error {
  constructor(
    readonly kind: TransportKind,
    /** False only when the request certainly never left this process. */
    readonly maybeSent: boolean,
    readonly detail: string,
  ) {
    super(`${kind === 'TIMEOUT' ? 'timed out' : 'network failure'} (${detail})`);
    this.name = 'TransportFailure';
  }
}

const NOT_SENT_NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const MAYBE_SENT_NETWORK = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);
const MAYBE_SENT_TIMEOUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_ABORTED', 'ETIMEDOUT']);

export class HttpExchange {
  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly origin: string,
  ) {}

  async send(request: HttpRequest): Promise<HttpResponse> {
    try {
      const response = await this.dispatcher.request({
        origin: this.origin,
        method: request.method,
        path: request.path,
        headers: request.headers,
        body: request.body,
        headersTimeout: request.timeoutMs,
        bodyTimeout: request.timeoutMs,
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      const body = await response.body.text();
      return { status: response.statusCode, headers: response.headers as HeaderBag, body };
    } catch (err) {
      throw classifyTransportError(err) ?? err;
    }
  }
}

/** Maps undici / socket errors to a TransportFailure; anything else (a programmer error) is left to crash. */
export function classifyTransportError(err: unknown): TransportFailure | undefined {
  const code = errorCode(err) ?? errorCode((err as { cause?: unknown } | undefined)?.cause);
  // Abort reasons are DOMExceptions, which need not be instances of this realm's Error.
  const name = (err as { name?: unknown } | undefined)?.name;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return new TransportFailure('TIMEOUT', false, code);
  if (code && NOT_SENT_NETWORK.has(code)) return new TransportFailure('NETWORK', false, code);
  if (code && MAYBE_SENT_NETWORK.has(code)) return new TransportFailure('NETWORK', true, code);
  if (code && MAYBE_SENT_TIMEOUT.has(code)) return new TransportFailure('TIMEOUT', true, code);
  if (name === 'TimeoutError' || name === 'AbortError') return new TransportFailure('TIMEOUT', true, name);
  return undefined;
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
