import { z } from 'zod';
import { PermanentError, RetryableError } from '@mlc/platform-errors';
import { recordExternalCall } from '../client/call-metrics';
import { retryAfterMs } from '../http/retry-after';
import { HttpResponse, HttpTransport, TransportFailure } from '../http/http-transport.port';
import { AccessTokenSource } from './access-token-source.port';
import { entraErrorFor } from './entra-error-table';

/*
 * Microsoft Entra ID client credentials flow ("S2S") for Business Central: form POST to
 * `{authority}/{tenant}/oauth2/v2.0/token` with scope `https://api.businesscentral.dynamics.com/.default`. The answer
 * has no refresh token; a token lives about an hour (`expires_in`), so it is cached and replaced shortly before expiry.
 */

export const BUSINESS_CENTRAL_SCOPE = 'https://api.businesscentral.dynamics.com/.default';
export const DEFAULT_AUTHORITY_URL = 'https://login.microsoftonline.com';

export interface EntraTokenProviderOptions {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly transport: HttpTransport;
  /** Default https://login.microsoftonline.com; the sandbox is http://127.0.0.1:4020. */
  readonly authorityUrl?: string;
  readonly scope?: string;
  /** Label for metrics. */
  readonly connectionId?: string;
  /** Fetch a new token this long before the current one expires (default 5 minutes, at most half its lifetime). */
  readonly refreshBeforeExpiryMs?: number;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().int().positive()),
});

interface CachedToken {
  readonly token: string;
  readonly refreshAt: number;
  readonly expiresAt: number;
}

/** Cached, single-flight token source: concurrent callers share one token request. */
export class EntraTokenProvider implements AccessTokenSource {
  private cached?: CachedToken;
  private inflight?: Promise<CachedToken>;
  private readonly now: () => number;

  constructor(private readonly options: EntraTokenProviderOptions) {
    this.now = options.now ?? Date.now;
  }

  async getToken(): Promise<string> {
    const cached = this.cached;
    const now = this.now();
    if (cached && now < cached.refreshAt) return cached.token;
    try {
      return (await this.refresh()).token;
    } catch (err) {
      // A transient refresh failure while the old token is still good should not stop traffic.
      if (cached && err instanceof RetryableError && now < cached.expiresAt - 30_000) return cached.token;
      throw err;
    }
  }

  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private refresh(): Promise<CachedToken> {
    this.inflight ??= this.fetchToken().then(
      (fresh) => {
        this.cached = fresh;
        this.inflight = undefined;
        return fresh;
      },
      (err: unknown) => {
        this.inflight = undefined;
        throw err;
      },
    );
    return this.inflight;
  }

  private async fetchToken(): Promise<CachedToken> {
    const o = this.options;
    const authority = (o.authorityUrl ?? DEFAULT_AUTHORITY_URL).replace(/\/+$/, '');
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: o.clientId,
      client_secret: o.clientSecret,
      scope: o.scope ?? BUSINESS_CENTRAL_SCOPE,
    });
    const started = this.now();
    const response = await this.post(
      `${authority}/${encodeURIComponent(o.tenantId)}/oauth2/v2.0/token`,
      form.toString(),
      started,
    );
    if (response.status !== 200)
      throw entraErrorFor({
        ...parseEntraError(response.body),
        status: response.status,
        retryAfterMs: retryAfterMs(response.headers['retry-after'], this.now()),
      });
    const parsed = tokenResponseSchema.safeParse(safeJson(response.body));
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') || 'body';
      throw new PermanentError('SCHEMA_MISMATCH', `entra-id POST token: unexpected token response (field ${field})`, {
        operation: 'entra-id POST token',
        status: 200,
      });
    }
    const lifetimeMs = parsed.data.expires_in * 1000;
    const skew = Math.min(o.refreshBeforeExpiryMs ?? 5 * 60_000, lifetimeMs / 2);
    return { token: parsed.data.access_token, refreshAt: started + lifetimeMs - skew, expiresAt: started + lifetimeMs };
  }

  private async post(url: string, body: string, started: number): Promise<HttpResponse> {
    const connection = this.options.connectionId ?? 'unknown';
    try {
      const response = await this.options.transport.send({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        timeoutMs: this.options.timeoutMs ?? 15_000,
      });
      recordExternalCall('entra-id', 'POST token', connection, response.status, (this.now() - started) / 1000);
      return response;
    } catch (err) {
      if (!(err instanceof TransportFailure)) throw err;
      recordExternalCall('entra-id', 'POST token', connection, err.kind, (this.now() - started) / 1000);
      const code = err.kind === 'timeout' ? 'TIMEOUT' : 'NETWORK';
      throw new RetryableError(code, `entra-id POST token: ${err.kind}, Entra ID did not answer`, {
        operation: 'entra-id POST token',
        cause: err,
      });
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseEntraError(body: string): { error?: string; errorCodes?: number[]; description?: string } {
  const json = safeJson(body);
  if (typeof json !== 'object' || json === null) return {};
  const record = json as Record<string, unknown>;
  return {
    error: typeof record.error === 'string' ? record.error : undefined,
    errorCodes: Array.isArray(record.error_codes)
      ? record.error_codes.filter((c): c is number => typeof c === 'number')
      : undefined,
    description: typeof record.error_description === 'string' ? record.error_description : undefined,
  };
}
