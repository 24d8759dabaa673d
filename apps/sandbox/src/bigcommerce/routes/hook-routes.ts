import type { SandboxResponse } from '../../core/router';
import type { ApiContext, ApiRoute } from '../http/api-gateway';
import { unixSeconds } from '../http/bc-dates';
import { v3Error } from '../http/bc-errors';
import { pageRequest, v3List } from '../http/pagination';
import { jsonBody } from '../http/request-input';
import type { Hook } from '../store/model';
import { MAX_HOOKS_PER_SCOPE, parseHookBody } from '../webhooks/hook-rules';
import type { BigCommerceServices } from './services';

export function serializeHook(hook: Hook, storeHash: string): Record<string, unknown> {
  return {
    id: hook.id,
    client_id: hook.clientId,
    store_hash: storeHash,
    scope: hook.scope,
    destination: hook.destination,
    is_active: hook.isActive,
    headers: hook.headers,
    created_at: hook.createdAt,
    updated_at: hook.updatedAt,
  };
}

/**
 * `/v3/hooks`: hooks belong to the API account (client id) that created them and only it sees them; at most 10 per
 * scope and one per scope and destination; custom `headers` are sent with every delivery. No OAuth scope is needed.
 */
export function hookRoutes(s: BigCommerceServices): ApiRoute[] {
  const own = (ctx: ApiContext) => [...s.state.hooks.values()].filter((h) => h.clientId === ctx.account.clientId);
  const find = (ctx: ApiContext) => own(ctx).find((h) => String(h.id) === ctx.params.webhook_id);
  const show = (h: Hook) => serializeHook(h, s.state.settings.storeHash);
  const missing = (ctx: ApiContext) => v3Error(404, `Webhook with id [${ctx.params.webhook_id}] not found`);
  return [
    { method: 'POST', path: '/v3/hooks', scopes: [], handler: (ctx) => create(s, ctx, own(ctx)) },
    {
      method: 'GET',
      path: '/v3/hooks',
      scopes: [],
      handler: (ctx) => {
        const active = ctx.query.get('is_active');
        const scope = ctx.query.get('scope');
        const destination = ctx.query.get('destination');
        const hooks = own(ctx).filter(
          (h) =>
            (active === null || String(h.isActive) === active) &&
            (scope === null || h.scope === scope) &&
            (destination === null || h.destination === destination),
        );
        return v3List(hooks, pageRequest(ctx.query, 50, 250), show);
      },
    },
    {
      method: 'GET',
      path: '/v3/hooks/admin',
      scopes: [],
      handler: (ctx) => ({
        status: 200,
        body: {
          data: {
            emails: s.state.hookAdminEmails,
            hooks_list: own(ctx).map((h) => ({ ...show(h), status: h.isActive ? 'active' : 'deactivated' })),
            blocked_domains: [],
          },
          meta: {},
        },
      }),
    },
    {
      method: 'PUT',
      path: '/v3/hooks/admin',
      scopes: [],
      handler: (ctx) => {
        const parsed = jsonBody(ctx);
        if (!parsed.ok) return parsed.response;
        const emails = (parsed.value as { emails?: unknown } | undefined)?.emails;
        if (!Array.isArray(emails) || !emails.every((e) => typeof e === 'string'))
          return v3Error(422, 'JSON data is missing or invalid', { emails: 'must be an array of emails' });
        s.state.hookAdminEmails = emails;
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: '/v3/hooks/:webhook_id',
      scopes: [],
      handler: (ctx) => {
        const h = find(ctx);
        return h ? { status: 200, body: { data: show(h), meta: {} } } : missing(ctx);
      },
    },
    {
      method: 'PUT',
      path: '/v3/hooks/:webhook_id',
      scopes: [],
      handler: (ctx) => {
        const h = find(ctx);
        return h ? update(s, ctx, h, own(ctx)) : missing(ctx);
      },
    },
    {
      method: 'DELETE',
      path: '/v3/hooks/:webhook_id',
      scopes: [],
      handler: (ctx) => {
        const hook = find(ctx);
        if (!hook) return missing(ctx);
        s.state.hooks.delete(hook.id);
        return { status: 200, body: { data: show(hook), meta: {} } };
      },
    },
  ];
}

function create(s: BigCommerceServices, ctx: ApiContext, mine: Hook[]): SandboxResponse {
  const parsed = jsonBody(ctx);
  if (!parsed.ok) return parsed.response;
  const body = parseHookBody(parsed.value, true);
  if (!body.ok) return v3Error(422, 'JSON data is missing or invalid', body.errors);
  const { scope, destination } = body.value as { scope: string; destination: string };
  const conflict = conflictOf(mine, scope, destination);
  if (conflict) return v3Error(422, conflict, { scope: conflict });
  const now = unixSeconds(s.clock.now());
  const hook: Hook = {
    id: s.state.ids.hook.take(),
    clientId: ctx.account.clientId,
    scope,
    destination,
    isActive: body.value.isActive ?? true,
    headers: body.value.headers ?? null,
    createdAt: now,
    updatedAt: now,
  };
  s.state.hooks.set(hook.id, hook);
  return { status: 200, body: { data: serializeHook(hook, s.state.settings.storeHash), meta: {} } };
}

function update(s: BigCommerceServices, ctx: ApiContext, hook: Hook, mine: Hook[]): SandboxResponse {
  const parsed = jsonBody(ctx);
  if (!parsed.ok) return parsed.response;
  const body = parseHookBody(parsed.value, false);
  if (!body.ok) return v3Error(422, 'JSON data is missing or invalid', body.errors);
  const scope = body.value.scope ?? hook.scope;
  const destination = body.value.destination ?? hook.destination;
  const conflict = conflictOf(
    mine.filter((h) => h.id !== hook.id),
    scope,
    destination,
  );
  if (conflict) return v3Error(422, conflict, { scope: conflict });
  hook.scope = scope;
  hook.destination = destination;
  if (body.value.isActive !== undefined) hook.isActive = body.value.isActive;
  if (body.value.headers !== undefined) hook.headers = body.value.headers;
  hook.updatedAt = unixSeconds(s.clock.now());
  return { status: 200, body: { data: serializeHook(hook, s.state.settings.storeHash), meta: {} } };
}

function conflictOf(hooks: Hook[], scope: string, destination: string): string | undefined {
  if (hooks.some((h) => h.scope === scope && h.destination === destination))
    return 'A webhook with this scope and destination already exists.';
  if (hooks.filter((h) => h.scope === scope).length >= MAX_HOOKS_PER_SCOPE)
    return `At most ${MAX_HOOKS_PER_SCOPE} webhooks are allowed per scope.`;
  return undefined;
}
