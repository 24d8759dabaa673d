import { WriterHarness } from './testing/writer-harness';

describe('bc-writer: refunds become credit memos applied to the order invoice, strictly after the order', () => {
  let h: WriterHarness;
  let inv: string;
  let so: string;

  beforeAll(async () => {
    const started = await WriterHarness.start(['ref', 'refso']);
    h = started.harness;
    inv = started.ids.ref!;
    so = started.ids.refso!;
    // Store-tax-line mode: the store's tax travels as a line, so every document equals the store's amount exactly.
    await h.connect(inv, await h.settings('REF-', { taxMode: 'store-tax-line', taxGroups: { nonTaxable: 'NONTAXABLE' } }));
    await h.connect(so, await h.settings('RSO-', { documentType: 'salesOrder' }));
    await h.sandbox.control.request('POST', '/bigcommerce/products', { name: 'Store only', sku: 'store-only-r', price: '9.99', inventory: 10 });
  });
  afterAll(() => h?.stop());

  async function creditMemos(orderId: number, refundId: number) {
    return h.bc.salesCreditMemos.findByExternalDocumentNumber(`REF-${orderId}-R${refundId}`);
  }

  it('two refunds in a row, then the rest with shipping and tax: one posted credit memo each, totals to the cent', async () => {
    const { id } = await h.sandbox.control.placeOrder({
      customerEmail: 'refunds@example.com',
      lines: [{ sku: 'SKU-00008', quantity: 3 }, { sku: 'SKU-00009', quantity: 1 }],
    });
    await h.signal(inv, id);
    const order = await h.waitFor(inv, id, 'POSTED');
    const invoice = await h.bc.salesInvoices.get(order.bc_document_id!);
    const storeOrder = await (await fetch(`${h.sandbox.bigcommerceUrl}/stores/sandbox/v2/orders/${id}`, {
      headers: { 'X-Auth-Token': 'sandbox-token', Accept: 'application/json' },
    })).json() as { total_inc_tax: string };
    expect(invoice!.totalAmountIncludingTax.toFixed(4)).toBe(storeOrder.total_inc_tax);
    const first = await h.refund(id, { items: [{ sku: 'SKU-00008', quantity: 1 }] });
    const second = await h.refund(id, { items: [{ sku: 'SKU-00009', quantity: 1 }] });
    await h.signal(inv, id, { kind: 'refund', refundId: first.refundId, scope: 'store/order/refund/created' });
    await h.signal(inv, id, { kind: 'refund', refundId: second.refundId, scope: 'store/order/refund/created' });
    for (const refund of [first, second]) {
      const row = await h.waitForRefund(inv, id, refund.refundId, 'POSTED');
      const [memo] = await creditMemos(id, refund.refundId);
      expect(memo).toMatchObject({ id: row.bc_credit_memo_id, invoiceId: order.bc_document_id });
      expect(['Open', 'Paid']).toContain(memo!.status);
      expect(memo!.totalAmountIncludingTax.toFixed(2)).toBe(refund.amount);
      expect(await creditMemos(id, refund.refundId)).toHaveLength(1);
    }
    const rest = await h.refund(id);
    await h.signal(inv, id, { kind: 'refund', refundId: rest.refundId });
    await h.waitForRefund(inv, id, rest.refundId, 'POSTED');
    const [memo] = await creditMemos(id, rest.refundId);
    expect(memo!.totalAmountIncludingTax.toFixed(2)).toBe(rest.amount);
    const full = await h.bc.salesCreditMemos.get(memo!.id);
    const shippingAccount = (await h.bc.accounts.byNumber('40400'))!.id;
    expect(full!.salesCreditMemoLines!.some((l) => l.accountId === shippingAccount)).toBe(true);
    const refundStates = (await h.outbox(inv, id)).filter((e) => e.refundId === first.refundId);
    expect(refundStates.map((e) => e.state)).toEqual(['RECEIVED', 'CUSTOMER_RESOLVED', 'DOCUMENT_CREATED', 'POSTED']);
    expect(refundStates[0]).toMatchObject({ documentType: 'salesCreditMemo', lines: [{ sku: 'SKU-00008', quantity: '1' }] });
  });

  it('a refund of an order that is not synced yet waits behind it, and follows once the order is posted', async () => {
    const { id } = await h.sandbox.control.placeOrder({ customerEmail: 'refund-first@example.com', lines: [{ sku: 'store-only-r', quantity: 2 }] });
    const refund = await h.refund(id, { items: [{ sku: 'store-only-r', quantity: 1 }] });
    await h.signal(inv, id, { kind: 'refund', refundId: refund.refundId, scope: 'store/order/refund/created' });
    await h.waitFor(inv, id, 'NEEDS_MAPPING');
    const waiting = await h.waitForRefund(inv, id, refund.refundId, 'PARKED');
    expect(waiting).toMatchObject({ waiting_for_order: true, bc_credit_memo_id: null });
    expect(await creditMemos(id, refund.refundId)).toEqual([]);
    expect(await h.cli(['mappings', 'sku', 'set', inv, 'store-only-r', 'SKU-00010'])).toMatchObject({ code: 0 });
    expect(await h.cli(['resync', 'order', inv, String(id)])).toMatchObject({ code: 0 });
    await h.waitFor(inv, id, 'POSTED');
    await h.waitForRefund(inv, id, refund.refundId, 'POSTED');
    const [memo] = await creditMemos(id, refund.refundId);
    expect(memo!.totalAmountIncludingTax.toFixed(2)).toBe(refund.amount);
  });

  it('in sales-order mode a refund waits until BC has invoiced the order, then credits that invoice', async () => {
    const { id } = await h.sandbox.control.placeOrder({ customerEmail: 'refund-so@example.com', lines: [{ sku: 'SKU-00011', quantity: 2 }] });
    await h.signal(so, id);
    const created = await h.waitFor(so, id, 'DOCUMENT_CREATED');
    const refund = await h.refund(id, { items: [{ sku: 'SKU-00011', quantity: 1 }] });
    await h.signal(so, id, { kind: 'refund', refundId: refund.refundId });
    const waiting = await h.waitForRefund(so, id, refund.refundId, 'PARKED');
    expect(waiting.last_error).toContain('BC has not invoiced the sales order yet');
    await h.bc.salesOrders.shipAndInvoice(created.bc_document_id!);
    await h.signal(so, id, { source: 'poll', scope: undefined });
    const posted = await h.waitFor(so, id, 'POSTED');
    const row = await h.waitForRefund(so, id, refund.refundId, 'POSTED');
    const memo = await h.bc.salesCreditMemos.get(row.bc_credit_memo_id!);
    expect(memo).toMatchObject({ invoiceId: posted.bc_invoice_id, externalDocumentNumber: `RSO-${id}-R${refund.refundId}` });
    // bc-calculates mode: BC computes the tax, so the memo may differ from the refund by up to the tolerance (0.01).
    expect(Math.abs(Number(memo!.totalAmountIncludingTax.minus(refund.amount).toFixed(2)))).toBeLessThanOrEqual(0.01);
  });
});
