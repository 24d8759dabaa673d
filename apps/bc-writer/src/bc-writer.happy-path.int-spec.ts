import { WriterHarness } from './testing/writer-harness';

describe('bc-writer on the sandboxes: happy path in both document modes', () => {
  let h: WriterHarness;
  let ids: Record<string, string>;

  beforeAll(async () => {
    ({ harness: h, ids } = await WriterHarness.start(['inv', 'so']));
    await h.connect(ids.inv!, await h.settings('HPI-'));
    await h.connect(ids.so!, await h.settings('HPS-', { documentType: 'salesOrder' }));
  });
  afterAll(() => h?.stop());

  it('posts an invoice for a new shopper: customer created, lines, totals equal to the store, states emitted', async () => {
    const { id, total_inc_tax } = await h.sandbox.control.request<{ id: number; total_inc_tax: string }>('POST', '/bigcommerce/orders', {
      customerEmail: 'New.Shopper+hp@Example.com',
      lines: [{ sku: 'SKU-00001', quantity: 2 }, { sku: 'SKU-00002', quantity: 1 }],
    });
    await h.signal(ids.inv!, id);
    const row = await h.waitFor(ids.inv!, id, 'POSTED');
    const [invoice] = await h.invoices(`HPI-${id}`);
    expect(invoice).toMatchObject({ id: row.bc_document_id, number: row.bc_document_number, status: 'Open' });
    expect(invoice!.totalAmountIncludingTax.toFixed(2)).toBe(total_inc_tax);
    const customers = await h.bc.customers.findByEmail('new.shopper+hp@example.com');
    expect(customers).toHaveLength(1);
    expect(customers[0]!.number).toBe(row.customer_number);
    const outbox = await h.outbox(ids.inv!, id);
    expect(outbox.map((e) => e.state)).toEqual(['RECEIVED', 'CUSTOMER_RESOLVED', 'DOCUMENT_CREATED', 'POSTED']);
    expect(outbox.at(-1)).toMatchObject({
      documentType: 'salesInvoice',
      bcDocumentNumber: invoice!.number,
      lines: [{ sku: 'SKU-00001', quantity: '2' }, { sku: 'SKU-00002', quantity: '1' }],
      sequence: 4,
    });
  });

  it('creates a sales order in sales-order mode; BC shipping and invoicing it is reported as POSTED', async () => {
    const { id } = await h.sandbox.control.placeOrder({ customerEmail: 'so.shopper@example.com', lines: [{ sku: 'SKU-00003', quantity: 3 }] });
    await h.signal(ids.so!, id);
    const row = await h.waitFor(ids.so!, id, 'DOCUMENT_CREATED');
    const order = await h.bc.salesOrders.get(row.bc_document_id!);
    expect(order).toMatchObject({ externalDocumentNumber: `HPS-${id}`, status: 'Draft' });
    expect(order!.salesOrderLines!.filter((l) => l.lineType === 'Item')).toHaveLength(1);
    await h.bc.salesOrders.shipAndInvoice(row.bc_document_id!);
    await h.signal(ids.so!, id, { source: 'poll', scope: undefined });
    const posted = await h.waitFor(ids.so!, id, 'POSTED');
    expect(posted.bc_invoice_id).toBeTruthy();
    const states = (await h.outbox(ids.so!, id)).map((e) => [e.state, e.documentType]);
    expect(states.at(-1)).toEqual(['POSTED', 'salesOrder']);
  });

  it('publishes every order state to sync.order-state.v1', async () => {
    const published = (connection: string) => h.states.filter((s) => s.connectionId === connection).length;
    const deadline = Date.now() + 30_000;
    while (published(ids.inv!) < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(h.states.filter((s) => s.connectionId === ids.inv!).map((s) => s.state)).toEqual([
      'RECEIVED',
      'CUSTOMER_RESOLVED',
      'DOCUMENT_CREATED',
      'POSTED',
    ]);
  });
});
