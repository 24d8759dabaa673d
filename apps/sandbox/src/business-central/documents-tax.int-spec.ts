import { BcHarness, startBcHarness } from './testing/bc-harness';

/** US sales tax per line (tax area from the customer, tax group from the line), discounts and currencies. */
describe('BC document amounts', () => {
  let h: BcHarness;
  let liable: string;
  let exempt: string;
  let euro: string;
  beforeAll(async () => {
    h = await startBcHarness();
    const areas = (await h.call('GET', 'taxAreas')).body.value as Array<{ id: string; code: string }>;
    const austin = areas.find((a) => a.code === 'TX-AUSTIN')!.id;
    await h.call('POST', 'items', { body: { number: 'MUG-19', displayName: 'Mug', unitPrice: 19.99, taxGroupCode: 'TAXABLE', baseUnitOfMeasureCode: 'PCS' } });
    liable = (await h.call('POST', 'customers', { body: { displayName: 'Liable', taxLiable: true, taxAreaId: austin } })).body.id;
    exempt = (await h.call('POST', 'customers', { body: { displayName: 'Not liable', taxAreaId: austin } })).body.id;
    euro = (await h.call('POST', 'customers', { body: { displayName: 'Euro', taxLiable: true, taxAreaId: austin, currencyCode: 'EUR' } })).body.id;
  });
  afterAll(() => h?.close());

  const mugs = (quantity: number, extra: Record<string, unknown> = {}) => ({ lineType: 'Item', lineObjectNumber: 'MUG-19', quantity, ...extra });
  const shipping = (unitPrice: number) => ({ lineType: 'Account', lineObjectNumber: '40400', quantity: 1, unitPrice });
  const create = async (customerId: string, lines: unknown[], extra: Record<string, unknown> = {}) => {
    const res = await h.call('POST', 'salesInvoices', { body: { customerId, ...extra, salesInvoiceLines: lines } });
    expect(res.status).toBe(201);
    const expanded = await h.call('GET', `salesInvoices(${res.body.id})?$expand=salesInvoiceLines`);
    return expanded.body;
  };
  const totals = (doc: Record<string, number>) => [doc.totalAmountExcludingTax, doc.totalTaxAmount, doc.totalAmountIncludingTax];

  it('computes and rounds tax per line from the tax area and the line tax group', async () => {
    const doc = await create(liable, [mugs(3), shipping(7.5), { lineType: 'Account', lineObjectNumber: '40900', quantity: 1, unitPrice: 2 }]);
    const lines = doc.salesInvoiceLines;
    expect(lines.map((l: Record<string, unknown>) => [l.taxCode, l.taxPercent, l.amountExcludingTax, l.totalTaxAmount])).toEqual([
      ['TAXABLE', 8.25, 59.97, 4.95],
      ['FREIGHT', 8.25, 7.5, 0.62],
      ['', 0, 2, 0],
    ]);
    expect(totals(doc)).toEqual([69.47, 5.57, 75.04]);
  });

  it('charges no tax to a customer that is not tax liable', async () => {
    expect(totals(await create(exempt, [mugs(3)]))).toEqual([59.97, 0, 59.97]);
  });

  it('turns a line discount percent into an amount and spreads the invoice discount before tax', async () => {
    const doc = await create(liable, [mugs(3, { discountPercent: 10 }), shipping(7.5)], { discountAmount: 10 });
    const [mug, ship] = doc.salesInvoiceLines;
    expect([mug.discountAmount, mug.amountExcludingTax, mug.invoiceDiscountAllocation, mug.netAmount, mug.netTaxAmount]).toEqual([6, 53.97, 8.78, 45.19, 3.73]);
    expect([ship.invoiceDiscountAllocation, ship.netAmount, ship.netTaxAmount]).toEqual([1.22, 6.28, 0.52]);
    expect(totals(doc)).toEqual([51.47, 4.25, 55.72]);
    expect(doc.discountAmount).toBe(10);
    const tooMuch = await h.call('PATCH', `salesInvoices(${doc.id})`, { body: { discountAmount: 100 }, headers: { 'if-match': '*' } });
    expect(tooMuch.status).toBe(400);
  });

  it('follows tax rate changes on drafts but keeps posted totals', async () => {
    const draft = await create(liable, [mugs(1)]);
    const posted = await create(liable, [mugs(1)]);
    await h.call('POST', `salesInvoices(${posted.id})/Microsoft.NAV.post`);
    await h.control('POST', '/__sandbox/business-central/settings', { taxRates: { 'TX-AUSTIN': { TAXABLE: '10' } } });
    expect((await h.call('GET', `salesInvoices(${draft.id})`)).body.totalTaxAmount).toBe(2);
    expect((await h.call('GET', `salesInvoices(${posted.id})`)).body.totalTaxAmount).toBe(1.65);
    await h.control('POST', '/__sandbox/business-central/settings', { taxRates: { 'TX-AUSTIN': { TAXABLE: '8.25', FREIGHT: '8.25' } } });
  });

  it('prices documents in the customer currency and maps the local currency to blank', async () => {
    const doc = await create(euro, [mugs(3)]);
    const eur = (await h.call('GET', "currencies?$filter=code eq 'EUR'")).body.value[0];
    expect([doc.currencyCode, doc.currencyId]).toEqual(['EUR', eur.id]);
    expect(doc.salesInvoiceLines[0].unitPrice).toBe(18.3908);
    expect(doc.totalAmountExcludingTax).toBe(55.17);
    const usd = await h.call('POST', 'salesInvoices', { body: { customerId: euro, currencyCode: 'USD' } });
    expect([usd.body.currencyCode, usd.body.currencyId]).toEqual(['USD', '00000000-0000-0000-0000-000000000000']);
    const unknown = await h.call('POST', 'salesInvoices', { body: { customerId: euro, currencyCode: 'JPY' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('Internal_InvalidTableRelation');
  });

  it('refuses lines on blocked items, non-posting accounts, and both an item and an account', async () => {
    const item = await h.call('POST', 'items', { body: { number: 'OLD-1', displayName: 'Old', blocked: true } });
    const blocked = await h.call('POST', 'salesInvoices', { body: { customerId: liable, salesInvoiceLines: [{ itemId: item.body.id, quantity: 1 }] } });
    expect(blocked.status).toBe(400);
    expect(blocked.body.error.code).toBe('Application_FieldValidationException');
    const heading = await h.call('POST', 'salesInvoices', { body: { customerId: liable, salesInvoiceLines: [{ lineType: 'Account', lineObjectNumber: '40000', quantity: 1 }] } });
    expect(heading.status).toBe(400);
    expect(heading.body.error.message).toContain("Account Type must be equal to 'Posting'");
    const account = (await h.call('GET', "accounts?$filter=number eq '40400'")).body.value[0];
    const both = await h.call('POST', 'salesInvoices', { body: { customerId: liable, salesInvoiceLines: [{ itemId: item.body.id, accountId: account.id }] } });
    expect(both.body.error.message).toContain('Both "itemId" and "accountId" are specified. Specify only one of them.');
  });
});
