import { BcHarness, startBcHarness } from './testing/bc-harness';

/** Conformance cases 7-11 of reference/business-central.md section 10. */
describe('BC conformance: sales documents, actions, items', () => {
  let h: BcHarness;
  let customerId: string;
  beforeAll(async () => {
    h = await startBcHarness();
    customerId = (await h.call('GET', 'customers?$top=1')).body.value[0].id;
  });
  afterAll(() => h?.close());

  const itemLine = (number: string, quantity: number) => ({ lineType: 'Item', lineObjectNumber: number, quantity });

  it('case 7 - POST salesInvoices needs a customer; creates a Draft with zero totals; deep insert creates the lines', async () => {
    const missing = await h.call('POST', 'salesInvoices', { body: { externalDocumentNumber: 'X-1' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('Application_DialogException');
    expect(missing.body.error.message).toContain('A "customerNumber" or a "customerId" must be provided.');
    const empty = await h.call('POST', 'salesInvoices', { body: { customerId } });
    expect(empty.status).toBe(201);
    expect(empty.body).toEqual(
      expect.objectContaining({ status: 'Draft', totalAmountExcludingTax: 0, totalTaxAmount: 0, totalAmountIncludingTax: 0 }),
    );
    const deep = await h.call('POST', 'salesInvoices', {
      body: { customerId, salesInvoiceLines: [itemLine('SKU-00001', 2), itemLine('SKU-00002', 1)] },
    });
    expect(deep.status).toBe(201);
    const lines = await h.call('GET', `salesInvoices(${deep.body.id})/salesInvoiceLines`);
    expect(lines.body.value.map((l: { lineObjectNumber: string; quantity: number }) => [l.lineObjectNumber, l.quantity])).toEqual([
      ['SKU-00001', 2],
      ['SKU-00002', 1],
    ]);
    const expanded = await h.call('GET', `salesInvoices(${deep.body.id})?$expand=salesInvoiceLines`);
    expect(expanded.body.salesInvoiceLines).toHaveLength(2);
    expect(expanded.body.totalAmountExcludingTax).toBeGreaterThan(0);
  });

  it('case 7 - a failing line in a deep insert creates nothing', async () => {
    const before = (await h.call('GET', 'salesInvoices?$count=true&$top=0')).body['@odata.count'];
    const bad = await h.call('POST', 'salesInvoices', {
      body: { customerId, externalDocumentNumber: 'ATOMIC-1', salesInvoiceLines: [itemLine('SKU-00001', 1), itemLine('NO-SUCH-ITEM', 1)] },
    });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect((await h.call('GET', 'salesInvoices?$count=true&$top=0')).body['@odata.count']).toBe(before);
  });

  it('case 8 - post answers 204; the invoice keeps its id, gets a posted number, same totals, and refuses a second post and PATCH', async () => {
    const draft = await h.call('POST', 'salesInvoices', { body: { customerId, salesInvoiceLines: [itemLine('SKU-00003', 3)] } });
    const post = await h.call('POST', `salesInvoices(${draft.body.id})/Microsoft.NAV.post`);
    expect(post.status).toBe(204);
    expect(post.text).toBe('');
    const posted = await h.call('GET', `salesInvoices(${draft.body.id})`);
    expect(posted.body.status).toBe('Open');
    expect(posted.body.number).not.toBe(draft.body.number);
    expect(posted.body.totalAmountIncludingTax).toBe(draft.body.totalAmountIncludingTax);
    const again = await h.call('POST', `salesInvoices(${draft.body.id})/Microsoft.NAV.post`);
    expect(again.status).toBe(400);
    expect(again.body.error.message).toContain('The action can be applied to a draft invoice only.');
    const patch = await h.call('PATCH', `salesInvoices(${draft.body.id})`, {
      body: { externalDocumentNumber: 'LATE' },
      headers: { 'if-match': posted.body['@odata.etag'] },
    });
    expect(patch.status).toBe(400);
    expect(patch.body.error.message).toContain('The invoice has been posted and can no longer be modified.');
  });

  it('case 9 - shipAndInvoice answers 204, deletes the order and creates a posted invoice with a new id pointing back', async () => {
    const order = await h.call('POST', 'salesOrders', { body: { customerId, salesOrderLines: [itemLine('SKU-00004', 2)] } });
    expect(order.body.status).toBe('Draft');
    const ship = await h.call('POST', `salesOrders(${order.body.id})/Microsoft.NAV.shipAndInvoice`);
    expect(ship.status).toBe(204);
    expect((await h.call('GET', `salesOrders(${order.body.id})`)).status).toBe(404);
    const invoices = await h.call('GET', `salesInvoices?$filter=orderNumber eq '${order.body.number}'`);
    expect(invoices.body.value).toHaveLength(1);
    const invoice = invoices.body.value[0];
    expect(invoice.id).not.toBe(order.body.id);
    expect(invoice.orderId).toBe(order.body.id);
    expect(invoice.status).toBe('Open');
    expect(invoice.totalAmountIncludingTax).toBe(order.body.totalAmountIncludingTax);
    const other = await h.call('POST', 'salesOrders', { body: { customerId } });
    const makeInvoice = await h.call('POST', `salesOrders(${other.body.id})/Microsoft.NAV.makeInvoice`);
    expect(makeInvoice.status).toBeGreaterThanOrEqual(400);
    expect(makeInvoice.status).toBeLessThan(500);
  });

  it('case 10 - company-level order lines need a document filter; a new line without sequence gets last + 10000', async () => {
    const refused = await h.call('GET', 'salesOrderLines');
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('You must specify an Id or a Document Id to get the lines.');
    const order = await h.call('POST', 'salesOrders', { body: { customerId, salesOrderLines: [{ ...itemLine('SKU-00001', 1), sequence: 30000 }] } });
    const added = await h.call('POST', `salesOrders(${order.body.id})/salesOrderLines`, { body: itemLine('SKU-00002', 1) });
    expect(added.status).toBe(201);
    expect(added.body.sequence).toBe(40000);
    const filtered = await h.call('GET', `salesOrderLines?$filter=documentId eq ${order.body.id}`);
    expect(filtered.status).toBe(200);
    expect(filtered.body.value.map((l: { sequence: number }) => l.sequence)).toEqual([30000, 40000]);
  });

  it('case 11 - inventory cannot be set on insert; PATCH 10 -> 15 posts a Positive Adjmt. of 5', async () => {
    const refused = await h.call('POST', 'items', { body: { number: 'NEW-1', displayName: 'New', inventory: 3 } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('Inventory cannot be changed during on insert.');
    const item = await h.call('POST', 'items', { body: { number: 'NEW-1', displayName: 'New', unitPrice: 5 } });
    const ten = await h.call('PATCH', `items(${item.body.id})`, { body: { inventory: 10 }, headers: { 'if-match': '*' } });
    expect(ten.status).toBe(200);
    const fifteen = await h.call('PATCH', `items(${item.body.id})`, { body: { inventory: 15 }, headers: { 'if-match': '*' } });
    expect(fifteen.status).toBe(200);
    expect(fifteen.body.inventory).toBe(15);
    const entries = await h.call('GET', "itemLedgerEntries?$filter=itemNumber eq 'NEW-1'&$orderby=entryNumber");
    expect(entries.body.value.map((e: { entryType: string; quantity: number }) => [e.entryType, e.quantity])).toEqual([
      ['Positive Adjmt.', 10],
      ['Positive Adjmt.', 5],
    ]);
  });
});
