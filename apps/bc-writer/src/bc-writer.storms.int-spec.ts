import { WriterHarness } from './testing/writer-harness';

type Fault = Record<string, unknown>;

describe('bc-writer under 429 and 5xx storms on both systems', () => {
  let h: WriterHarness;
  let conn: string;

  beforeAll(async () => {
    const started = await WriterHarness.start(['storm']);
    h = started.harness;
    conn = started.ids.storm!;
    await h.connect(conn, await h.settings('STM-'));
  });
  afterAll(() => h?.stop());
  afterEach(() => h.sandbox.control.clearFaults());

  /** Places orders (each a new shopper), turns the storm on, signals them all, and expects one posted invoice each. */
  async function weather(name: string, faults: Fault[]) {
    const ids: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const email = `${name}.${i}@example.com`;
      ids.push((await h.sandbox.control.placeOrder({ customerEmail: email, lines: [{ sku: `SKU-0002${i}`, quantity: 1 }] })).id);
    }
    for (const fault of faults) await h.sandbox.control.fault(fault);
    for (const id of ids) await h.signal(conn, id);
    for (const id of ids) await h.waitFor(conn, id, 'POSTED', 240_000);
    const { faults: fired } = await h.sandbox.control.request<{ faults: Array<{ hits: number }> }>('GET', '/faults');
    expect(fired.reduce((sum, f) => sum + f.hits, 0)).toBeGreaterThan(0);
    await h.sandbox.control.clearFaults();
    for (const [i, id] of ids.entries()) {
      expect(await h.invoices(`STM-${id}`)).toHaveLength(1);
      expect(await h.bc.customers.findByEmail(`${name}.${i}@example.com`)).toHaveLength(1);
    }
  }

  it('Business Central answering 429 to half the requests', async () => {
    await weather('bc429', [{ system: 'business-central', status: 429, rate: 0.5, count: 24 }]);
  }, 300_000);

  it('Business Central failing with 5xx, including writes that committed before failing', async () => {
    await weather('bc5xx', [
      { system: 'business-central', method: 'POST', status: 500, afterCommit: true, rate: 0.4, count: 6 },
      { system: 'business-central', status: 503, rate: 0.4, count: 24 },
    ]);
  }, 300_000);

  // At most four 429s in a row: the store limiter doubles its wait on each consecutive 429, so a longer run only
  // stretches the test (the pipeline heartbeats while a handler waits).
  it('BigCommerce answering 429 and 5xx', async () => {
    await weather('bcm', [
      { system: 'bigcommerce', status: 429, rate: 0.5, count: 4 },
      { system: 'bigcommerce', status: 502, rate: 0.5, count: 10 },
    ]);
  }, 300_000);

  it('both systems at once', async () => {
    await weather('both', [
      { system: 'bigcommerce', status: 503, rate: 0.4, count: 8 },
      { system: 'business-central', status: 429, rate: 0.3, count: 15 },
      { system: 'business-central', method: 'POST', path: 'Microsoft\\.NAV\\.post$', status: 504, afterCommit: true, rate: 0.5, count: 3 },
    ]);
  }, 300_000);
});
