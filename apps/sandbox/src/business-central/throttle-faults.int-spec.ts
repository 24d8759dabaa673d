import { BC_DEFAULTS } from './bc-identity';
import { BcHarness, startBcHarness } from './testing/bc-harness';

const MINUTE = 60_000;

describe('BC throttling (per user, on the sandbox clock) and injected faults', () => {
  let h: BcHarness;
  beforeEach(async () => {
    h = await startBcHarness();
  });
  afterEach(() => h.close());

  const tokenFor = async (clientId: string, secret: string) => {
    const res = await fetch(`${h.url}/${BC_DEFAULTS.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: 'https://api.businesscentral.dynamics.com/.default' }),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const getWith = (token: string) => fetch(`${h.company}currencies`, { headers: { authorization: `Bearer ${token}` } });

  it('answers 503 with Retry-After to queued requests after the queue timeout (8 minutes of sandbox time)', async () => {
    await h.control('POST', '/__sandbox/business-central/settings', { requestProcessingMs: 1500 });
    const token = await h.token();
    const pending = Array.from({ length: 7 }, () => getWith(token));
    await new Promise((r) => setTimeout(r, 300));
    await h.control('POST', '/__sandbox/clock', { advanceMs: 8 * MINUTE });
    const responses = await Promise.all(pending);
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 503, 503]);
    const timedOut = responses.find((r) => r.status === 503)!;
    expect(timedOut.headers.get('retry-after')).not.toBeNull();
  });

  it('counts the rate window per user and lets requests through again once the window has slid', async () => {
    await h.control('POST', '/__sandbox/business-central/settings', { throttle: { requestsPerWindow: 20 } });
    await h.control('POST', '/__sandbox/business-central/entra/clients', { clientId: 'second-app', secret: 'second-secret' });
    const first = await h.token();
    const second = await tokenFor('second-app', 'second-secret');
    for (let i = 0; i < 20; i += 1) expect((await getWith(first)).status).toBe(200);
    const limited = await getWith(first);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    expect((await getWith(second)).status).toBe(200);
    await h.control('POST', '/__sandbox/clock', { advanceMs: 5 * MINUTE });
    expect((await getWith(first)).status).toBe(200);
  });

  it('counts every operation of a $batch against the window', async () => {
    await h.control('POST', '/__sandbox/business-central/settings', { throttle: { requestsPerWindow: 10 } });
    const requests = Array.from({ length: 12 }, (_, i) => ({ id: String(i), method: 'GET', url: `companies(${BC_DEFAULTS.companyId})/currencies` }));
    const batch = await h.call('POST', `${h.root}$batch`, { body: { requests } });
    expect(batch.status).toBe(200);
    const statuses = batch.body.responses.map((r: { status: number }) => r.status);
    expect(statuses.filter((s: number) => s === 200)).toHaveLength(9);
    expect(statuses.filter((s: number) => s === 429)).toHaveLength(3);
  });

  it('afterCommit faults answer 500 although the invoice was created; the client finds it by externalDocumentNumber', async () => {
    const customer = (await h.call('GET', 'customers?$top=1')).body.value[0];
    await h.control('POST', '/__sandbox/faults', { system: 'business-central', method: 'POST', path: 'salesInvoices$', status: 500, afterCommit: true, count: 1 });
    const failed = await h.call('POST', 'salesInvoices', { body: { customerId: customer.id, externalDocumentNumber: 'WEB-77' } });
    expect(failed.status).toBe(500);
    const found = await h.call('GET', "salesInvoices?$filter=externalDocumentNumber eq 'WEB-77'");
    expect(found.body.value).toHaveLength(1);
  });

  it('a reset before commit leaves nothing behind; a post whose response is lost has still posted', async () => {
    const customer = (await h.call('GET', 'customers?$top=1')).body.value[0];
    await h.control('POST', '/__sandbox/faults', { system: 'business-central', method: 'POST', path: 'salesInvoices$', reset: true, count: 1 });
    await expect(h.call('POST', 'salesInvoices', { body: { customerId: customer.id, externalDocumentNumber: 'WEB-78' } })).rejects.toThrow();
    expect((await h.call('GET', "salesInvoices?$filter=externalDocumentNumber eq 'WEB-78'")).body.value).toHaveLength(0);
    const draft = await h.call('POST', 'salesInvoices', {
      body: { customerId: customer.id, externalDocumentNumber: 'WEB-79', salesInvoiceLines: [{ lineType: 'Item', lineObjectNumber: 'SKU-00001', quantity: 1 }] },
    });
    await h.control('POST', '/__sandbox/faults', { system: 'business-central', path: 'Microsoft\\.NAV\\.post$', reset: true, afterCommit: true, count: 1 });
    await expect(h.call('POST', `salesInvoices(${draft.body.id})/Microsoft.NAV.post`)).rejects.toThrow();
    expect((await h.call('GET', `salesInvoices(${draft.body.id})`)).body.status).toBe('Open');
  });

  it('entra faults hit the token endpoint only', async () => {
    await h.control('POST', '/__sandbox/faults', { system: 'entra', status: 503, count: 1 });
    const res = await fetch(`${h.url}/${BC_DEFAULTS.tenantId}/oauth2/v2.0/token`, { method: 'POST' });
    expect(res.status).toBe(503);
    expect((await h.call('GET', 'currencies')).status).toBe(200);
  });
});
