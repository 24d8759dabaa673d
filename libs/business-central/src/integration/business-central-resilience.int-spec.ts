import { OutcomeUnknownError } from '@mlc/platform-errors';
import { BreakerRegistry } from '@mlc/platform-resilience';
import { EntityChangedError } from '../client/business-central-errors';
import { SKIP, patchWithReread } from '../client/etag';
import { BcPath } from '../odata/odata-path';
import { customerSchema } from '../resources/schemas/customer.schema';
import { BcSandbox, startBcSandbox, unique } from '../testing/sandbox-kit';

jest.setTimeout(30_000);

describe('Business Central client resilience against the sandbox', () => {
  let sandbox: BcSandbox;
  let companyId: string;

  beforeAll(async () => {
    sandbox = await startBcSandbox();
    const [company] = await sandbox.client().companies.list();
    companyId = company?.id ?? '';
  });
  afterAll(() => sandbox?.stop());
  beforeEach(() => sandbox.process.control.request('DELETE', '/requests'));
  afterEach(() => sandbox.process.control.clearFaults());

  const control = () => sandbox.process.control;
  const settings = (patch: Record<string, unknown>) => control().request('POST', '/business-central/settings', patch);
  const log = async () => (await control().requests()).requests.map((r) => `${r.system} ${r.status}`);

  it('fetches a fresh token before the old one expires in the middle of a run, without a 401', async () => {
    await settings({ tokenLifetimeSeconds: 2 });
    const bc = sandbox.client({ companyId });
    await bc.items.list(['number']).toArray();
    await new Promise((r) => setTimeout(r, 1_200));
    await bc.items.list(['number']).toArray();
    await bc.items.list(['number']).toArray();
    await settings({ tokenLifetimeSeconds: 3600 });
    expect(await log()).toEqual([
      'entra 200',
      'business-central 200',
      'entra 200',
      'business-central 200',
      'business-central 200',
    ]);
  });

  it('absorbs 429s from beyond the BC request queue with retries, surfacing no error to reads', async () => {
    await settings({ throttle: { maxConcurrent: 1, maxQueue: 1 }, requestProcessingMs: 100 });
    const bc = sandbox.client({
      companyId,
      share: { maxConcurrent: 6, perFiveMinutes: 2000 },
      retry: { attempts: 8, baseMs: 100, maxMs: 800 },
    });
    try {
      const reads = await Promise.all(Array.from({ length: 6 }, () => bc.items.list(['number']).toArray()));
      expect(reads.every((rows) => rows.length > 0)).toBe(true);
    } finally {
      await settings({ throttle: { maxConcurrent: 5, maxQueue: 95 }, requestProcessingMs: 0 });
    }
    const answers = (await log()).filter((l) => l.startsWith('business-central'));
    expect(answers.filter((a) => a.endsWith(' 200'))).toHaveLength(6);
    expect(answers.filter((a) => a.endsWith(' 429')).length).toBeGreaterThan(0);
    expect(answers.every((a) => / (200|429)$/.test(a))).toBe(true);
  });

  it('re-reads and re-applies a patch whose ETag went stale', async () => {
    const bc = sandbox.client({ companyId });
    const created = await bc.customers.create({
      displayName: 'Reread',
      email: `${unique('r')}@example.com`.toLowerCase(),
    });
    const path = BcPath.entity('customers', created.id);
    await bc.client.patch(path, created.etag, { phoneNumber: '555-0100' }, customerSchema);
    let reads = 0;
    const read = async () => ((reads += 1) === 1 ? created : bc.client.get(path, customerSchema));
    const renamed = await patchWithReread(read, async (current) =>
      current.displayName === 'Renamed'
        ? SKIP
        : bc.client.patch(path, current.etag, { displayName: 'Renamed' }, customerSchema),
    );
    expect(reads).toBe(2);
    expect(renamed).toMatchObject({ displayName: 'Renamed', phoneNumber: '555-0100' });
    await expect(bc.client.patch(path, created.etag, { displayName: 'Stale' }, customerSchema)).rejects.toBeInstanceOf(
      EntityChangedError,
    );
  });

  it('reports an invoice create reset after it committed as OutcomeUnknownError, leaving exactly one invoice', async () => {
    const bc = sandbox.client({ companyId });
    const customer = await bc.customers.create({
      displayName: 'Reset',
      email: `${unique('x')}@example.com`.toLowerCase(),
    });
    await control().fault({
      system: 'business-central',
      method: 'POST',
      path: 'salesInvoices$',
      reset: true,
      afterCommit: true,
      count: 1,
    });
    const reference = unique('RS-');
    await expect(
      bc.salesInvoices.create({ customerId: customer.id, externalDocumentNumber: reference, lines: [] }),
    ).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(await bc.salesInvoices.findByExternalDocumentNumber(reference)).toHaveLength(1);
  });

  it('opens the breaker on a run of 503s, sends nothing while open, and closes after the reset timeout', async () => {
    const breakers = new BreakerRegistry({
      errorThresholdPercentage: 50,
      volumeThreshold: 3,
      resetTimeoutMs: 1_000,
      rollingCountTimeoutMs: 10_000,
    });
    try {
      const bc = sandbox.client({ companyId, breakers, retry: { attempts: 3, baseMs: 10, maxMs: 50 } });
      await bc.items.list(['number']).toArray();
      await control().fault({ system: 'business-central', method: 'GET', path: 'items$', status: 503 });
      await expect(bc.items.list(['number']).toArray()).rejects.not.toMatchObject({ code: 'CIRCUIT_OPEN' });
      expect(breakers.state('business-central', 'int-spec')).toBe('open');
      await control().request('DELETE', '/requests');
      for (let i = 0; i < 3; i += 1) {
        await expect(bc.items.list(['number']).toArray()).rejects.toMatchObject({ code: 'CIRCUIT_OPEN' });
      }
      expect(await log()).toEqual([]);
      await control().clearFaults();
      await new Promise((r) => setTimeout(r, 1_100));
      expect((await bc.items.list(['number']).toArray()).length).toBeGreaterThan(0);
      expect(breakers.state('business-central', 'int-spec')).toBe('closed');
    } finally {
      breakers.shutdown();
    }
  });
});
