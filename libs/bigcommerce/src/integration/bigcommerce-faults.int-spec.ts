import { OutcomeUnknownError, RetryableError } from '@mlc/platform-errors';
import { BreakerRegistry } from '@mlc/platform-resilience';
import { StoreSandbox, startStoreSandbox } from './testing/store-sandbox-kit';

jest.setTimeout(30_000);

const HOOKS = 'v3/hooks$';
const SCOPE = 'store/order/created';
let serial = 0;
const destination = () => `https://connector.example.com/bigcommerce/${Date.now()}-${(serial += 1)}`;
const statuses = async (sandbox: StoreSandbox) => (await sandbox.calls()).map((c) => `${c.method} ${c.status}`);

describe('BigCommerce client under injected faults', () => {
  let sandbox: StoreSandbox;

  beforeAll(async () => {
    sandbox = await startStoreSandbox({ products: 2, customers: 1 });
  });
  afterAll(() => sandbox?.stop());
  beforeEach(() => sandbox.clearCalls());
  afterEach(() => sandbox.process.control.clearFaults());

  const fault = (rule: Record<string, unknown>) => sandbox.process.control.fault({ system: 'bigcommerce', ...rule });
  const hooksAt = async (url: string) => (await sandbox.api().listHooks({ destination: url })).length;

  it('retries reads answered 503 and returns the third answer', async () => {
    await fault({ method: 'GET', path: HOOKS, status: 503, count: 2 });
    await expect(sandbox.api().listHooks()).resolves.toEqual(expect.any(Array));
    expect(await statuses(sandbox)).toEqual(['GET 503', 'GET 503', 'GET 200']);
  });

  it('reports a create answered 500 after it was applied as OutcomeUnknownError, without sending it again', async () => {
    const url = destination();
    await fault({ method: 'POST', path: HOOKS, status: 500, afterCommit: true, count: 1 });
    await expect(sandbox.api().createHook({ scope: SCOPE, destination: url })).rejects.toBeInstanceOf(
      OutcomeUnknownError,
    );
    expect(await statuses(sandbox)).toEqual(['POST 500']);
    expect(await hooksAt(url)).toBe(1);
  });

  it('reports a create whose connection was reset as OutcomeUnknownError; the lookup tells whether it ran', async () => {
    const lost = destination();
    await fault({ method: 'POST', path: HOOKS, reset: true, count: 1 });
    await expect(sandbox.api().createHook({ scope: SCOPE, destination: lost })).rejects.toBeInstanceOf(
      OutcomeUnknownError,
    );
    expect(await hooksAt(lost)).toBe(0);

    const applied = destination();
    await fault({ method: 'POST', path: HOOKS, reset: true, afterCommit: true, count: 1 });
    await expect(sandbox.api().createHook({ scope: SCOPE, destination: applied })).rejects.toBeInstanceOf(
      OutcomeUnknownError,
    );
    expect(await hooksAt(applied)).toBe(1);
    expect((await statuses(sandbox)).filter((s) => s.startsWith('POST'))).toEqual(['POST 0', 'POST 0']);
  });

  it('retries a read that outlives the request timeout, and reports a slow create as OutcomeUnknownError', async () => {
    const api = sandbox.api({ requestTimeoutMs: 300 });
    await fault({ method: 'GET', path: HOOKS, latencyMs: 800, count: 1 });
    await expect(api.listHooks()).resolves.toEqual(expect.any(Array));

    const url = destination();
    await fault({ method: 'POST', path: HOOKS, latencyMs: 800, count: 1 });
    await expect(api.createHook({ scope: SCOPE, destination: url })).rejects.toBeInstanceOf(OutcomeUnknownError);
    await new Promise((r) => setTimeout(r, 900));
    expect(await hooksAt(url)).toBe(1);
    expect((await statuses(sandbox)).filter((s) => s.startsWith('POST'))).toEqual(['POST 200']);
  });
});

describe('BigCommerce client with a circuit breaker', () => {
  let sandbox: StoreSandbox;
  const breakers = new BreakerRegistry({
    errorThresholdPercentage: 50,
    volumeThreshold: 4,
    resetTimeoutMs: 1_000,
    rollingCountTimeoutMs: 10_000,
  });

  beforeAll(async () => {
    sandbox = await startStoreSandbox({ products: 2, customers: 1 });
  });
  afterAll(async () => {
    breakers.shutdown();
    await sandbox?.stop();
  });

  it('opens on a run of 503s, sends nothing while open, and closes once the store answers again', async () => {
    const api = sandbox.api({ breakers });
    await sandbox.process.control.fault({ system: 'bigcommerce', method: 'GET', path: HOOKS, status: 503 });
    const first = await api.listHooks().catch((e: unknown) => e);
    expect(first).toBeInstanceOf(RetryableError);
    expect(first).not.toMatchObject({ code: 'CIRCUIT_OPEN' });
    expect(breakers.state('bigcommerce', 'int-spec')).toBe('open');
    expect(await statuses(sandbox)).toEqual(Array(4).fill('GET 503'));

    await sandbox.clearCalls();
    for (let i = 0; i < 5; i += 1) await expect(api.listHooks()).rejects.toMatchObject({ code: 'CIRCUIT_OPEN' });
    await expect(api.storeInformation()).rejects.toMatchObject({ code: 'CIRCUIT_OPEN' });
    expect(await sandbox.calls()).toEqual([]);

    await sandbox.process.control.clearFaults();
    await new Promise((r) => setTimeout(r, 1_100));
    await expect(api.listHooks()).resolves.toEqual(expect.any(Array));
    expect(breakers.state('bigcommerce', 'int-spec')).toBe('closed');
    expect(await statuses(sandbox)).toEqual(['GET 200']);
  });
});
