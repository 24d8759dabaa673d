import { PermanentError, RetryableError } from '@mlc/platform-errors';
import { HttpRequest } from '../http/http-transport.port';
import { FakeHttpTransport, jsonReply } from '../testing/fake-http-transport';
import { BUSINESS_CENTRAL_SCOPE, EntraTokenProvider } from './entra-token-provider';

const SECRET = 'sandbox-bc-secret';

function setup(expiresIn = 3599) {
  let now = Date.parse('2025-01-01T00:00:00Z');
  let issued = 0;
  const transport = new FakeHttpTransport(async () => {
    issued += 1;
    await new Promise((r) => setTimeout(r, 5));
    return jsonReply(200, { token_type: 'Bearer', expires_in: expiresIn, access_token: `tok-${issued}` });
  });
  const provider = new EntraTokenProvider({
    tenantId: '00000000-0000-0000-0000-000000000001',
    clientId: 'sandbox-client',
    clientSecret: SECRET,
    authorityUrl: 'http://127.0.0.1:4020/',
    transport,
    now: () => now,
  });
  return { provider, transport, advance: (ms: number) => void (now += ms), issued: () => issued };
}

describe('EntraTokenProvider', () => {
  it('posts the client credentials form to {authority}/{tenant}/oauth2/v2.0/token', async () => {
    const { provider, transport } = setup();
    await provider.getToken();
    const req = transport.requests[0] as HttpRequest;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('http://127.0.0.1:4020/00000000-0000-0000-0000-000000000001/oauth2/v2.0/token');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(req.body);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'client_credentials',
      client_id: 'sandbox-client',
      client_secret: SECRET,
      scope: BUSINESS_CENTRAL_SCOPE,
    });
  });

  it('makes one token request for 20 concurrent callers', async () => {
    const { provider, issued } = setup();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => provider.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['tok-1']));
    expect(issued()).toBe(1);
  });

  it('serves the cached token until 5 minutes before expiry, then refreshes', async () => {
    const { provider, advance, issued } = setup(3599);
    expect(await provider.getToken()).toBe('tok-1');
    advance((3599 - 301) * 1000);
    expect(await provider.getToken()).toBe('tok-1');
    advance(2000);
    expect(await provider.getToken()).toBe('tok-2');
    expect(issued()).toBe(2);
  });

  it('refreshes at half-life when the token is short-lived', async () => {
    const { provider, advance } = setup(60);
    await provider.getToken();
    advance(29_000);
    expect(await provider.getToken()).toBe('tok-1');
    advance(2_000);
    expect(await provider.getToken()).toBe('tok-2');
  });

  it('refreshes once after invalidation, however many callers saw the 401', async () => {
    const { provider, issued } = setup();
    const first = await provider.getToken();
    for (let i = 0; i < 5; i += 1) provider.invalidate(first);
    const next = await Promise.all(Array.from({ length: 10 }, () => provider.getToken()));
    expect(new Set(next)).toEqual(new Set(['tok-2']));
    provider.invalidate(first); // stale report about a token already replaced
    expect(await provider.getToken()).toBe('tok-2');
    expect(issued()).toBe(2);
  });

  it('maps AADSTS errors to a message naming the wrong setting, without the secret', async () => {
    const { provider, transport } = setup();
    transport.reply(
      jsonReply(401, {
        error: 'invalid_client',
        error_description: `AADSTS7000215: Invalid client secret provided. secret=${SECRET}\r\nTrace ID: 1`,
        error_codes: [7000215],
      }),
    );
    const err = (await provider.getToken().catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toContain('BC_CLIENT_SECRET');
    expect(err.message).not.toContain(SECRET);
  });

  it('says the tenant is unknown for AADSTS90002', async () => {
    const { provider, transport } = setup();
    transport.reply(
      jsonReply(400, {
        error: 'invalid_request',
        error_description: 'AADSTS90002: Tenant not found.',
        error_codes: [90002],
      }),
    );
    await expect(provider.getToken()).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining('BC_TENANT_ID'),
    });
  });

  it('keeps using a still-valid token when a refresh fails transiently', async () => {
    const { provider, transport, advance } = setup(3599);
    await provider.getToken();
    advance(3400 * 1000);
    transport.reply(jsonReply(503, {}));
    expect(await provider.getToken()).toBe('tok-1');
    advance(200 * 1000);
    transport.reply('timeout');
    await expect(provider.getToken()).rejects.toBeInstanceOf(RetryableError);
  });

  it('rejects a token answer without access_token as a schema mismatch', async () => {
    const { provider, transport } = setup();
    transport.reply(jsonReply(200, { token_type: 'Bearer', expires_in: 3599 }));
    await expect(provider.getToken()).rejects.toMatchObject({
      code: 'SCHEMA_MISMATCH',
      message: expect.stringContaining('access_token'),
    });
  });

  it('accepts expires_in as a numeric string (v1 endpoints send strings)', async () => {
    const { provider, transport } = setup();
    transport.reply(jsonReply(200, { token_type: 'Bearer', expires_in: '3599', access_token: 'abc' }));
    expect(await provider.getToken()).toBe('abc');
  });
});
