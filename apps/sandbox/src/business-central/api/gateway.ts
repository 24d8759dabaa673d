import type { SandboxRequest, SandboxResponse } from '../../core/router';
import { authenticate } from '../entra/bearer-auth';
import type { TokenService } from '../entra/token-service';
import type { BcEnvironment } from '../store/bc-environment';
import { handleSubscriptions } from '../subscriptions/subscription-routes';
import type { SubscriptionStore } from '../subscriptions/subscription-store';
import type { Throttle } from '../throttle/throttle';
import { ApiRequest, headerOf } from './api-request';
import { runBatch } from './batch';
import { BcError, errorResponse, notFoundSegment } from './bc-error';
import { execute } from './executor';
import { parseServicePath, ServicePath } from './odata-path';

export interface GatewayDeps {
  readonly env: BcEnvironment;
  readonly tokens: TokenService;
  readonly throttle: Throttle;
  readonly subscriptions: SubscriptionStore;
}

function parseJson(req: SandboxRequest): { body: unknown; malformed: boolean } {
  if (req.rawBody.length === 0) return { body: undefined, malformed: false };
  try {
    return { body: JSON.parse(req.rawBody.toString('utf8')), malformed: false };
  } catch {
    return { body: undefined, malformed: true };
  }
}

function toApiRequest(req: SandboxRequest, path: ServicePath, userId: string): ApiRequest {
  const host = headerOf(req.headers, 'host') ?? '127.0.0.1';
  const query = new URLSearchParams(req.query);
  const url = new URL(`http://${host}${req.path}${query.size > 0 ? `?${query.toString()}` : ''}`);
  const { body, malformed } = parseJson(req);
  const headers: Record<string, string | undefined> = {};
  for (const name of Object.keys(req.headers)) headers[name.toLowerCase()] = headerOf(req.headers, name);
  return {
    method: req.method,
    segments: path.segments,
    query,
    headers,
    body,
    malformedBody: malformed,
    serviceRoot: `http://${host}${path.rootPath}`,
    url,
    userId,
  };
}

function isSubscriptions(req: ApiRequest): boolean {
  return req.segments[0]?.name === 'subscriptions';
}

/**
 * Entry point of every `/v2.0/...` API request: bearer token (sandbox clock), tenant and environment, the per-user
 * rate window and concurrency queue, simulated processing time, then `$batch`, subscriptions or the OData executor.
 */
export async function handleApiRequest(deps: GatewayDeps, req: SandboxRequest): Promise<SandboxResponse> {
  const { env } = deps;
  try {
    const path = parseServicePath(req.path);
    if (!path) throw notFoundSegment(req.path);
    const claims = authenticate(deps.tokens, headerOf(req.headers, 'authorization'), env.now(), path.tenant);
    if (claims.tid !== env.tenantId) throw new BcError(404, 'Internal_TenantUnavailable', `Tenant '${claims.tid}' is not available.`);
    if (path.environment.toLowerCase() !== env.name.toLowerCase()) {
      throw new BcError(404, 'BadRequest_NotFound', `The environment '${path.environment}' does not exist for tenant '${claims.tid}'.`);
    }
    const user = claims.oid;
    deps.throttle.count(user);
    return await deps.throttle.run(user, async () => {
      const processing = env.settings.requestProcessingMs;
      if (processing > 0) await new Promise((r) => setTimeout(r, processing));
      const api = toApiRequest(req, path, user);
      if (api.segments.length === 1 && api.segments[0]!.name === '$batch') return runBatch(env, api, batchRunner(deps, user));
      if (isSubscriptions(api)) return handleSubscriptions(env, deps.subscriptions, api);
      return execute(env, api);
    });
  } catch (err) {
    return errorResponse(err);
  }
}

function batchRunner(deps: GatewayDeps, user: string) {
  const counted = <T>(fn: () => T): T | SandboxResponse => {
    try {
      deps.throttle.count(user);
    } catch (err) {
      return errorResponse(err);
    }
    return fn();
  };
  return {
    isAsync: isSubscriptions,
    runSync: (inner: ApiRequest) => counted(() => execute(deps.env, inner)) as SandboxResponse,
    runAsync: async (inner: ApiRequest) => {
      const response = counted(() => handleSubscriptions(deps.env, deps.subscriptions, inner));
      return response;
    },
  };
}
