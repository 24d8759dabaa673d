import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { BC_DEFAULTS, EntraClient } from '../bc-identity';
import { stableGuid } from '../model/stable-guid';

/** The claims the sandbox puts in (and reads back from) an access token. */
export interface TokenClaims {
  readonly aud: string;
  readonly iss: string;
  readonly tid: string;
  readonly appid: string;
  readonly oid: string;
  readonly roles: string[];
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Issues JWT-shaped access tokens (HS256 under a key that lives as long as the process) and verifies them without
 * server state, so tokens survive a sandbox reset but not a restart. Expiry is judged on the sandbox clock.
 */
export class TokenService {
  private readonly key = randomBytes(32);
  private readonly verified = new Map<string, TokenClaims>();

  issue(client: EntraClient, nowMs: number, lifetimeSeconds: number): string {
    const iat = Math.floor(nowMs / 1000);
    const claims: TokenClaims & Record<string, unknown> = {
      aud: BC_DEFAULTS.resource,
      iss: `https://sts.windows.net/${client.tenantId}/`,
      iat,
      nbf: iat,
      exp: iat + lifetimeSeconds,
      appid: client.clientId,
      appidacr: '1',
      idtyp: 'app',
      oid: stableGuid(`principal:${client.tenantId}:${client.clientId}`),
      roles: ['API.ReadWrite.All'],
      sub: stableGuid(`principal:${client.tenantId}:${client.clientId}`),
      tid: client.tenantId,
      uti: randomUUID().replace(/-/g, '').slice(0, 22),
      ver: '1.0',
    };
    const unsigned = `${b64({ typ: 'JWT', alg: 'HS256', kid: 'sandbox' })}.${b64(claims)}`;
    return `${unsigned}.${this.sign(unsigned)}`;
  }

  /** The token's claims when it was issued by this process and is intact; expiry is not checked here. */
  verify(token: string): TokenClaims | undefined {
    const cached = this.verified.get(token);
    if (cached) return cached;
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const actual = Buffer.from(parts[2]!);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return undefined;
    }
    if (this.verified.size > 10_000) this.verified.clear();
    this.verified.set(token, claims);
    return claims;
  }

  private sign(unsigned: string): string {
    return createHmac('sha256', this.key).update(unsigned).digest('base64url');
  }
}
