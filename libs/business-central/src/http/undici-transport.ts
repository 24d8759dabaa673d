import { Agent, errors, request } from 'undici';
import {
  HttpRequest,
  HttpResponse,
  HttpTransport,
  TransportFailure,
  TransportFailureKind,
} from './http-transport.port';

export interface UndiciTransportOptions {
  /** Sockets kept per origin; at least the throttle's concurrency so requests never queue in the pool. */
  readonly connectionsPerOrigin?: number;
  readonly connectTimeoutMs?: number;
  readonly keepAliveTimeoutMs?: number;
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/**
 * Keep-alive HTTP/1.1 pool (one per origin) over undici. Failures become TransportFailure with a kind that tells the
 * caller whether the request may have reached the server; the URL is never part of the message.
 */
export class UndiciTransport implements HttpTransport {
  private readonly agent: Agent;

  constructor(options: UndiciTransportOptions = {}) {
    this.agent = new Agent({
      connections: options.connectionsPerOrigin ?? 8,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      connect: { timeout: options.connectTimeoutMs ?? 10_000 },
    });
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const signal = AbortSignal.timeout(req.timeoutMs);
    try {
      const res = await request(req.url, {
        dispatcher: this.agent,
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      const body = await res.body.text();
      return { status: res.statusCode, headers: flattenHeaders(res.headers), body };
    } catch (err) {
      throw toTransportFailure(err, signal.aborted);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(raw))
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function toTransportFailure(err: unknown, deadlinePassed: boolean): TransportFailure {
  const code = errorCode(err);
  const kind: TransportFailureKind =
    deadlinePassed || TIMEOUT_CODES.has(code) || err instanceof errors.RequestAbortedError
      ? 'timeout'
      : CONNECT_CODES.has(code)
        ? 'connect'
        : 'reset';
  return new TransportFailure(kind, `${kind} (${code || 'no code'})`, { cause: err });
}

function errorCode(err: unknown): string {
  // Duck-typed: socket errors can come from another realm (test sandboxes), where instanceof Error fails.
  let current: unknown = err;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    current = cause;
  }
  return '';
}
