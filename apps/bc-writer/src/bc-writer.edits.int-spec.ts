import type { BigCommerceOrder } from '@mlc/bigcommerce';
import { WriterHarness } from './testing/writer-harness';

/** A new billing street: part of the document (ship-to, customer), no effect on the totals. */
const moved = (raw: BigCommerceOrder): BigCommerceOrder => ({
  ...raw,
  billing_address: { ...raw.billing_address, street_1: '500 Moved Avenue' },
});

/** One more unit of the first line, as a re-priced edit would show it (the diff names it). */
function oneMore(raw: BigCommerceOrder): BigCommerceOrder {
  const shipping = raw.consignments.shipping ?? [];
  const [first] = shipping;
  const [line] = first?.line_items ?? [];
  if (!first || !line) throw new Error('the order has no shipping line to edit');
  return {
    ...raw,
    consignments: { ...raw.consignments, shipping: [{ ...first, line_items: [{ ...line, quantity: line.quantity + 1 }, ...first.line_items.slice(1)] }] },
  };
}

describe('bc-writer: orders edited after they were synced', () => {
  let h: WriterHarness;
  let draft: string;
  let posted: string;

  beforeAll(async () => {
    const started = await WriterHarness.start(['edd', 'edp']);
    h = started.harness;
    draft = started.ids.edd!;
    posted = started.ids.edp!;
    await h.connect(draft, await h.settings('EDD-', { postInvoices: false }));
    await h.connect(posted, await h.settings('EDP-'));
  });
  afterAll(() => h?.stop());

  it('a draft is deleted and rebuilt from the new snapshot', async () => {
    const { id } = await h.sandbox.control.placeOrder({ customerEmail: 'edit-draft@example.com', lines: [{ sku: 'SKU-00017', quantity: 1 }] });
    await h.signal(draft, id);
    const before = await h.waitFor(draft, id, 'DOCUMENT_CREATED');
    h.editOrder(id, moved);
    await h.signal(draft, id, { scope: 'store/order/updated' });
    const after = await waitForNewDocument(draft, id, before.bc_document_id!);
    expect(await h.bc.salesInvoices.get(before.bc_document_id!)).toBeUndefined();
    const invoices = await h.invoices(`EDD-${id}`);
    expect(invoices.map((i) => i.id)).toEqual([after]);
    const states = (await h.outbox(draft, id)).map((e) => e.state);
    expect(states).toEqual(['RECEIVED', 'CUSTOMER_RESOLVED', 'DOCUMENT_CREATED', 'RECEIVED', 'CUSTOMER_RESOLVED', 'DOCUMENT_CREATED']);
  });

  it('a posted invoice is left alone: the edit becomes a CONFLICT showing the difference', async () => {
    const { id } = await h.sandbox.control.placeOrder({ customerEmail: 'edit-posted@example.com', lines: [{ sku: 'SKU-00018', quantity: 1 }] });
    await h.signal(posted, id);
    const before = await h.waitFor(posted, id, 'POSTED');
    h.editOrder(id, (raw) => oneMore(moved(raw)));
    await h.signal(posted, id, { scope: 'store/order/updated' });
    const conflict = await h.waitFor(posted, id, 'CONFLICT');
    expect(conflict.last_error).toMatch(/line \d+ \(SKU SKU-00018\) quantity 1 -> 2/);
    expect(conflict.last_error).toContain('billing or shipping address changed');
    expect(conflict.last_error).not.toContain('Moved Avenue');
    expect(conflict.bc_document_id).toBe(before.bc_document_id);
    expect(await h.invoices(`EDP-${id}`)).toHaveLength(1);
  });

  async function waitForNewDocument(connection: string, id: number, old: string): Promise<string> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const row = await h.ledger(connection, id);
      if (row?.state === 'DOCUMENT_CREATED' && row.bc_document_id && row.bc_document_id !== old) return row.bc_document_id;
      if (Date.now() > deadline) throw new Error(`no new document for order ${id}: ${JSON.stringify(row)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});
