import { Decimal } from '@mlc/platform-money';
import { OutcomeUnknownError, RetryableError } from '@mlc/platform-errors';
import { EntityChangedError } from '../client/business-central-errors';
import { FakeBusinessCentral } from './fake-business-central';

function seeded() {
  const fake = new FakeBusinessCentral({ taxRate: Decimal.parse('0.06') });
  const customer = fake.customerSet.add({ number: 'C00010', displayName: 'Adatum', email: 'Jane@Example.com' });
  const item = fake.itemSet.add({
    number: '1896-S',
    displayName: 'ATHENS Desk',
    unitPrice: Decimal.parse('1000.8'),
    inventory: 4,
  });
  const blocked = fake.itemSet.add({ number: 'OLD-1', blocked: true });
  const shipping = fake.accountSet.add({ number: '40200', displayName: 'Shipping' });
  return { fake, customer, item, blocked, shipping };
}

describe('FakeBusinessCentral', () => {
  it('finds customers case-insensitively and logs calls with HTTP client labels', async () => {
    const { fake, customer } = seeded();
    expect(await fake.customers.findByEmail('jane@example.COM')).toEqual([customer]);
    expect(await fake.customers.getById('99999999-0000-4000-8000-000000000000')).toBeUndefined();
    expect(fake.calls).toEqual(['GET customers', 'GET customers({id})']);
  });

  it('creates, posts and reads back an invoice: same id, new number, totals with tax', async () => {
    const { fake, customer, item, shipping } = seeded();
    const draft = await fake.salesInvoices.create({
      customerId: customer.id,
      externalDocumentNumber: 'bc-100',
      lines: [
        { itemId: item.id, quantity: Decimal.parse('2') },
        { lineType: 'Account', accountId: shipping.id, quantity: Decimal.parse('1'), unitPrice: Decimal.parse('10') },
      ],
    });
    expect(draft).toMatchObject({ status: 'Draft', externalDocumentNumber: 'BC-100' });
    expect(draft.totalAmountExcludingTax.toFixed(2)).toBe('2011.60');
    expect(draft.totalAmountIncludingTax.toFixed(2)).toBe('2132.30');
    await fake.salesInvoices.post(draft.id);
    const posted = await fake.salesInvoices.get(draft.id);
    expect(posted).toMatchObject({ id: draft.id, status: 'Open' });
    expect(posted?.number).not.toBe(draft.number);
    expect(posted?.salesInvoiceLines?.map((l) => l.lineObjectNumber)).toEqual(['1896-S', '40200']);
    await expect(fake.salesInvoices.post(draft.id)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(fake.calls.filter((c) => c.startsWith('POST'))).toEqual([
      'POST salesInvoices',
      'POST salesInvoices({id})/Microsoft.NAV.post',
      'POST salesInvoices({id})/Microsoft.NAV.post',
    ]);
  });

  it('enforces BC rules on lines and customers', async () => {
    const { fake, customer, blocked } = seeded();
    await expect(
      fake.salesOrders.create({ customerNumber: 'NOPE', externalDocumentNumber: 'x', lines: [] }),
    ).rejects.toThrow(/sell-to customer cannot be found/);
    await expect(
      fake.salesOrders.create({
        customerId: customer.id,
        externalDocumentNumber: 'x',
        lines: [{ itemId: blocked.id, quantity: Decimal.parse('1') }],
      }),
    ).rejects.toThrow(/Blocked/);
  });

  it('scripts failures the way the HTTP client reports them, including after commit', async () => {
    const { fake, customer } = seeded();
    fake.failNext(503, { operation: 'POST salesInvoices', afterCommit: true });
    const err = await fake.salesInvoices
      .create({ customerId: customer.id, externalDocumentNumber: 'bc-200', lines: [] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutcomeUnknownError);
    expect(await fake.salesInvoices.findByExternalDocumentNumber('BC-200')).toHaveLength(1);

    fake.failNext('timeout');
    await expect(fake.items.byNumber('1896-s')).rejects.toBeInstanceOf(RetryableError);
    expect(await fake.items.byNumber('1896-s')).toMatchObject({ number: '1896-S' });
  });

  it('ships and invoices an order into a posted invoice with a new id, and the order disappears', async () => {
    const { fake, customer, item } = seeded();
    const order = await fake.salesOrders.create({
      customerId: customer.id,
      externalDocumentNumber: 'bc-300',
      lines: [{ itemId: item.id, quantity: Decimal.parse('1') }],
    });
    expect((await fake.salesOrders.get(order.id))?.salesOrderLines?.[0]?.shippedQuantity.isZero()).toBe(true);
    await fake.salesOrders.shipAndInvoice(order.id);
    expect(await fake.salesOrders.get(order.id)).toBeUndefined();
    const [invoice] = await fake.salesInvoices.findByOrderNumber(order.number);
    expect(invoice).toMatchObject({ orderId: order.id, status: 'Open' });
    expect(invoice?.id).not.toBe(order.id);
  });

  it('deletes drafts with If-Match semantics and refuses posted ones', async () => {
    const { fake, customer } = seeded();
    const draft = await fake.salesInvoices.create({
      customerId: customer.id,
      externalDocumentNumber: 'bc-400',
      lines: [],
    });
    await expect(fake.salesInvoices.deleteDraft({ id: draft.id, etag: 'W/"stale"' })).rejects.toBeInstanceOf(
      EntityChangedError,
    );
    expect(await fake.salesInvoices.deleteDraft(draft)).toBe(true);
    expect(await fake.salesInvoices.deleteDraft(draft)).toBe(false);

    const other = await fake.salesInvoices.create({
      customerId: customer.id,
      externalDocumentNumber: 'bc-401',
      lines: [],
    });
    await fake.salesInvoices.post(other.id);
    const posted = await fake.salesInvoices.get(other.id);
    await expect(fake.salesInvoices.deleteDraft({ id: other.id, etag: posted?.etag ?? '' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('creates, renews and deletes subscriptions; a failed handshake stores nothing', async () => {
    const now = new Date('2025-01-01T00:00:00Z');
    const fake = new FakeBusinessCentral({ now: () => now });
    const sub = await fake.subscriptions.create({
      notificationUrl: 'https://x/n',
      resource: 'companies(c)/items',
      clientState: 's',
    });
    expect(sub.subscriptionId).toMatch(/^[0-9a-f]{32}$/);
    expect(sub.expirationDateTime).toBe('2025-01-04T00:00:00.000Z');
    const renewed = await fake.subscriptions.renew(sub);
    expect(renewed.etag).not.toBe(sub.etag);
    await expect(fake.subscriptions.renew(sub)).rejects.toBeInstanceOf(EntityChangedError);

    fake.subscriptions.handshake = async () => false;
    await expect(
      fake.subscriptions.create({ notificationUrl: 'https://bad/n', resource: 'companies(c)/items' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await fake.subscriptions.list()).toHaveLength(1);
    expect(await fake.subscriptions.delete(renewed)).toBe(true);
  });

  it('lists items with only the selected fields and polls by modification time', async () => {
    const { fake, item } = seeded();
    const rows = await fake.items.list(['number', 'inventory']).toArray();
    expect(rows[0]).toEqual({ id: item.id, number: '1896-S', inventory: Decimal.parse('4'), etag: item.etag });
    expect(await fake.items.modifiedSince(new Date(Date.now() + 60_000)).toArray()).toEqual([]);
  });
});

describe('FakeBusinessCentral companies', () => {
  it('resolves a company by id or name and refuses an ambiguous name', async () => {
    const fake = new FakeBusinessCentral({
      companies: [
        { id: '00000000-0000-0000-0000-0000000000c1', name: 'CRONUS', displayName: 'Shop' },
        { id: '00000000-0000-0000-0000-0000000000c2', name: 'FABRIKAM', displayName: 'Shop' },
      ],
    });
    expect((await fake.companies.resolve('fabrikam')).id).toBe('00000000-0000-0000-0000-0000000000c2');
    expect((await fake.companies.verify('00000000-0000-0000-0000-0000000000C1')).name).toBe('CRONUS');
    await expect(fake.companies.resolve('shop')).rejects.toThrow(/matches several companies/);
    await expect(fake.companies.verify('CRONUS')).rejects.toMatchObject({ code: 'CONFIG' });
  });
});
