import { WriterHarness } from './testing/writer-harness';

describe('bc-writer: cancelled and archived orders', () => {
  let h: WriterHarness;
  let inv: string;
  let so: string;

  beforeAll(async () => {
    const started = await WriterHarness.start(['cxl', 'cxlso']);
    h = started.harness;
    inv = started.ids.cxl!;
    so = started.ids.cxlso!;
    await h.connect(inv, await h.settings('CXL-'));
    await h.connect(so, await h.settings('CXS-', { documentType: 'salesOrder' }));
  });
  afterAll(() => h?.stop());

  const place = async (email: string) =>
    (await h.sandbox.control.placeOrder({ customerEmail: email, lines: [{ sku: 'SKU-00012', quantity: 2 }] })).id;

  it('an order cancelled before it was synced never reaches BC', async () => {
    const id = await place('cancel-early@example.com');
    await h.sandbox.control.setOrderStatus(id, 5);
    await h.signal(inv, id);
    await h.signal(inv, id, { scope: 'store/order/statusUpdated' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await h.ledger(inv, id)).toBeUndefined();
    expect(await h.invoices(`CXL-${id}`)).toEqual([]);
    const attempts = await h.attempts(inv, id);
    expect(attempts.map((a) => a.decision)).toEqual([expect.stringMatching(/^skip: status 5/), expect.stringMatching(/^skip: status 5/)]);
  });

  it('a sales order not yet shipped is deleted when the order is cancelled, and the stock it committed released', async () => {
    const id = await place('cancel-draft@example.com');
    await h.signal(so, id);
    const created = await h.waitFor(so, id, 'DOCUMENT_CREATED');
    await h.sandbox.control.setOrderStatus(id, 5);
    await h.signal(so, id, { scope: 'store/order/statusUpdated' });
    await h.waitFor(so, id, 'CANCELLED');
    expect(await h.bc.salesOrders.get(created.bc_document_id!)).toBeUndefined();
    const last = (await h.outbox(so, id)).at(-1);
    expect(last).toMatchObject({ state: 'CANCELLED', previousState: 'DOCUMENT_CREATED', lines: [{ sku: 'SKU-00012', quantity: '2' }] });
  });

  it('a posted invoice is never touched: cancelling the order afterwards raises a CONFLICT naming it', async () => {
    const id = await place('cancel-late@example.com');
    await h.signal(inv, id);
    const posted = await h.waitFor(inv, id, 'POSTED');
    await h.sandbox.control.setOrderStatus(id, 5);
    await h.signal(inv, id, { scope: 'store/order/statusUpdated' });
    const conflict = await h.waitFor(inv, id, 'CONFLICT');
    expect(conflict.last_error).toMatch(/^CONFLICT: order \d+ is status 5 \(Cancelled\)/);
    const [invoice] = await h.invoices(`CXL-${id}`);
    expect(invoice).toMatchObject({ id: posted.bc_document_id, status: 'Open' });
    const event = (await h.outbox(inv, id)).at(-1);
    expect(event).toMatchObject({ state: 'CONFLICT', previousState: 'POSTED', lines: [] });
    await h.signal(inv, id, { source: 'poll', scope: undefined });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await h.outbox(inv, id)).filter((e) => e.state === 'CONFLICT')).toHaveLength(1);
  });

  it('archiving a posted order is a conflict too', async () => {
    const id = await place('archive-late@example.com');
    await h.signal(inv, id);
    await h.waitFor(inv, id, 'POSTED');
    const res = await fetch(`${h.sandbox.bigcommerceUrl}/stores/sandbox/v2/orders/${id}`, {
      method: 'PUT',
      headers: { 'X-Auth-Token': 'sandbox-token', Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ is_deleted: true }),
    });
    expect(res.status).toBe(200);
    await h.signal(inv, id, { scope: 'store/order/archived' });
    const conflict = await h.waitFor(inv, id, 'CONFLICT');
    expect(conflict.last_error).toContain('archived');
  });
});
