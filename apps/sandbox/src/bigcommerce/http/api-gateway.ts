import type { Router, SandboxRequest, SandboxResponse } from '../../core/router';
import type { BigCommerceState } from '../store/bigcommerce-state';
import { accountAllows, ApiAccount, ScopeFamily } from '../store/store-settings';
import { ApiVersion, notFound, v2Error, v3Error, versionedError } from './bc-errors';
import type { StoreRateLimiter } from './rate-limiter';

/** What a BigCommerce route handler receives once the gateway has let the request through. */
export interface ApiContext {
  readonly req: SandboxRequest;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly account: ApiAccount;
  readonly version: ApiVersion;
}

export type ApiHandler = (ctx: ApiContext) => SandboxResponse | Promise<SandboxResponse>;

export interface ApiRoute {
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Path after `/stores/{store_hash}`, starting with `/v2` or `/v3`. */
  readonly path: string;
  /** Scope families of which one is needed; empty for endpoints that need none (webhooks). */
  readonly scopes: readonly ScopeFamily[];
  readonly handler: ApiHandler;
}

const STORE_PATH = /^\/stores\/([^/]+)\/(v2|v3)(?:\/|$)/;
const BODY_METHODS = new Set(['PUT', 'POST', 'PATCH']);

/**
 * The API gateway in front of every route, in BigCommerce's order: store and token (401), scope (403), Accept
 * (406), the store's rate limit (429), Content-Type of bodies (415). Every answer for the store carries the
 * `X-Rate-Limit-*` headers.
 */
export class ApiGateway {
  constructor(
    private readonly state: BigCommerceState,
    private readonly limiter: StoreRateLimiter,
  ) {}

  register(router: Router, routes: readonly ApiRoute[]): void {
    for (const route of routes) {
      const version: ApiVersion = route.path.startsWith('/v2') ? 'v2' : 'v3';
      router.add(route.method, `/stores/:store_hash${route.path}`, (req) => this.serve(req, version, route));
    }
  }

  /** The answer for a path no route matches, in the error shape of the API version it names. */
  notFound(req: SandboxRequest): SandboxResponse {
    const version = versionOf(req.path);
    if (!version) return v3Error(404, 'Not Found');
    const gate = this.admit(req, version, [], false);
    return 'response' in gate ? gate.response : withHeaders(notFound(version), gate.headers);
  }

  methodNotAllowed(req: SandboxRequest, allowed: string[]): SandboxResponse {
    const version = versionOf(req.path) ?? 'v3';
    const gate = this.admit(req, version, [], false);
    if ('response' in gate) return gate.response;
    const text = 'The requested method is not supported by this resource.';
    return withHeaders(versionedError(version, 405, text, { allow: [...new Set(allowed)].join(', ') }), gate.headers);
  }

  private async serve(req: SandboxRequest, version: ApiVersion, route: ApiRoute): Promise<SandboxResponse> {
    const gate = this.admit(req, version, route.scopes, route.method !== 'GET');
    if ('response' in gate) return gate.response;
    const params = { ...req.params };
    delete params.store_hash;
    const response = await route.handler({ req, params, query: req.query, account: gate.account, version });
    return withHeaders(response, gate.headers);
  }

  private admit(
    req: SandboxRequest,
    version: ApiVersion,
    scopes: readonly ScopeFamily[],
    write: boolean,
  ): { account: ApiAccount; headers: Record<string, string> } | { response: SandboxResponse } {
    const denied = this.authenticate(req, version, scopes, write);
    if ('response' in denied) return { response: withHeaders(denied.response, this.limiter.peek().headers) };
    if (!acceptsJson(req.headers.accept)) {
      const response = versionedError(version, 406, 'The requested content type is not available.');
      return { response: withHeaders(response, this.limiter.peek().headers) };
    }
    const limit = this.limiter.take();
    if (!limit.allowed)
      return { response: withHeaders(versionedError(version, 429, 'Too many requests.'), limit.headers) };
    if (BODY_METHODS.has(req.method) && req.rawBody.length > 0 && !isJson(req.headers['content-type'])) {
      const response = versionedError(version, 415, 'The request body must be sent as application/json.');
      return { response: withHeaders(response, limit.headers) };
    }
    return { account: denied.account, headers: limit.headers };
  }

  private authenticate(
    req: SandboxRequest,
    version: ApiVersion,
    scopes: readonly ScopeFamily[],
    write: boolean,
  ): { account: ApiAccount } | { response: SandboxResponse } {
    const hash = STORE_PATH.exec(req.path)?.[1];
    const token = header(req, 'x-auth-token');
    const account = this.state.settings.accounts.find((a) => a.accessToken === token);
    if (!token || !account || hash !== this.state.settings.storeHash) {
      const text =
        'Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store.';
      return {
        response:
          version === 'v2'
            ? v2Error(401, 'You are not authorized to access this resource. Check the X-Auth-Token header.')
            : v3Error(401, text),
      };
    }
    if (scopes.length > 0 && !accountAllows(account, scopes, write)) {
      return {
        response: versionedError(version, 403, 'Unauthorized Access. You do not have permission to make this request.'),
      };
    }
    return { account };
  }
}

function versionOf(path: string): ApiVersion | undefined {
  return STORE_PATH.exec(path)?.[2] as ApiVersion | undefined;
}

function header(req: SandboxRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const type = part.split(';')[0]!.trim().toLowerCase();
    return type === '*/*' || type === 'application/*' || type === 'application/json' || type.endsWith('+json');
  });
}

function isJson(contentType: string | undefined): boolean {
  return !!contentType && /^application\/([\w.-]+\+)?json\b/i.test(contentType.trim());
}

function withHeaders(response: SandboxResponse, headers: Record<string, string>): SandboxResponse {
  return { ...response, headers: { ...headers, ...response.headers } };
}
