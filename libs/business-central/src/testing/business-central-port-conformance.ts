import { randomBytes } from 'node:crypto';
import { Decimal } from '@mlc/platform-money';
import { OutcomeUnknownError, PermanentError } from '@mlc/platform-errors';
import { BusinessCentralApi } from '../business-central.port';
import { EntityChangedError } from '../client/business-central-errors';

export interface ConformanceTarget {
  readonly api: BusinessCentralApi;
  readonly companyId: string;
  /** A receiver that answers BC's validation handshake. */
  readonly notificationUrl: string;
  close(): Promise<void>;
}

const unique = (prefix: string) => `${prefix}${randomBytes(5).toString('hex')}`.toUpperCase();

/**
 * Behaviour every BusinessCentralApi must show, whether HTTP against the sandbox or the in-memory fake. Needs at least
 * one non-blocked Inventory item in the target company. Registers its own describe block.
 */
export function describeBusinessCentralPortConformance(name: string, setup: () => Promise<ConformanceTarget>): void {
  describe(`BusinessCentralApi conformance: ${name}`, () => {
    let target: ConformanceTarget;
    let api: BusinessCentralApi;
    beforeAll(async () => {
      target = await setup();
      api = target.api;
    });
    afterAll(() => target.close());

    const anItem = async () => {
      const items = await api.items.list(['type', 'blocked']).toArray();
      const item = items.find((i) => i.type === 'Inventory' && !i.blocked);
      if (!item) throw new Error('conformance needs a non-blocked Inventory item');
      return item;
    };
    const aCustomer = () =>
      api.customers.create({ displayName: 'Conformance', email: `${unique('c')}@example.com`.toLowerCase() });

    it('verifies the configured company', async () => {
      expect((await api.companies.verify(target.companyId)).id).toBe(target.companyId.toLowerCase());
    });

    it('finds a customer by e-mail in any case, and an e-mail with a quote safely', async () => {
      const email = `${unique('q')}+o'hara@example.com`.toLowerCase();
      const created = await api.customers.create({ displayName: "O'Hara", email });
      expect((await api.customers.findByEmail(email.toUpperCase())).map((c) => c.id)).toEqual([created.id]);
      expect(await api.customers.findByEmail(`x' or email eq '${email}`)).toEqual([]);
      expect((await api.customers.getById(created.id))?.email).toBe(email);
      expect((await api.customers.byNumber(created.number.toLowerCase()))?.id).toBe(created.id);
      expect(await api.customers.byNumber('NO-SUCH-CUSTOMER')).toBeUndefined();
    });

    it('finds items by number in any case', async () => {
      const item = await anItem();
      const full = await api.items.byId(item.id);
      expect((await api.items.byNumber((full?.number ?? '').toLowerCase()))?.id).toBe(item.id);
      expect(await api.items.byNumbers([full?.number ?? '', 'NO-SUCH-ITEM-XYZ'])).toHaveLength(1);
    });

    it('creates a draft invoice with lines, posts it, and keeps the id with a new number', async () => {
      const [customer, item] = await Promise.all([aCustomer(), anItem()]);
      const reference = unique('CF-');
      const draft = await api.salesInvoices.create({
        customerId: customer.id,
        externalDocumentNumber: reference.toLowerCase(),
        lines: [{ itemId: item.id, quantity: Decimal.parse('3'), unitPrice: Decimal.parse('7.5') }],
      });
      expect(draft).toMatchObject({ status: 'Draft', externalDocumentNumber: reference });
      expect(draft.totalAmountExcludingTax.toFixed(2)).toBe('22.50');
      await api.salesInvoices.post(draft.id);
      const posted = await api.salesInvoices.get(draft.id);
      expect(posted).toMatchObject({ id: draft.id, status: 'Open' });
      expect(posted?.number).not.toBe(draft.number);
      expect(posted?.salesInvoiceLines?.[0]?.quantity.toString()).toBe('3');
      const again = await api.salesInvoices.post(draft.id).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(PermanentError);
      expect(again).not.toBeInstanceOf(OutcomeUnknownError);
      expect((await api.salesInvoices.findByExternalDocumentNumber(reference)).map((i) => i.id)).toEqual([draft.id]);
    });

    it('deletes a draft once, with its ETag', async () => {
      const customer = await aCustomer();
      const draft = await api.salesInvoices.create({
        customerId: customer.id,
        externalDocumentNumber: unique('DD-'),
        lines: [],
      });
      expect(await api.salesInvoices.deleteDraft(draft)).toBe(true);
      expect(await api.salesInvoices.get(draft.id)).toBeUndefined();
    });

    it('ships and invoices an order into a posted invoice with a new id', async () => {
      const [customer, item] = await Promise.all([aCustomer(), anItem()]);
      const order = await api.salesOrders.create({
        customerId: customer.id,
        externalDocumentNumber: unique('SO-'),
        lines: [{ itemId: item.id, quantity: Decimal.parse('1') }],
      });
      expect((await api.salesOrders.get(order.id))?.salesOrderLines?.[0]?.shippedQuantity.isZero()).toBe(true);
      await api.salesOrders.shipAndInvoice(order.id);
      expect(await api.salesOrders.get(order.id)).toBeUndefined();
      const invoices = await api.salesInvoices.findByOrderNumber(order.number);
      expect(invoices).toHaveLength(1);
      expect(invoices[0]).toMatchObject({ orderId: order.id, status: 'Open' });
    });

    it('posts a credit memo applied to a posted invoice, settling both', async () => {
      const [customer, item] = await Promise.all([aCustomer(), anItem()]);
      const invoice = await api.salesInvoices.create({
        customerId: customer.id,
        externalDocumentNumber: unique('CI-'),
        lines: [{ itemId: item.id, quantity: Decimal.parse('1'), unitPrice: Decimal.parse('10') }],
      });
      await api.salesInvoices.post(invoice.id);
      const memo = await api.salesCreditMemos.create({
        customerId: customer.id,
        externalDocumentNumber: unique('CM-'),
        invoiceId: invoice.id,
        lines: [{ itemId: item.id, quantity: Decimal.parse('1'), unitPrice: Decimal.parse('10') }],
      });
      expect(memo).toMatchObject({ status: 'Draft', invoiceId: invoice.id });
      await api.salesCreditMemos.post(memo.id);
      // Applied in full, the memo closes its own ledger entry and the invoice's: both read "Paid".
      expect((await api.salesCreditMemos.get(memo.id))?.status).toBe('Paid');
      const settled = await api.salesInvoices.get(invoice.id);
      expect(settled?.status).toBe('Paid');
      expect(settled?.remainingAmount?.isZero()).toBe(true);
    });

    it('creates, renews (If-Match) and deletes a subscription', async () => {
      const resource = `/api/v2.0/companies(${target.companyId.toLowerCase()})/items`;
      const created = await api.subscriptions.create({
        notificationUrl: target.notificationUrl,
        resource,
        clientState: 'conformance',
      });
      expect(created.subscriptionId).toMatch(/^[0-9a-f]{32}$/);
      const renewed = await api.subscriptions.renew(created);
      expect(renewed.etag).not.toBe(created.etag);
      await expect(api.subscriptions.renew(created)).rejects.toBeInstanceOf(EntityChangedError);
      expect(await api.subscriptions.delete(renewed)).toBe(true);
      expect(await api.subscriptions.delete(renewed)).toBe(false);
    });
  });
}
