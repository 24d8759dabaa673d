import { z } from 'zod';
import { BcPath } from '@mlc/business-central';
import { WriterHarness } from './testing/writer-harness';

/*
 * Settings-dependent behaviour on the sandboxes (issue #6): sold gift certificates on the liability account, a
 * foreign transactional currency on the document, guests sent to a default customer, SKU = GTIN mapping, and item
 * return lines on credit memos when configured. Store-tax-line mode keeps every BC total equal to the store's.
 */
describe('bc-writer on the sandboxes: gift certificates, currency, default customer, GTIN, item returns, partial shipments', () => {
  let h: WriterHarness;
  let ids: Record<string, string>;
  const storeTax = { taxMode: 'store-tax-line', taxGroups: { nonTaxable: 'NONTAXABLE' } };
  const customerRow = z.looseObject({ id: z.string(), number: z.string(), email: z.string(), blocked: z.string() });
  let defaultCustomer: { id: string; number: string };

  beforeAll(async () => {
    ({ harness: h, ids } = await WriterHarness.start(['gc', 'fx', 'guest', 'gtin', 'ret', 'ship']));
    const base = await h.settings('X-');
    const customers = await h.bc.client.list(BcPath.collection('customers'), customerRow, { top: 20 }).toArray();
    const usable = customers.find((c) => c.blocked.trim() === '');
    if (!usable) throw new Error('the seeded BC company has no usable customer');
    defaultCustomer = usable;
    await h.connect(ids.gc!, { ...base, ...storeTax, externalDocumentPrefix: 'GC-' });
    await h.connect(ids.fx!, { ...base, ...storeTax, externalDocumentPrefix: 'FX-' });
    await h.connect(ids.guest!, {
      ...base,
      ...storeTax,
      externalDocumentPrefix: 'GU-',
      customer: { guests: 'default-customer', defaultCustomerNumber: defaultCustomer.number.toLowerCase() },
    });
    await h.connect(ids.gtin!, { ...base, ...storeTax, externalDocumentPrefix: 'GT-', skuMapping: 'gtin' });
    await h.connect(ids.ret!, { ...base, ...storeTax, externalDocumentPrefix: 'RT-', refundLines: 'item-return' });
    await h.connect(ids.ship!, { ...base, externalDocumentPrefix: 'SH-', documentType: 'salesOrder' });
  });
  afterAll(() => h?.stop());

  async function storeOrder(id: number) {
    const res = await fetch(`${h.sandbox.bigcommerceUrl}/stores/sandbox/v2/orders/${id}`, {
      headers: { 'X-Auth-Token': 'sandbox-token', Accept: 'application/json' },
    });
    return (await res.json()) as {
      total_inc_tax: string;
      default_currency_code: string;
      customer_id: number;
      billing_address: { email: string };
    };
  }

  async function accountId(number: string): Promise<string> {
    const account = await h.bc.accounts.byNumber(number);
    if (!account) throw new Error(`no G/L account ${number} in the sandbox`);
    return account.id;
  }

  it('a sold gift certificate becomes a G/L line on the liability account, not an item, and the total matches', async () => {
    const placed = await h.sandbox.control.request<{ id: number }>('POST', '/bigcommerce/orders', {
      customerEmail: 'gift.buyer@example.com',
      lines: [{ sku: 'SKU-00004', quantity: 1 }],
      giftCertificates: [{ amount: '25.00', recipientEmail: 'friend@example.com' }],
    });
    await h.signal(ids.gc!, placed.id);
    const row = await h.waitFor(ids.gc!, placed.id, 'POSTED');
    const invoice = await h.bc.salesInvoices.get(row.bc_document_id!);
    const lines = invoice!.salesInvoiceLines!;
    const liability = await accountId('22100');
    const giftLines = lines.filter((l) => l.accountId === liability);
    expect(giftLines).toHaveLength(1);
    expect(giftLines[0]).toMatchObject({ lineType: 'Account' });
    expect(giftLines[0]!.unitPrice.toFixed(2)).toBe('25.00');
    expect(lines.filter((l) => l.lineType === 'Item')).toHaveLength(1);
    expect(invoice!.totalAmountIncludingTax.toFixed(4)).toBe((await storeOrder(placed.id)).total_inc_tax);
    // catalog-writer commits stock for products only: the certificate is not a SKU of the order state.
    const posted = (await h.outbox(ids.gc!, placed.id)).at(-1);
    expect(posted?.lines.map((l) => l.sku)).toEqual(['SKU-00004']);
  });

  it('an order paid in EUR is created in EUR (transactional currency), with the store total in EUR', async () => {
    await h.sandbox.control.request('PUT', '/bigcommerce/settings', { currencies: { EUR: '0.92' } });
    const { id } = await h.sandbox.control.placeOrder({
      customerEmail: 'euro.shopper@example.com',
      lines: [{ sku: 'SKU-00006', quantity: 2 }],
      currency: 'EUR',
    });
    const store = await storeOrder(id);
    expect(store.default_currency_code).toBe('EUR');
    await h.signal(ids.fx!, id);
    const row = await h.waitFor(ids.fx!, id, 'POSTED');
    const invoice = await h.bc.salesInvoices.get(row.bc_document_id!);
    expect(invoice!.currencyCode).toBe('EUR');
    expect(invoice!.totalAmountIncludingTax.toFixed(4)).toBe(store.total_inc_tax);
  });

  it('a guest order goes to the configured default customer; no customer is created for the guest', async () => {
    const { id } = await h.sandbox.control.placeOrder({ guest: true, lines: [{ sku: 'SKU-00007', quantity: 1 }] });
    expect((await storeOrder(id)).customer_id).toBe(0);
    await h.signal(ids.guest!, id);
    const row = await h.waitFor(ids.guest!, id, 'POSTED');
    expect(row.customer_number).toBe(defaultCustomer.number);
    const invoice = await h.bc.salesInvoices.get(row.bc_document_id!);
    expect(invoice).toMatchObject({ customerId: defaultCustomer.id, customerNumber: defaultCustomer.number });
    const guestEmail = (await storeOrder(id)).billing_address.email;
    const sameEmail = await h.bc.customers.findByEmail(guestEmail);
    expect(sameEmail.filter((c) => c.id !== defaultCustomer.id)).toHaveLength(0);
  });

  it('SKU = GTIN: a store SKU that is a GTIN resolves to the BC item carrying it, and the link is kept', async () => {
    const gtin = '4006381333931';
    const item = await h.bc.items.byNumber('SKU-00005');
    if (!item?.etag) throw new Error('sandbox item SKU-00005 missing');
    // A BC user sets the item's GTIN (PATCH items with If-Match), as the API allows.
    await h.bc.client.patch(BcPath.entity('items', item.id), item.etag, { gtin }, z.looseObject({ gtin: z.string() }));
    await h.sandbox.control.request('POST', '/bigcommerce/products', { name: 'Scanned mug', sku: gtin, price: '12.00', inventory: 20 });
    const first = await h.sandbox.control.placeOrder({ customerEmail: 'gtin.shopper@example.com', lines: [{ sku: gtin, quantity: 2 }] });
    await h.signal(ids.gtin!, first.id);
    const row = await h.waitFor(ids.gtin!, first.id, 'POSTED');
    const invoice = await h.bc.salesInvoices.get(row.bc_document_id!);
    const [line] = invoice!.salesInvoiceLines!.filter((l) => l.lineType === 'Item');
    expect(line).toMatchObject({ itemId: item.id });
    expect(line!.quantity.toString()).toBe('2');
    const links: Array<{ bc_item_id: string; via: string }> = await h.db.query(
      'select bc_item_id, via from item_links where connection_id = $1 and sku = $2',
      [ids.gtin!, gtin],
    );
    expect(links).toEqual([{ bc_item_id: item.id, via: 'gtin' }]);

    // A store SKU that is not a GTIN cannot resolve in this mode: NEEDS_MAPPING naming it, nothing written to BC.
    const second = await h.sandbox.control.placeOrder({ customerEmail: 'gtin.shopper@example.com', lines: [{ sku: 'SKU-00005', quantity: 1 }] });
    await h.signal(ids.gtin!, second.id);
    const parked = await h.waitFor(ids.gtin!, second.id, 'NEEDS_MAPPING');
    expect(parked.last_error).toContain('SKU-00005');
    expect(await h.invoices(`GT-${second.id}`)).toHaveLength(0);
  });

  it('refundLines item-return: the credit memo returns the refunded items as Item lines (restocking BC)', async () => {
    const { id } = await h.sandbox.control.placeOrder({
      customerEmail: 'returns@example.com',
      lines: [{ sku: 'SKU-00010', quantity: 3 }, { sku: 'SKU-00011', quantity: 1 }],
    });
    await h.signal(ids.ret!, id);
    const order = await h.waitFor(ids.ret!, id, 'POSTED');
    const refund = await h.refund(id, { items: [{ sku: 'SKU-00010', quantity: 2 }] });
    await h.signal(ids.ret!, id, { kind: 'refund', refundId: refund.refundId, scope: 'store/order/refund/created' });
    const row = await h.waitForRefund(ids.ret!, id, refund.refundId, 'POSTED');
    const memo = await h.bc.salesCreditMemos.get(row.bc_credit_memo_id!);
    expect(memo).toMatchObject({ invoiceId: order.bc_document_id });
    expect(memo!.totalAmountIncludingTax.toFixed(2)).toBe(refund.amount);
    const item = await h.bc.items.byNumber('SKU-00010');
    const itemLines = memo!.salesCreditMemoLines!.filter((l) => l.lineType === 'Item');
    expect(itemLines).toHaveLength(1);
    expect(itemLines[0]).toMatchObject({ itemId: item!.id });
    expect(itemLines[0]!.quantity.toString()).toBe('2');
    const refundsAccount = await accountId('40900');
    expect(memo!.salesCreditMemoLines!.some((l) => l.accountId === refundsAccount)).toBe(false);
  });

  it('sales-order mode: a partial shipment in BC is reported with the shipped quantity and the sales order id; the rest -> POSTED', async () => {
    const { id } = await h.sandbox.control.placeOrder({
      customerEmail: 'partial.ship@example.com',
      lines: [{ sku: 'SKU-00012', quantity: 3 }, { sku: 'SKU-00013', quantity: 1 }],
    });
    await h.signal(ids.ship!, id);
    const created = await h.waitFor(ids.ship!, id, 'DOCUMENT_CREATED');
    const salesOrder = await h.bc.salesOrders.get(created.bc_document_id!);
    const item = await h.bc.items.byNumber('SKU-00012');
    const line = salesOrder!.salesOrderLines!.find((l) => l.itemId === item!.id);
    const other = salesOrder!.salesOrderLines!.find((l) => l.lineType === 'Item' && l.itemId !== item!.id);
    // A BC user ships and invoices 1 of the 3 (Qty. to Ship / Qty. to Invoice), nothing of the other line.
    const lineRow = z.looseObject({ id: z.string() });
    await h.bc.client.patch(BcPath.entity('salesOrderLines', line!.id), '*', { shipQuantity: 1, invoiceQuantity: 1 }, lineRow);
    await h.bc.client.patch(BcPath.entity('salesOrderLines', other!.id), '*', { shipQuantity: 0, invoiceQuantity: 0 }, lineRow);
    await h.bc.salesOrders.shipAndInvoice(salesOrder!.id);

    await h.signal(ids.ship!, id, { source: 'poll', scope: undefined });
    const partial = await eventuallyEvent(id, (e) => e.lines.some((l) => l.shippedQuantity === '1'));
    expect(partial).toMatchObject({ state: 'DOCUMENT_CREATED', documentType: 'salesOrder', bcDocumentId: salesOrder!.id });
    expect(partial.lines).toEqual([
      { sku: 'SKU-00012', quantity: '3', shippedQuantity: '1' },
      { sku: 'SKU-00013', quantity: '1', shippedQuantity: '0' },
    ]);
    expect((await h.ledger(ids.ship!, id))?.state).toBe('DOCUMENT_CREATED');

    // BC ships and invoices the rest: the sales order is gone and its invoices exist -> POSTED.
    await h.bc.salesOrders.shipAndInvoice(salesOrder!.id);
    await h.signal(ids.ship!, id, { source: 'poll', scope: undefined });
    const posted = await h.waitFor(ids.ship!, id, 'POSTED');
    expect(posted.bc_invoice_id).toBeTruthy();
  });

  async function eventuallyEvent(orderId: number, match: (e: Awaited<ReturnType<WriterHarness['outbox']>>[number]) => boolean) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = (await h.outbox(ids.ship!, orderId)).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching order state for ${orderId}: ${JSON.stringify(await h.outbox(ids.ship!, orderId))}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
});
