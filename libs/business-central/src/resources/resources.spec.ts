import { Decimal } from '@mlc/platform-money';
import { OutcomeUnknownError } from '@mlc/platform-errors';
import { createBusinessCentral } from '../create-business-central';
import { COMPANY, COMPANY_ROOT, ROOT, settle } from '../testing/client-test-kit';
import { FakeHttpTransport, bcErrorReply, jsonReply } from '../testing/fake-http-transport';
import { FakeTokenSource } from '../testing/fake-token-source';
import { ManualClock } from '../testing/manual-clock';
import { WIRE_CUSTOMER, WIRE_ITEM, wireInvoice } from '../testing/wire-fixtures';

function kit() {
  const transport = new FakeHttpTransport();
  const clock = new ManualClock();
  const bc = createBusinessCentral({
    connectionId: 'c1',
    tenantId: '00000000-0000-0000-0000-000000000001',
    environment: 'sandbox',
    companyId: COMPANY,
    apiUrl: 'http://127.0.0.1:4020',
    clientId: 'sandbox-client',
    clientSecret: 'unused',
    transport,
    tokens: new FakeTokenSource(),
    clock,
  });
  const filterOf = (i: number) => new URL(transport.requests[i]?.url ?? '').searchParams.get('$filter');
  const bodyOf = (i: number) => JSON.parse(transport.requests[i]?.body ?? 'null') as Record<string, unknown>;
  return { bc, transport, clock, filterOf, bodyOf };
}

describe('customers', () => {
  it('finds by e-mail case-insensitively and returns every match', async () => {
    const { bc, transport, filterOf } = kit();
    transport.reply(jsonReply(200, { value: [WIRE_CUSTOMER, { ...WIRE_CUSTOMER, id: 'x', number: 'C00020' }] }));
    const found = await bc.customers.findByEmail(" Robert.O'Townes@Contoso.com ");
    expect(filterOf(0)).toBe("tolower(email) eq 'robert.o''townes@contoso.com'");
    expect(found.map((c) => c.number)).toEqual(['C00010', 'C00020']);
    expect(found[0]?.etag).toBe(WIRE_CUSTOMER['@odata.etag']);
  });

  it('does not call BC for an e-mail BC could not store', async () => {
    const { bc, transport } = kit();
    expect(await bc.customers.findByEmail(`${'a'.repeat(80)}@x.com`)).toEqual([]);
    expect(await bc.customers.findByEmail('  ')).toEqual([]);
    expect(transport.requests).toHaveLength(0);
  });

  it('refuses a too-long field by name before the call', async () => {
    const { bc, transport } = kit();
    await expect(bc.customers.create({ displayName: 'A', city: 'x'.repeat(31) })).rejects.toThrow(
      /customer city is longer than BC allows \(30/,
    );
    expect(transport.requests).toHaveLength(0);
  });

  it('gets by id, undefined when missing', async () => {
    const { bc, transport } = kit();
    transport.reply(bcErrorReply(404, 'BadRequest_NotFound'));
    expect(await bc.customers.getById(WIRE_CUSTOMER.id)).toBeUndefined();
    expect(transport.requests[0]?.url).toBe(`${COMPANY_ROOT}customers(${WIRE_CUSTOMER.id})`);
  });
});

describe('items', () => {
  it('looks numbers up upper-case in chunks of same-field or chains', async () => {
    const { bc, transport, filterOf } = kit();
    const numbers = Array.from({ length: 45 }, (_, i) => `sku-${i}`);
    transport.reply(jsonReply(200, { value: [WIRE_ITEM] }), jsonReply(200, { value: [] }));
    const found = await bc.items.byNumbers([...numbers, 'SKU-0', 'x'.repeat(21)]);
    expect(transport.requests).toHaveLength(2);
    expect(filterOf(0)?.startsWith("number eq 'SKU-0' or number eq 'SKU-1' or")).toBe(true);
    expect(filterOf(0)?.split(' or ')).toHaveLength(40);
    expect(filterOf(1)?.split(' or ')).toHaveLength(5);
    expect(found[0]?.unitPrice.toFixed(2)).toBe('1000.80');
  });

  it('lists with $select and returns only those fields', async () => {
    const { bc, transport } = kit();
    transport.reply(
      jsonReply(200, {
        value: [{ '@odata.etag': 'W/"1"', id: WIRE_ITEM.id, number: '1896-S', inventory: 4.5, unitPrice: 10 }],
      }),
    );
    const rows = await bc.items.list(['number', 'inventory', 'unitPrice'], { readReplica: true }).toArray();
    const url = new URL(transport.requests[0]?.url ?? '');
    expect(url.searchParams.get('$select')).toBe('id,number,inventory,unitPrice');
    expect(transport.requests[0]?.headers['data-access-intent']).toBe('ReadOnly');
    expect(rows[0]?.inventory.toString()).toBe('4.5');
    expect(rows[0]).not.toHaveProperty('displayName');
  });

  it('polls by lastModifiedDateTime with a bare datetime literal', async () => {
    const { bc, filterOf } = kit();
    await bc.items.modifiedSince(new Date('2024-01-01T00:00:00Z')).toArray();
    expect(filterOf(0)).toBe('lastModifiedDateTime gt 2024-01-01T00:00:00.000Z');
  });
});

describe('sales documents', () => {
  const accountLine = {
    lineType: 'Account' as const,
    accountId: 'bbbbbbbb-0000-4000-8000-000000000001',
    quantity: Decimal.parse('1'),
    unitPrice: Decimal.parse('5.5'),
  };
  const lines = [
    {
      itemId: WIRE_ITEM.id,
      quantity: Decimal.parse('2'),
      unitPrice: Decimal.parse('16.658333'),
      discountAmount: Decimal.parse('1.005'),
    },
    accountLine,
  ];

  it('creates an invoice with deep-inserted lines, upper-cased reference and BC-rounded numbers', async () => {
    const { bc, transport, bodyOf } = kit();
    transport.reply(jsonReply(201, wireInvoice()));
    const invoice = await bc.salesInvoices.create({
      customerId: WIRE_CUSTOMER.id,
      externalDocumentNumber: 'bc-100',
      invoiceDate: '2025-01-02',
      discountAmount: Decimal.parse('0.125'),
      lines,
    });
    expect(transport.requests[0]).toMatchObject({ method: 'POST', url: `${COMPANY_ROOT}salesInvoices` });
    expect(bodyOf(0)).toEqual({
      customerId: WIRE_CUSTOMER.id,
      externalDocumentNumber: 'BC-100',
      invoiceDate: '2025-01-02',
      discountAmount: 0.13,
      salesInvoiceLines: [
        { itemId: WIRE_ITEM.id, quantity: 2, unitPrice: 16.65833, discountAmount: 1.01 },
        { lineType: 'Account', accountId: 'bbbbbbbb-0000-4000-8000-000000000001', quantity: 1, unitPrice: 5.5 },
      ],
    });
    expect(invoice.totalAmountIncludingTax.toFixed(2)).toBe('2121.70');
    expect(invoice.status).toBe('Draft');
  });

  it('refuses a document without a customer or with a reference BC cannot store', async () => {
    const { bc, transport } = kit();
    await expect(bc.salesOrders.create({ externalDocumentNumber: 'X', lines: [] })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(
      bc.salesInvoices.create({ customerNumber: 'C1', externalDocumentNumber: 'X'.repeat(36), lines: [] }),
    ).rejects.toThrow(/35/);
    expect(transport.requests).toHaveLength(0);
  });

  it('reads an invoice with its lines and finds by external document number', async () => {
    const { bc, transport, filterOf } = kit();
    const line = {
      id: 'l1',
      sequence: 10000,
      lineType: 'Item',
      itemId: WIRE_ITEM.id,
      quantity: 2,
      unitPrice: 1000.8,
      amountIncludingTax: 2121.7,
    };
    transport.reply(
      jsonReply(200, wireInvoice({ salesInvoiceLines: [line] })),
      jsonReply(200, { value: [wireInvoice()] }),
    );
    const invoice = await bc.salesInvoices.get(wireInvoice().id);
    expect(new URL(transport.requests[0]?.url ?? '').searchParams.get('$expand')).toBe('salesInvoiceLines');
    expect(invoice?.salesInvoiceLines?.[0]?.quantity.toString()).toBe('2');
    await bc.salesInvoices.findByExternalDocumentNumber('bc-100');
    expect(filterOf(1)).toBe("externalDocumentNumber eq 'BC-100'");
  });

  it('posts with Microsoft.NAV.post and reports a lost answer as OutcomeUnknownError', async () => {
    const { bc, transport, clock } = kit();
    transport.reply(jsonReply(204, undefined), jsonReply(504, {}));
    await bc.salesInvoices.post(wireInvoice().id);
    expect(transport.requests[0]?.url).toBe(`${COMPANY_ROOT}salesInvoices(${wireInvoice().id})/Microsoft.NAV.post`);
    await expect(settle(bc.salesInvoices.post(wireInvoice().id), clock)).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(transport.requests).toHaveLength(2);
  });

  it('ships and invoices an order, reads shipped quantities, and deletes idempotently', async () => {
    const { bc, transport } = kit();
    const orderId = '7a4c6a1e-0000-4000-8000-000000000001';
    const order = {
      ...wireInvoice({ id: orderId, number: 'S-ORD1001' }),
      orderDate: '2025-01-02',
      status: 'Draft',
      salesOrderLines: [
        {
          id: 'l',
          sequence: 10000,
          lineType: 'Item',
          quantity: 3,
          unitPrice: 1,
          shippedQuantity: 1,
          invoicedQuantity: 0,
        },
      ],
    };
    transport.reply(
      jsonReply(200, order),
      jsonReply(204, undefined),
      jsonReply(204, undefined),
      bcErrorReply(404, 'BadRequest_NotFound'),
    );
    expect((await bc.salesOrders.get(orderId))?.salesOrderLines?.[0]?.shippedQuantity.toString()).toBe('1');
    await bc.salesOrders.shipAndInvoice(orderId);
    expect(transport.requests[1]?.url).toBe(`${COMPANY_ROOT}salesOrders(${orderId})/Microsoft.NAV.shipAndInvoice`);
    expect(await bc.salesOrders.delete({ id: orderId, etag: 'W/"1"' })).toBe(true);
    expect(await bc.salesOrders.delete({ id: orderId, etag: 'W/"1"' })).toBe(false);
    expect(transport.requests[2]?.headers['if-match']).toBe('W/"1"');
  });

  it('creates a credit memo applied to an invoice', async () => {
    const { bc, transport, bodyOf } = kit();
    const memo = {
      ...wireInvoice({ id: '8a4c6a1e-0000-4000-8000-000000000001', number: 'S-CR1001' }),
      creditMemoDate: '2025-01-05',
      invoiceId: wireInvoice().id,
      invoiceNumber: 'PS-INV1001',
    };
    transport.reply(jsonReply(201, memo));
    const created = await bc.salesCreditMemos.create({
      customerId: WIRE_CUSTOMER.id,
      externalDocumentNumber: 'bc-100-r1',
      invoiceId: wireInvoice().id,
      lines: [accountLine],
    });
    expect(bodyOf(0)).toMatchObject({
      invoiceId: wireInvoice().id,
      externalDocumentNumber: 'BC-100-R1',
      salesCreditMemoLines: [{ accountId: accountLine.accountId }],
    });
    expect(created.invoiceNumber).toBe('PS-INV1001');
  });
});

describe('reference data', () => {
  it('lists companies at environment level and verifies the configured one', async () => {
    const { bc, transport } = kit();
    const company = {
      id: COMPANY,
      name: 'CRONUS',
      displayName: 'CRONUS USA, Inc.',
      systemVersion: '24.0',
      timestamp: 1,
    };
    transport.replyByDefault(jsonReply(200, { value: [company] }));
    expect((await bc.companies.verify(COMPANY.toUpperCase())).name).toBe('CRONUS');
    expect(transport.requests[0]?.url).toBe(`${ROOT}companies`);
    await expect(bc.companies.verify('99999999-2222-3333-4444-555555555555')).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining('BC_COMPANY_ID'),
    });
    expect((await bc.companies.resolve('cronus usa, inc.')).id).toBe(COMPANY);
    await expect(bc.companies.resolve('CRONUS')).resolves.toMatchObject({ id: COMPANY });
    await expect(bc.companies.resolve('Fabrikam')).rejects.toThrow(
      /"Fabrikam" is not in this environment \(companies there: CRONUS\)/,
    );
  });

  it('finds currencies, tax areas, tax groups and accounts by code upper-case', async () => {
    const { bc, transport, filterOf } = kit();
    transport.reply(
      jsonReply(200, {
        value: [
          { id: 'c', code: 'EUR', displayName: 'Euro', amountRoundingPrecision: 0.01, amountDecimalPlaces: '2:2' },
        ],
      }),
      jsonReply(200, { value: [] }),
      jsonReply(200, { value: [] }),
      jsonReply(200, { value: [{ id: 'a', number: '40200', displayName: 'Shipping', blocked: false }] }),
    );
    expect((await bc.currencies.byCode('eur'))?.amountRoundingPrecision?.toString()).toBe('0.01');
    expect(await bc.taxAreas.byCode('atlanta, ga')).toBeUndefined();
    expect(await bc.taxGroups.byCode('furniture')).toBeUndefined();
    expect((await bc.accounts.byNumber('40200'))?.displayName).toBe('Shipping');
    expect([0, 1, 2, 3].map(filterOf)).toEqual([
      "code eq 'EUR'",
      "code eq 'ATLANTA, GA'",
      "code eq 'FURNITURE'",
      "number eq '40200'",
    ]);
    expect(transport.requests.map((r) => new URL(r.url).pathname.split('/').pop())).toEqual([
      'currencies',
      'taxAreas',
      'taxGroups',
      'accounts',
    ]);
  });
});
