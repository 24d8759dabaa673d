import { BC_DEFAULTS } from './bc-identity';
import { BcHarness, startBcHarness } from './testing/bc-harness';

/** Conformance cases 1-6, 15 and 16 of reference/business-central.md section 10. */
describe('BC conformance: auth, addressing, OData, throttling, $batch', () => {
  let h: BcHarness;
  beforeAll(async () => {
    h = await startBcHarness({ seed: { products: 25, variantsPerProduct: 0, customers: 4 } });
  });
  afterAll(() => h?.close());

  const tokenRequest = (form: Record<string, string>) =>
    fetch(`${h.url}/${BC_DEFAULTS.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
  const goodForm = {
    grant_type: 'client_credentials',
    client_id: BC_DEFAULTS.clientId,
    client_secret: BC_DEFAULTS.clientSecret,
    scope: 'https://api.businesscentral.dynamics.com/.default',
  };

  it('case 1 - token: client credentials give a 3599 s Bearer token; bad secret and bad scope give AADSTS errors', async () => {
    const ok = await tokenRequest(goodForm);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual(expect.objectContaining({ token_type: 'Bearer', expires_in: 3599, access_token: expect.any(String) }));
    const badSecret = await tokenRequest({ ...goodForm, client_secret: 'wrong' });
    expect([400, 401]).toContain(badSecret.status);
    const secretBody = (await badSecret.json()) as { error: string; error_description: string; error_codes: number[] };
    expect(secretBody.error).toBe('invalid_client');
    expect(secretBody.error_description).toMatch(/^AADSTS7000215: /);
    expect(secretBody.error_codes).toEqual([7000215]);
    const badScope = await tokenRequest({ ...goodForm, scope: 'https://api.businesscentral.dynamics.com/API.ReadWrite.All' });
    expect(badScope.status).toBe(400);
    const scopeBody = (await badScope.json()) as { error: string; error_description: string };
    expect(scopeBody.error).toBe('invalid_scope');
    expect(scopeBody.error_description).toContain('AADSTS1002012');
  });

  it('case 2 - a missing or expired bearer token is 401 Authentication_InvalidCredentials', async () => {
    const missing = await fetch(`${h.company}items`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('Authentication_InvalidCredentials');
    const token = ((await (await tokenRequest(goodForm)).json()) as { access_token: string }).access_token;
    const fresh = await fetch(`${h.company}items?$top=1`, { headers: { authorization: `Bearer ${token}` } });
    expect(fresh.status).toBe(200);
    await h.control('POST', '/__sandbox/clock', { advanceMs: 3600_000 });
    const expired = await fetch(`${h.company}items?$top=1`, { headers: { authorization: `Bearer ${token}` } });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('Authentication_InvalidCredentials');
    expect(expired.headers.get('www-authenticate')).toContain('expired');
  });

  it('case 3 - GET companies works without company context; POST companies is 405', async () => {
    const list = await h.call('GET', `${h.root}companies`);
    expect(list.status).toBe(200);
    expect(list.body.value).toEqual([expect.objectContaining({ id: BC_DEFAULTS.companyId, name: BC_DEFAULTS.companyName })]);
    const post = await h.call('POST', `${h.root}companies`, { body: { name: 'Other' } });
    expect(post.status).toBe(405);
    expect(post.body.error.code).toBe('BadRequest_MethodNotAllowed');
  });

  it('case 4 - PATCH customers needs If-Match: missing 400, stale 409, * or current 200 with a new etag', async () => {
    const customer = (await h.call('GET', 'customers?$top=1')).body.value[0];
    const path = `customers(${customer.id})`;
    const missing = await h.call('PATCH', path, { body: { phoneNumber: '555-0199' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('BadRequest_InvalidToken');
    const current = await h.call('PATCH', path, { body: { phoneNumber: '555-0198' }, headers: { 'if-match': customer['@odata.etag'] } });
    expect(current.status).toBe(200);
    expect(current.body['@odata.etag']).not.toBe(customer['@odata.etag']);
    const stale = await h.call('PATCH', path, { body: { phoneNumber: '555-0197' }, headers: { 'if-match': customer['@odata.etag'] } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('Request_EntityChanged');
    const star = await h.call('PATCH', path, { body: { phoneNumber: '555-0196' }, headers: { 'if-match': '*' } });
    expect(star.status).toBe(200);
    expect(star.body['@odata.etag']).not.toBe(current.body['@odata.etag']);
  });

  it('case 5 - Prefer: odata.maxpagesize=N pages with absolute next links, every row once, last page without link', async () => {
    const seen: string[] = [];
    let next: string | undefined = `${h.company}items?$select=number`;
    let pages = 0;
    while (next) {
      const page = await h.call('GET', next, { headers: { prefer: 'odata.maxpagesize=10' } });
      expect(page.status).toBe(200);
      pages += 1;
      seen.push(...page.body.value.map((i: { number: string }) => i.number));
      next = page.body['@odata.nextLink'];
      if (next) {
        expect(page.body.value).toHaveLength(10);
        expect(next).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2\.0\/.*\$skiptoken=/);
      }
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  it('case 6 - or across fields is 400, or on one field works, datetimes are bare literals', async () => {
    const distinct = await h.call('GET', "customers?$filter=email eq 'a' or displayName eq 'b'");
    expect(distinct.status).toBe(400);
    expect(distinct.body.error.message).toContain("The 'OR' operator is not supported on distinct fields");
    const same = await h.call('GET', "items?$filter=number eq 'SKU-00001' or number eq 'SKU-00002'");
    expect(same.status).toBe(200);
    expect(same.body.value.map((i: { number: string }) => i.number)).toEqual(['SKU-00001', 'SKU-00002']);
    const since = await h.call('GET', 'items?$filter=lastModifiedDateTime gt 2024-01-01T00:00:00Z&$count=true&$top=1');
    expect(since.status).toBe(200);
    expect(since.body['@odata.count']).toBe(25);
  });

  it('case 15 - the 6001st request in 5 minutes and the 101st in flight are 429 Application_TooManyRequests', async () => {
    await h.control('POST', '/__sandbox/clock', { advanceMs: 600_000 });
    const token = await h.token();
    const get = () => fetch(`${h.company}unitsOfMeasure?$top=1`, { headers: { authorization: `Bearer ${token}` } });
    let accepted = 0;
    for (let batch = 0; batch < 60; batch += 1) {
      const statuses = await Promise.all(Array.from({ length: 100 }, () => get().then((r) => r.status)));
      accepted += statuses.filter((s) => s === 200).length;
    }
    expect(accepted).toBe(6000);
    const over = await get();
    expect(over.status).toBe(429);
    const body = (await over.json()) as { error: { code: string; message: string } };
    expect(body.error).toEqual({ code: 'Application_TooManyRequests', message: 'Too many requests reached. Actual (6001). Maximum (6000).' });
    await h.control('POST', '/__sandbox/clock', { advanceMs: 300_000 });
    await h.control('POST', '/__sandbox/business-central/settings', { requestProcessingMs: 400 });
    const burst = await Promise.all(Array.from({ length: 104 }, () => get().then((r) => r.status)));
    await h.control('POST', '/__sandbox/business-central/settings', { requestProcessingMs: 0 });
    expect(burst.filter((s) => s === 200)).toHaveLength(100);
    expect(burst.filter((s) => s === 429)).toHaveLength(4);
  });

  it('case 16 - $batch: 101 operations are refused; a snapshot batch with a failing operation rolls back', async () => {
    const op = (i: number) => ({ id: String(i), method: 'GET', url: `companies(${BC_DEFAULTS.companyId})/currencies` });
    const tooMany = await h.call('POST', `${h.root}$batch`, { body: { requests: Array.from({ length: 101 }, (_, i) => op(i)) } });
    expect(tooMany.status).toBe(400);
    const requests = [
      { id: 'a', method: 'POST', url: `companies(${BC_DEFAULTS.companyId})/customers`, headers: { 'content-type': 'application/json' }, body: { displayName: 'Batch One' } },
      { id: 'b', method: 'POST', url: `companies(${BC_DEFAULTS.companyId})/customers`, headers: { 'content-type': 'application/json' }, body: { displayName: 'Batch Two', blocked: 'Nope' } },
    ];
    const snapshot = await h.call('POST', `${h.root}$batch`, { body: { requests }, headers: { isolation: 'snapshot' } });
    expect(snapshot.status).toBe(200);
    expect(snapshot.body.responses.map((r: { id: string; status: number }) => [r.id, r.status])).toEqual([['a', 201], ['b', 400]]);
    const after = await h.call('GET', "customers?$filter=displayName eq 'Batch One'");
    expect(after.body.value).toHaveLength(0);
    const plain = await h.call('POST', `${h.root}$batch`, { body: { requests } });
    expect(plain.body.responses.map((r: { status: number }) => r.status)).toEqual([201, 400]);
    expect((await h.call('GET', "customers?$filter=displayName eq 'Batch One'")).body.value).toHaveLength(1);
  });

  it('case 16 - an atomicity group rolls back together and a request depending on a failed one is not run', async () => {
    const customers = `companies(${BC_DEFAULTS.companyId})/customers`;
    const json = { 'content-type': 'application/json' };
    const requests = [
      { id: 'g1', atomicityGroup: 'g', method: 'POST', url: customers, headers: json, body: { displayName: 'Group One' } },
      { id: 'g2', atomicityGroup: 'g', method: 'POST', url: customers, headers: json, body: { number: 'X'.repeat(25) } },
      { id: 'after', dependsOn: ['g2'], method: 'POST', url: customers, headers: json, body: { displayName: 'After' } },
      { id: 'alone', method: 'POST', url: customers, headers: json, body: { displayName: 'Alone' } },
    ];
    const res = await h.call('POST', `${h.root}$batch`, { body: { requests } });
    expect(res.body.responses.map((r: { id: string; status: number }) => [r.id, r.status])).toEqual([
      ['g1', 201],
      ['g2', 400],
      ['after', 424],
      ['alone', 201],
    ]);
    const names = async (name: string) => (await h.call('GET', `customers?$filter=displayName eq '${name}'`)).body.value.length;
    expect([await names('Group One'), await names('After'), await names('Alone')]).toEqual([0, 0, 1]);
  });
});
