import { BcHarness, startBcHarness } from './testing/bc-harness';

/** Posting: stock ledger, customer balance, credit memo application, partial shipments, cancellation. */
describe('BC posting', () => {
  let h: BcHarness;
  let customer: { id: string; number: string };
  beforeAll(async () => {
    h = await startBcHarness();
    customer = (await h.call('GET', 'customers?$top=1')).body.value[0];
  });
  afterAll(() => h?.close());

  const stock = async (number: string) => (await h.call('GET', `items?$filter=number eq '${number}'`)).body.value[0].inventory as number;
  const line = (number: string, quantity: number, extra: Record<string, unknown> = {}) => ({ lineType: 'Item', lineObjectNumber: number, quantity, ...extra });
  const postedInvoice = async (number: string, quantity: number) => {
    const draft = await h.call('POST', 'salesInvoices', { body: { customerId: customer.id, salesInvoiceLines: [line(number, quantity)] } });
    expect((await h.call('POST', `salesInvoices(${draft.body.id})/Microsoft.NAV.post`)).status).toBe(204);
    return (await h.call('GET', `salesInvoices(${draft.body.id})`)).body;
  };

  it('refuses to post a document without quantities', async () => {
    const empty = await h.call('POST', 'salesInvoices', { body: { customerId: customer.id } });
    const res = await h.call('POST', `salesInvoices(${empty.body.id})/Microsoft.NAV.post`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('There is nothing to post.');
  });

  it('moves stock with Sale ledger entries and raises the customer balance', async () => {
    const before = await stock('SKU-00001');
    const balance = (await h.call('GET', `customers(${customer.id})`)).body.balanceDue as number;
    const invoice = await postedInvoice('SKU-00001', 4);
    expect(await stock('SKU-00001')).toBe(before - 4);
    const entries = await h.call('GET', `itemLedgerEntries?$filter=documentNumber eq '${invoice.number}'`);
    expect(entries.body.value).toEqual([
      expect.objectContaining({ entryType: 'Sale', documentType: 'Sales Invoice', quantity: -4, sourceType: 'Customer', sourceNumber: customer.number }),
    ]);
    const after = (await h.call('GET', `customers(${customer.id})`)).body.balanceDue as number;
    expect(Math.round((after - balance) * 100)).toBe(Math.round(invoice.totalAmountIncludingTax * 100));
  });

  it('applies a posted credit memo to its invoice: a full credit closes both (Paid) and returns the stock', async () => {
    const invoice = await postedInvoice('SKU-00002', 2);
    const before = await stock('SKU-00002');
    const memo = await h.call('POST', 'salesCreditMemos', {
      body: { customerId: customer.id, invoiceId: invoice.id, salesCreditMemoLines: [line('SKU-00002', 2)] },
    });
    expect(memo.status).toBe(201);
    expect(memo.body.invoiceNumber).toBe(invoice.number);
    expect((await h.call('POST', `salesCreditMemos(${memo.body.id})/Microsoft.NAV.post`)).status).toBe(204);
    const postedMemo = (await h.call('GET', `salesCreditMemos(${memo.body.id})`)).body;
    expect(postedMemo.number).toMatch(/^PS-CR/);
    expect(postedMemo.status).toBe('Paid');
    expect((await h.call('GET', `salesInvoices(${invoice.id})`)).body).toEqual(expect.objectContaining({ status: 'Paid', remainingAmount: 0 }));
    expect(await stock('SKU-00002')).toBe(before + 2);
  });

  it('leaves an invoice Open with the rest to pay after a partial credit; a draft invoice cannot be the applies-to document', async () => {
    const invoice = await postedInvoice('SKU-00003', 3);
    const memo = await h.call('POST', 'salesCreditMemos', {
      body: { customerId: customer.id, invoiceNumber: invoice.number, salesCreditMemoLines: [{ lineType: 'Account', lineObjectNumber: '40900', quantity: 1, unitPrice: 10 }] },
    });
    await h.call('POST', `salesCreditMemos(${memo.body.id})/Microsoft.NAV.post`);
    const after = (await h.call('GET', `salesInvoices(${invoice.id})`)).body;
    expect(after.status).toBe('Open');
    expect(Math.round(after.remainingAmount * 100)).toBe(Math.round((invoice.totalAmountIncludingTax - 10) * 100));
    const draft = await h.call('POST', 'salesInvoices', { body: { customerId: customer.id } });
    const wrong = await h.call('POST', 'salesCreditMemos', { body: { customerId: customer.id, invoiceId: draft.body.id } });
    expect(wrong.status).toBe(400);
  });

  it('ships and invoices an order in two parts: shipped quantities grow, the order goes away when complete', async () => {
    const before = await stock('SKU-00004');
    const order = await h.call('POST', 'salesOrders', { body: { customerId: customer.id, salesOrderLines: [line('SKU-00004', 5)] } });
    const orderLine = (await h.call('GET', `salesOrders(${order.body.id})/salesOrderLines`)).body.value[0];
    expect([orderLine.shipQuantity, orderLine.invoiceQuantity, orderLine.shippedQuantity]).toEqual([5, 5, 0]);
    const tooMany = await h.call('PATCH', `salesOrders(${order.body.id})/salesOrderLines(${orderLine.id})`, { body: { shipQuantity: 6 }, headers: { 'if-match': '*' } });
    expect(tooMany.status).toBe(400);
    await h.call('PATCH', `salesOrders(${order.body.id})/salesOrderLines(${orderLine.id})`, { body: { shipQuantity: 2 }, headers: { 'if-match': '*' } });
    expect((await h.call('POST', `salesOrders(${order.body.id})/Microsoft.NAV.shipAndInvoice`)).status).toBe(204);
    const partly = (await h.call('GET', `salesOrders(${order.body.id})?$expand=salesOrderLines`)).body;
    expect(partly.fullyShipped).toBe(false);
    expect(partly.salesOrderLines[0]).toEqual(expect.objectContaining({ shippedQuantity: 2, invoicedQuantity: 2, shipQuantity: 3 }));
    expect(await stock('SKU-00004')).toBe(before - 2);
    expect((await h.call('POST', `salesOrders(${order.body.id})/Microsoft.NAV.shipAndInvoice`)).status).toBe(204);
    expect((await h.call('GET', `salesOrders(${order.body.id})`)).status).toBe(404);
    const invoices = (await h.call('GET', `salesInvoices?$filter=orderId eq ${order.body.id}&$expand=salesInvoiceLines`)).body.value;
    expect(invoices.map((i: { salesInvoiceLines: Array<{ quantity: number }> }) => i.salesInvoiceLines[0]!.quantity).sort()).toEqual([2, 3]);
    expect(await stock('SKU-00004')).toBe(before - 5);
    const shipments = await h.call('GET', "itemLedgerEntries?$filter=documentType eq 'Sales Shipment' and itemNumber eq 'SKU-00004'");
    expect(shipments.body.value.map((e: { quantity: number }) => e.quantity)).toEqual([-2, -3]);
  });

  it('cancels an unpaid posted invoice with a corrective credit memo; drafts cannot be canceled', async () => {
    const before = await stock('SKU-00005');
    const invoice = await postedInvoice('SKU-00005', 1);
    expect((await h.call('POST', `salesInvoices(${invoice.id})/Microsoft.NAV.cancel`)).status).toBe(204);
    expect((await h.call('GET', `salesInvoices(${invoice.id})`)).body.status).toBe('Canceled');
    const memo = (await h.call('GET', `salesCreditMemos?$filter=invoiceId eq ${invoice.id}`)).body.value[0];
    expect(memo.status).toBe('Corrective');
    expect(memo.totalAmountIncludingTax).toBe(invoice.totalAmountIncludingTax);
    expect(await stock('SKU-00005')).toBe(before);
    const draft = await h.call('POST', 'salesInvoices', { body: { customerId: customer.id } });
    const refused = await h.call('POST', `salesInvoices(${draft.body.id})/Microsoft.NAV.cancel`);
    expect(refused.body.error.message).toContain('The action can be applied to a posted invoice only.');
  });

  it('blocks documents for customers blocked with All and posting for Invoice; a paid invoice shows Paid', async () => {
    const blocked = await h.call('POST', 'customers', { body: { displayName: 'Blocked later' } });
    const draft = await h.call('POST', 'salesInvoices', { body: { customerId: blocked.body.id, salesInvoiceLines: [line('SKU-00006', 1)] } });
    await h.call('PATCH', `customers(${blocked.body.id})`, { body: { blocked: 'Invoice' }, headers: { 'if-match': '*' } });
    const post = await h.call('POST', `salesInvoices(${draft.body.id})/Microsoft.NAV.post`);
    expect(post.status).toBe(400);
    expect(post.body.error.message).toContain('is blocked with type Invoice');
    await h.call('PATCH', `customers(${blocked.body.id})`, { body: { blocked: 'All' }, headers: { 'if-match': '*' } });
    const create = await h.call('POST', 'salesOrders', { body: { customerId: blocked.body.id } });
    expect(create.status).toBe(400);
    const invoice = await postedInvoice('SKU-00006', 1);
    expect((await h.control('POST', `/__sandbox/business-central/invoices/${invoice.number}/pay`, {})).status).toBe(200);
    expect((await h.call('GET', `salesInvoices(${invoice.id})`)).body.status).toBe('Paid');
  });

  it('posts Service and Non-Inventory items without stock movements; their inventory cannot be adjusted', async () => {
    const service = await h.call('POST', 'items', { body: { number: 'INSTALL', displayName: 'Installation', type: 'Service', unitPrice: 50 } });
    const gift = await h.call('POST', 'items', { body: { number: 'GIFTWRAP', displayName: 'Gift wrap', type: 'Non-Inventory', unitPrice: 3 } });
    const adjust = await h.call('PATCH', `items(${service.body.id})`, { body: { inventory: 5 }, headers: { 'if-match': '*' } });
    expect(adjust.status).toBe(400);
    const invoice = await postedInvoice('INSTALL', 2);
    const other = await postedInvoice('GIFTWRAP', 1);
    for (const posted of [invoice, other]) {
      expect((await h.call('GET', `itemLedgerEntries?$filter=documentNumber eq '${posted.number}'`)).body.value).toHaveLength(0);
    }
    expect((await h.call('GET', `items(${gift.body.id})`)).body.inventory).toBe(0);
  });
});
