import { Decimal } from '@mlc/platform-money';
import { OutcomeUnknownError, PermanentError } from '@mlc/platform-errors';
import { EntraTokenProvider } from '../auth/entra-token-provider';
import { EntityChangedError } from '../client/business-central-errors';
import { UndiciTransport } from '../http/undici-transport';
import { BcPath } from '../odata/odata-path';
import { customerSchema } from '../resources/schemas/customer.schema';
import { BcSandbox, SANDBOX_IDENTITY, startBcSandbox, unique } from '../testing/sandbox-kit';

jest.setTimeout(60_000);

describe('Business Central client against the sandbox', () => {
  let sandbox: BcSandbox;
  let companyId: string;
  const transport = new UndiciTransport();

  beforeAll(async () => {
    sandbox = await startBcSandbox();
    const [company] = await sandbox.client().companies.list();
    companyId = company?.id ?? '';
  });
  afterAll(async () => {
    await transport.close();
    await sandbox?.stop();
  });

  const provider = (overrides: { tenantId?: string; clientSecret?: string; clientId?: string }) =>
    new EntraTokenProvider({ ...SANDBOX_IDENTITY, authorityUrl: sandbox.url, transport, ...overrides });

  it('gets a token with the sandbox app, and names the wrong setting otherwise', async () => {
    expect(await provider({}).getToken()).toMatch(/\S{10,}/);
    const badSecret = (await provider({ clientSecret: 'not-the-secret' })
      .getToken()
      .catch((e: unknown) => e)) as Error;
    expect(badSecret).toBeInstanceOf(PermanentError);
    expect(badSecret.message).toContain('BC_CLIENT_SECRET');
    expect(badSecret.message).not.toContain('not-the-secret');
    await expect(provider({ clientId: 'nobody' }).getToken()).rejects.toThrow(/BC_CLIENT_ID/);
    await expect(provider({ tenantId: '99999999-0000-0000-0000-000000000009' }).getToken()).rejects.toThrow(
      /BC_TENANT_ID/,
    );
  });

  it('lists companies without a company, and says which part of the address is wrong', async () => {
    expect(companyId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(sandbox.client({ environment: 'nope' }).companies.list()).rejects.toThrow(/BC_ENVIRONMENT/);
    const wrongCompany = sandbox.client({ companyId: '99999999-2222-3333-4444-555555555555' });
    await expect(wrongCompany.items.list(['number']).toArray()).rejects.toThrow(/BC_COMPANY_ID/);
  });

  it('pages items with Prefer: odata.maxpagesize, returning each row once', async () => {
    const bc = sandbox.client({ companyId, pageSize: 3 });
    const all = await sandbox.client({ companyId }).items.list(['number']).toArray();
    const paged = await bc.items.list(['number', 'type', 'blocked', 'inventory', 'unitPrice']).toArray();
    expect(paged.length).toBeGreaterThan(3);
    expect(paged.map((i) => i.id).sort()).toEqual(all.map((i) => i.id).sort());
    expect(paged[0]?.unitPrice).toBeInstanceOf(Decimal);
  });

  it('patches with If-Match and refuses a stale ETag with EntityChangedError', async () => {
    const bc = sandbox.client({ companyId });
    const created = await bc.customers.create({
      displayName: 'Etag Spec',
      email: `${unique('e')}@example.com`.toLowerCase(),
    });
    const path = BcPath.entity('customers', created.id);
    const renamed = await bc.client.patch(path, created.etag, { displayName: 'Renamed' }, customerSchema);
    expect(renamed.etag).not.toBe(created.etag);
    await expect(bc.client.patch(path, created.etag, { displayName: 'Stale' }, customerSchema)).rejects.toBeInstanceOf(
      EntityChangedError,
    );
  });

  it('reports a create whose answer is lost as OutcomeUnknownError, and the document can be found', async () => {
    const bc = sandbox.client({ companyId });
    const customer = await bc.customers.create({
      displayName: 'Lost Answer',
      email: `${unique('l')}@example.com`.toLowerCase(),
    });
    await sandbox.process.control.fault({
      system: 'business-central',
      method: 'POST',
      path: 'salesInvoices$',
      status: 503,
      afterCommit: true,
      count: 1,
    });
    const reference = unique('LA-');
    const err = await bc.salesInvoices
      .create({ customerId: customer.id, externalDocumentNumber: reference, lines: [] })
      .catch((e: unknown) => e);
    await sandbox.process.control.clearFaults();
    expect(err).toBeInstanceOf(OutcomeUnknownError);
    expect(await bc.salesInvoices.findByExternalDocumentNumber(reference)).toHaveLength(1);
  });

  it('backs off on a 429 to a create and creates the document exactly once', async () => {
    const bc = sandbox.client({ companyId });
    const customer = await bc.customers.create({
      displayName: 'Throttled',
      email: `${unique('t')}@example.com`.toLowerCase(),
    });
    await sandbox.process.control.fault({
      system: 'business-central',
      method: 'POST',
      path: 'salesInvoices$',
      status: 429,
      count: 1,
    });
    const reference = unique('TH-');
    const created = await bc.salesInvoices.create({
      customerId: customer.id,
      externalDocumentNumber: reference,
      lines: [],
    });
    await sandbox.process.control.clearFaults();
    expect((await bc.salesInvoices.findByExternalDocumentNumber(reference)).map((i) => i.id)).toEqual([created.id]);
  });

  it('refreshes an expired token once after a 401 and carries on', async () => {
    const bc = sandbox.client({ companyId });
    await bc.items.list(['number']).toArray();
    await sandbox.process.control.request('DELETE', '/requests');
    await sandbox.process.control.advanceClock(2 * 60 * 60 * 1000);
    expect((await bc.items.list(['number']).toArray()).length).toBeGreaterThan(0);
    const { requests } = await sandbox.process.control.requests();
    expect(requests.map((r) => `${r.system} ${r.status}`)).toEqual([
      'business-central 401',
      'entra 200',
      'business-central 200',
    ]);
  });
});
