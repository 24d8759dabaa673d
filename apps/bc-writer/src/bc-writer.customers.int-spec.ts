import { BcPath } from '@mlc/business-central';
import { z } from 'zod';
import { WriterHarness } from './testing/writer-harness';

describe('bc-writer: customers and totals', () => {
  let h: WriterHarness;
  let conn: string;
  let untaxed: string;

  beforeAll(async () => {
    const started = await WriterHarness.start(['cust', 'notax'], { BC_WRITER_CONCURRENCY: '6' });
    h = started.harness;
    conn = started.ids.cust!;
    untaxed = started.ids.notax!;
    await h.connect(conn, await h.settings('CUS-'));
    // No tax area for new customers: BC cannot charge the sales tax the store charged.
    await h.connect(untaxed, { ...(await h.settings('NTX-')), customer: { defaults: {} } });
  });
  afterAll(() => h?.stop());
  afterEach(() => h.sandbox.control.clearFaults());

  it('concurrent orders of one new shopper create exactly one BC customer', async () => {
    const email = 'Same.New.Shopper@Example.com';
    const ids: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      ids.push((await h.sandbox.control.placeOrder({ customerEmail: email, lines: [{ sku: 'SKU-00013', quantity: 1 }] })).id);
    }
    // A slow customer create widens the window in which a second order could look the shopper up and miss.
    await h.sandbox.control.fault({ system: 'business-central', method: 'POST', path: 'customers$', latencyMs: 1500, count: 1 });
    await Promise.all(ids.map((id) => h.signal(conn, id)));
    const rows = await Promise.all(ids.map((id) => h.waitFor(conn, id, 'POSTED')));
    const customers = await h.bc.customers.findByEmail(email.toLowerCase());
    expect(customers).toHaveLength(1);
    expect(new Set(rows.map((r) => r.customer_number))).toEqual(new Set([customers[0]!.number]));
    const creates = (await h.sandbox.control.requests('business-central')).requests.filter(
      (r) => r.method === 'POST' && /\/customers$/.test(r.path),
    );
    expect(creates).toHaveLength(1);
    const partitions = await h.db.query(`select count(distinct partition)::int as n from sync_attempts where connection_id = $1`, [conn]);
    expect(partitions[0].n).toBeGreaterThan(1);
  });

  it('a tax setup BC cannot reproduce is reported as TOTAL_MISMATCH and held as a draft', async () => {
    const { id, total_inc_tax } = await h.sandbox.control.request<{ id: number; total_inc_tax: string }>('POST', '/bigcommerce/orders', {
      customerEmail: 'untaxed@example.com',
      lines: [{ sku: 'SKU-00014', quantity: 2 }],
    });
    await h.signal(untaxed, id);
    const row = await h.waitFor(untaxed, id, 'PARKED');
    expect(row.last_error).toMatch(/^TOTAL_MISMATCH: BC total \d+\.\d\d vs store total_inc_tax /);
    expect(row.last_error).toContain(total_inc_tax);
    const [draft] = await h.invoices(`NTX-${id}`);
    expect(draft).toMatchObject({ id: row.bc_document_id, status: 'Draft' });
    const event = (await h.outbox(untaxed, id)).at(-1);
    expect(event).toMatchObject({ state: 'PARKED', reason: expect.stringContaining('TOTAL_MISMATCH') });
  });

  it('a blocked BC customer parks the order', async () => {
    const email = 'blocked.customer@example.com';
    const customer = await h.bc.customers.create({ displayName: 'Blocked Buyer', email });
    await h.bc.client.patch(BcPath.entity('customers', customer.id), customer.etag, { blocked: 'All' }, z.looseObject({}));
    const { id } = await h.sandbox.control.placeOrder({ customerEmail: email, lines: [{ sku: 'SKU-00015', quantity: 1 }] });
    await h.signal(conn, id);
    const row = await h.waitFor(conn, id, 'PARKED');
    expect(row.last_error).toContain('BLOCKED_CUSTOMER');
    expect(await h.invoices(`CUS-${id}`)).toEqual([]);
  });

  it('a returning shopper known to BC is matched by email whatever its casing, without creating anyone', async () => {
    const taxAreaId = (await h.bc.taxAreas.byCode('TX-AUSTIN'))!.id;
    const known = await h.bc.customers.create({ displayName: 'Returning Buyer', email: 'returning.buyer@example.com', taxAreaId, taxLiable: true });
    const { id } = await h.sandbox.control.placeOrder({ customerEmail: 'Returning.BUYER@example.com', lines: [{ sku: 'SKU-00016', quantity: 1 }] });
    await h.signal(conn, id);
    const row = await h.waitFor(conn, id, 'POSTED');
    expect(row.customer_number).toBe(known.number);
    expect(await h.bc.customers.findByEmail('returning.buyer@example.com')).toHaveLength(1);
  });
});
