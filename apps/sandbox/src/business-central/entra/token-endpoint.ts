import type { SandboxRequest, SandboxResponse } from '../../core/router';
import { BC_DEFAULTS, EntraClient } from '../bc-identity';
import { entraError } from './entra-errors';
import type { TokenService } from './token-service';

export interface TokenEndpointDeps {
  readonly tokens: TokenService;
  readonly clients: () => readonly EntraClient[];
  readonly tenants: () => ReadonlySet<string>;
  readonly now: () => number;
  readonly lifetimeSeconds: () => number;
}

const BC_SCOPE = `${BC_DEFAULTS.resource}/.default`;

function formOf(req: SandboxRequest): URLSearchParams {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return new URLSearchParams();
  return new URLSearchParams(req.rawBody.toString('utf8'));
}

function basicCredentials(req: SandboxRequest): { id: string; secret: string } | undefined {
  const header = String(req.headers.authorization ?? '');
  if (!/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/**
 * `POST /{tenant}/oauth2/v2.0/token`, client credentials flow, with Entra's AADSTS errors: unknown tenant 90002,
 * missing parameter 900144, unsupported grant 70003, unknown client 700016, missing secret 7000216, wrong secret
 * 7000215, scope without `/.default` 1002012, unknown resource 500011.
 */
export function tokenEndpoint(deps: TokenEndpointDeps, req: SandboxRequest): SandboxResponse {
  const now = new Date(deps.now());
  const fail = (status: number, error: string, code: number, message: string) => entraError(status, error, code, message, now);
  const tenant = req.params.tenant ?? '';
  if (!deps.tenants().has(tenant.toLowerCase())) {
    return fail(400, 'invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  }
  const form = formOf(req);
  const missing = (name: string) =>
    fail(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);
  const grantType = form.get('grant_type');
  if (!grantType) return missing('grant_type');
  if (grantType !== 'client_credentials') {
    return fail(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
  }
  const basic = basicCredentials(req);
  const clientId = form.get('client_id') ?? basic?.id;
  if (!clientId) return missing('client_id');
  const scope = form.get('scope');
  if (!scope) return missing('scope');
  const client = deps.clients().find((c) => c.clientId === clientId && c.tenantId === tenant.toLowerCase());
  if (!client) {
    return fail(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );
  }
  const secret = form.get('client_secret') ?? basic?.secret;
  if (!secret) {
    return fail(401, 'invalid_client', 7000216, "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.");
  }
  if (secret !== client.secret) {
    return fail(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    );
  }
  const scopeError = checkScope(scope, tenant, fail);
  if (scopeError) return scopeError;
  const lifetime = deps.lifetimeSeconds();
  return {
    status: 200,
    headers: { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' },
    body: {
      token_type: 'Bearer',
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: deps.tokens.issue(client, deps.now(), lifetime),
    },
  };
}

function checkScope(
  scope: string,
  tenant: string,
  fail: (status: number, error: string, code: number, message: string) => SandboxResponse,
): SandboxResponse | undefined {
  const scopes = scope.trim().split(/\s+/);
  if (scopes.length !== 1) {
    return fail(400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`);
  }
  if (!scope.endsWith('/.default')) {
    return fail(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  }
  if (scope !== BC_SCOPE) {
    const resource = scope.slice(0, -'/.default'.length);
    return fail(
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    );
  }
  return undefined;
}
