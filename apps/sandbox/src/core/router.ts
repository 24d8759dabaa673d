import type { IncomingHttpHeaders } from 'node:http';

/** A request as the sandbox systems see it: raw body kept (signatures and strict JSON checks need it). */
export interface SandboxRequest {
  readonly method: string;
  /** Path without the query string, percent-decoding left to handlers. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: Buffer;
  /** Named segments of the matched pattern (`/orders/:id` gives `params.id`). */
  readonly params: Record<string, string>;
}

export interface SandboxResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and Buffers as they are; undefined sends no body. */
  readonly body?: unknown;
}

export type Handler = (req: SandboxRequest) => Promise<SandboxResponse> | SandboxResponse;

interface Route {
  readonly method: string;
  readonly pattern: string;
  readonly regex: RegExp;
  readonly names: string[];
  readonly handler: Handler;
}

/** Ordered routes with `:name` segments; `*` at the end of a pattern matches the rest of the path. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    const names: string[] = [];
    const source = pattern
      .split('/')
      .map((segment) => {
        if (segment === '*') return '.*';
        if (segment.startsWith(':')) {
          names.push(segment.slice(1));
          return '([^/]+)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method: method.toUpperCase(), pattern, regex: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  /** The route for method and path; `allowed` lists the methods the path supports when only the method is wrong. */
  match(method: string, path: string): { handler: Handler; params: Record<string, string>; pattern: string } | { allowed: string[] } {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      if (route.method !== method.toUpperCase()) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
      return { handler: route.handler, params, pattern: route.pattern };
    }
    return { allowed };
  }
}
