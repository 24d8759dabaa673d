import { BC_DEFAULTS } from './bc-identity';
import { BcHarness, startBcHarness } from './testing/bc-harness';

interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  trace_id: string;
  correlation_id: string;
  timestamp: string;
}

describe('Entra ID token endpoint and BC addressing errors', () => {
  let h: BcHarness;
  beforeAll(async () => {
    h = await startBcHarness();
  });
  afterAll(() => h?.close());

  const scope = 'https://api.businesscentral.dynamics.com/.default';
  const good = { grant_type: 'client_credentials', client_id: BC_DEFAULTS.clientId, client_secret: BC_DEFAULTS.clientSecret, scope };
  const token = async (form: Record<string, string>, tenant: string = BC_DEFAULTS.tenantId, headers: Record<string, string> = {}) => {
    const res = await fetch(`${h.url}/${tenant}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form),
    });
    return { status: res.status, body: (await res.json()) as EntraErrorBody & { access_token?: string; expires_in?: number } };
  };

  it.each([
    ['unknown tenant', { ...good }, '11111111-2222-3333-4444-555555555555', 400, 'invalid_request', 90002],
    ['missing grant_type', { client_id: good.client_id, client_secret: good.client_secret, scope }, undefined, 400, 'invalid_request', 900144],
    ['unsupported grant', { ...good, grant_type: 'password' }, undefined, 400, 'unsupported_grant_type', 70003],
    ['unknown client', { ...good, client_id: 'nobody' }, undefined, 400, 'unauthorized_client', 700016],
    ['missing secret', { grant_type: 'client_credentials', client_id: good.client_id, scope }, undefined, 401, 'invalid_client', 7000216],
    ['wrong secret', { ...good, client_secret: 'guess' }, undefined, 401, 'invalid_client', 7000215],
    ['scope without /.default', { ...good, scope: 'https://api.businesscentral.dynamics.com/user_impersonation' }, undefined, 400, 'invalid_scope', 1002012],
    ['another resource', { ...good, scope: 'https://graph.microsoft.com/.default' }, undefined, 400, 'invalid_resource', 500011],
  ] as const)('%s gives the documented AADSTS error', async (_name, form, tenant, status, error, code) => {
    const res = await token(form, tenant ?? BC_DEFAULTS.tenantId);
    expect(res.status).toBe(status);
    expect(res.body.error).toBe(error);
    expect(res.body.error_codes).toEqual([code]);
    expect(res.body.error_description).toMatch(new RegExp(`^AADSTS${code}: .*\\r\\nTrace ID: ${res.body.trace_id}\\r\\nCorrelation ID: ${res.body.correlation_id}\\r\\nTimestamp: `, 's'));
    expect(res.body.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/);
  });

  it('answers a method other than POST on the token endpoint with AADSTS900561', async () => {
    const res = await fetch(`${h.url}/${BC_DEFAULTS.tenantId}/oauth2/v2.0/token`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as EntraErrorBody;
    expect(body.error).toBe('invalid_request');
    expect(body.error_codes).toEqual([900561]);
    expect(body.error_description).toMatch(/^AADSTS900561: The endpoint only accepts POST, OPTIONS requests\. Received a GET request\./);
  });

  it('accepts client credentials in a Basic authorization header', async () => {
    const basic = Buffer.from(`${BC_DEFAULTS.clientId}:${BC_DEFAULTS.clientSecret}`).toString('base64');
    const res = await token({ grant_type: 'client_credentials', scope }, BC_DEFAULTS.tenantId, { authorization: `Basic ${basic}` });
    expect(res.status).toBe(200);
    expect(res.body.expires_in).toBe(3599);
  });

  it('treats a JSON body as missing parameters', async () => {
    const res = await fetch(`${h.url}/${BC_DEFAULTS.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(good),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as EntraErrorBody).error_codes).toEqual([900144]);
  });

  it('rejects a forged or foreign token with 401 and accepts the tenant-less URL form', async () => {
    const real = await h.token();
    const forged = `${real.slice(0, -4)}AAAA`;
    const res = await fetch(`${h.company}items`, { headers: { authorization: `Bearer ${forged}` } });
    expect(res.status).toBe(401);
    const otherTenant = h.company.replace(BC_DEFAULTS.tenantId, '99999999-9999-9999-9999-999999999999');
    expect((await h.call('GET', otherTenant)).status).toBe(401);
    const tenantless = h.company.replace(`/${BC_DEFAULTS.tenantId}/`, '/');
    expect((await h.call('GET', `${tenantless}currencies`)).status).toBe(200);
  });

  it('answers a wrong environment, company, key or route in BC error shape', async () => {
    const wrongEnv = await h.call('GET', h.company.replace('/sandbox/', '/production/') + 'items');
    expect(wrongEnv.status).toBe(404);
    expect(wrongEnv.body.error.code).toBe('BadRequest_NotFound');
    const wrongCompany = await h.call('GET', `${h.root}companies(11111111-1111-1111-1111-111111111111)/items`);
    expect(wrongCompany.status).toBe(404);
    expect(wrongCompany.body.error.code).toBe('Internal_CompanyNotFound');
    const unknownKey = await h.call('GET', 'items(11111111-1111-1111-1111-111111111111)');
    expect(unknownKey.status).toBe(404);
    expect(unknownKey.body.error.code).toBe('BadRequest_NotFound');
    const badKey = await h.call('GET', "items('SKU-00001')");
    expect(badKey.status).toBe(400);
    const unknownSet = await h.call('GET', 'widgets');
    expect(unknownSet.status).toBe(404);
    expect(unknownSet.body.error.message).toContain('No HTTP resource was found that matches the request URI');
    const outside = await fetch(`${h.url}/nothing/here`);
    expect(outside.status).toBe(404);
    expect(((await outside.json()) as { error: { code: string } }).error.code).toBe('BadRequest_NotFound');
    expect((await h.call('GET', `${h.root}items?company=${encodeURIComponent(BC_DEFAULTS.companyName)}`)).status).toBe(200);
  });

  it('serves the service document and a $metadata EDMX with the enforced lengths', async () => {
    const service = await h.call('GET', h.root);
    expect(service.body.value).toEqual(expect.arrayContaining([{ name: 'salesInvoices', kind: 'EntitySet', url: 'salesInvoices' }]));
    const metadata = await h.call('GET', `${h.root}$metadata`);
    expect(metadata.headers.get('content-type')).toContain('application/xml');
    expect(metadata.text).toContain('<Property Name="externalDocumentNumber" Type="Edm.String" Nullable="false" MaxLength="35" />');
    expect(metadata.text).toContain('<Action Name="shipAndInvoice" IsBound="true">');
  });

  it('answers malformed JSON with 400 and messages carry a correlation id', async () => {
    const res = await h.call('POST', 'customers', { body: '{"displayName": ', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadRequest');
    expect(res.body.error.message).toMatch(/^Invalid Request Body {2}CorrelationId: {2}[0-9a-f-]{36}\.$/);
  });
});
