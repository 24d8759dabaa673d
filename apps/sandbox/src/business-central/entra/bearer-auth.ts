import { BcError } from '../api/bc-error';
import { BC_DEFAULTS } from '../bc-identity';
import type { TokenClaims, TokenService } from './token-service';

function rejected(tenant: string, detail?: string): BcError {
  const challenge = [
    `Bearer authorization_uri="https://login.microsoftonline.com/${tenant}/oauth2/authorize"`,
    `resource_id="${BC_DEFAULTS.resource}"`,
    ...(detail ? [`error="invalid_token"`, `error_description="${detail}"`] : []),
  ].join(', ');
  return new BcError(401, 'Authentication_InvalidCredentials', 'The server has rejected the client credentials.', {
    'www-authenticate': challenge,
  });
}

/**
 * Checks the bearer token of a BC API call: issued by the sandbox's Entra ID for the BC resource, not expired on the
 * sandbox clock, and for the tenant in the URL (when the URL names one). Anything else is 401
 * `Authentication_InvalidCredentials`.
 */
export function authenticate(tokens: TokenService, authorization: string | undefined, nowMs: number, urlTenant?: string): TokenClaims {
  const tenant = urlTenant ?? 'common';
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) throw rejected(tenant);
  const claims = tokens.verify(match[1]!);
  if (!claims || claims.aud !== BC_DEFAULTS.resource) throw rejected(tenant, 'The access token is invalid');
  if (claims.exp * 1000 <= nowMs) throw rejected(tenant, 'The access token is expired');
  if (urlTenant !== undefined && urlTenant.toLowerCase() !== claims.tid) throw rejected(tenant, 'The access token is not valid for this tenant');
  return claims;
}
