import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FaultInjector, FaultSystem } from './faults';
import type { RequestLog } from './request-log';
import { Router, SandboxRequest, SandboxResponse } from './router';

export interface SystemServerOptions {
  readonly router: Router;
  readonly faults: FaultInjector;
  readonly log: RequestLog;
  readonly now: () => string;
  /** Which fault/log system a path belongs to; undefined for control routes (never faulted, never logged). */
  readonly systemOf: (path: string) => FaultSystem | undefined;
  /** The system's own answer for an unknown route (each real API has its own error shape). */
  readonly notFound: (req: SandboxRequest) => SandboxResponse;
  readonly methodNotAllowed: (req: SandboxRequest, allowed: string[]) => SandboxResponse;
  /** Largest body accepted before answering 413. */
  readonly maxBodyBytes: number;
  readonly tooLarge: () => SandboxResponse;
}

/**
 * One HTTP listener: reads the body, applies injected faults (latency, status before or after the handler ran,
 * connection reset), routes, and records every API request in the request log.
 */
export function createSystemServer(opts: SystemServerOptions): Server {
  const server = createServer((req, res) => {
    handle(opts, req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { error: 'sandbox internal error', detail: String(err) } });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

async function handle(opts: SystemServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const method = (req.method ?? 'GET').toUpperCase();
  const system = opts.systemOf(url.pathname);
  const body = await readBody(req, opts.maxBodyBytes);
  const base = { method, path: url.pathname, query: url.searchParams, headers: req.headers, params: {} };
  if (body === undefined) return finish(opts, system, base, res, opts.tooLarge());
  const request: SandboxRequest = { ...base, rawBody: body };

  const fault = system ? opts.faults.decide(system, method, url.pathname) : undefined;
  if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
  if (fault && !fault.afterCommit && (fault.reset || fault.drop)) return reset(opts, system, request, res);
  if (fault?.status !== undefined && !fault.afterCommit) {
    return finish(opts, system, request, res, faultResponse(fault.status));
  }

  const route = opts.router.match(method, url.pathname);
  const response =
    'handler' in route
      ? await route.handler({ ...request, params: route.params })
      : route.allowed.length > 0
        ? opts.methodNotAllowed(request, route.allowed)
        : opts.notFound(request);

  if (fault?.afterCommit) {
    if (fault.reset || fault.drop) return reset(opts, system, request, res);
    return finish(opts, system, request, res, faultResponse(fault.status ?? 500));
  }
  finish(opts, system, request, res, response);
}

function faultResponse(status: number): SandboxResponse {
  return {
    status,
    headers: { 'retry-after': '1' },
    body: { error: { code: 'SandboxInjectedFault', message: `injected ${status}` } },
  };
}

function finish(
  opts: SystemServerOptions,
  system: FaultSystem | undefined,
  req: Pick<SandboxRequest, 'method' | 'path'>,
  res: ServerResponse,
  response: SandboxResponse,
): void {
  if (system)
    opts.log.record({ system, method: req.method, path: req.path, status: response.status, time: opts.now() });
  send(res, response);
}

function reset(opts: SystemServerOptions, system: FaultSystem | undefined, req: SandboxRequest, res: ServerResponse) {
  if (system) opts.log.record({ system, method: req.method, path: req.path, status: 0, time: opts.now() });
  res.socket?.resetAndDestroy();
}

export function send(res: ServerResponse, response: SandboxResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  // Text bodies go out as strings: node writes the headers and a string body in one piece, a Buffer in two.
  let payload: Buffer | string | undefined;
  if (response.body === undefined || response.body === null) payload = undefined;
  else if (Buffer.isBuffer(response.body) || typeof response.body === 'string') payload = response.body;
  else {
    payload = JSON.stringify(response.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}

const NO_BODY = Buffer.alloc(0);

/**
 * Reads the whole body; undefined when it exceeds the limit (the caller answers 413). A request that announces no
 * body (neither Content-Length nor Transfer-Encoding) has none, and is answered without waiting for its end.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> | Buffer {
  const length = req.headers['content-length'];
  if ((length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined) return NO_BODY;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
