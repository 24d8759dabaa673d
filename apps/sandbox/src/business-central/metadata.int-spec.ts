import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BcHarness, startBcHarness } from './testing/bc-harness';

interface ReferenceField {
  readonly name: string;
  readonly readOnly?: boolean;
}
interface ReferenceSet {
  readonly fields: ReferenceField[];
}

const referencePath = resolve(
  process.env.ML_SHARED_DIR ?? resolve(__dirname, '../../../../../shared'),
  'reference/business-central/apiv2-entities.json',
);

function loadReference(): Record<string, ReferenceSet> {
  if (!existsSync(referencePath)) {
    throw new Error(`apiv2-entities.json not found at ${referencePath}: set ML_SHARED_DIR to the shared folder`);
  }
  return (JSON.parse(readFileSync(referencePath, 'utf8')) as { entitySets: Record<string, ReferenceSet> }).entitySets;
}

/** Company-scoped sets the sandbox serves, with a path that returns at least one entity after setup. */
const COMPANY_SETS: Record<string, string> = {
  customers: 'customers',
  items: 'items',
  itemVariants: 'itemVariants',
  itemCategories: 'itemCategories',
  itemLedgerEntries: 'itemLedgerEntries',
  unitsOfMeasure: 'unitsOfMeasure',
  locations: 'locations',
  accounts: 'accounts',
  currencies: 'currencies',
  paymentTerms: 'paymentTerms',
  paymentMethods: 'paymentMethods',
  shipmentMethods: 'shipmentMethods',
  taxAreas: 'taxAreas',
  taxGroups: 'taxGroups',
  salesOrders: 'salesOrders',
  salesOrderLines: 'salesOrders(ORDER)/salesOrderLines',
  salesInvoices: 'salesInvoices',
  salesInvoiceLines: 'salesInvoices(INVOICE)/salesInvoiceLines',
  salesCreditMemos: 'salesCreditMemos',
  salesCreditMemoLines: 'salesCreditMemos(MEMO)/salesCreditMemoLines',
};

const fieldNames = (entity: Record<string, unknown>) => Object.keys(entity).filter((k) => !k.startsWith('@'));

describe('BC entities expose exactly the documented API v2.0 fields', () => {
  let h: BcHarness;
  let reference: Record<string, ReferenceSet>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    reference = loadReference();
    h = await startBcHarness();
    const customer = (await h.call('GET', 'customers?$top=1')).body.value[0];
    const item = (await h.call('GET', 'items?$top=1')).body.value[0];
    await h.call('POST', `items(${item.id})/itemVariants`, { body: { code: 'RED', description: 'Red' } });
    const line = { lineType: 'Item', lineObjectNumber: item.number, quantity: 1 };
    const order = await h.call('POST', 'salesOrders', { body: { customerId: customer.id, salesOrderLines: [line] } });
    const invoice = await h.call('POST', 'salesInvoices', { body: { customerId: customer.id, salesInvoiceLines: [line] } });
    const memo = await h.call('POST', 'salesCreditMemos', { body: { customerId: customer.id, salesCreditMemoLines: [line] } });
    Object.assign(ids, { ORDER: order.body.id, INVOICE: invoice.body.id, MEMO: memo.body.id });
  });
  afterAll(() => h?.close());

  it.each(Object.entries(COMPANY_SETS))('%s has the field names and order of its AL page', async (set, template) => {
    const path = template.replace(/ORDER|INVOICE|MEMO/, (k) => ids[k]!);
    const res = await h.call('GET', path);
    expect(res.status).toBe(200);
    expect(res.body.value.length).toBeGreaterThan(0);
    expect(fieldNames(res.body.value[0])).toEqual(reference[set]!.fields.map((f) => f.name));
    expect(res.body.value[0]['@odata.etag']).toMatch(/^W\/"[A-Za-z0-9+/=]+"$/);
  });

  it('companies and subscriptions (platform entities) have their documented fields', async () => {
    const companies = await h.call('GET', `${h.root}companies`);
    expect(fieldNames(companies.body.value[0])).toEqual(reference.companies!.fields.map((f) => f.name));
    const subscriptions = await h.call('GET', `${h.root}subscriptions`);
    expect(subscriptions.status).toBe(200);
    expect(reference.subscriptions!.fields.map((f) => f.name)).toContain('subscriptionId');
  });

  it('refuses every read-only field of customers, items and documents with 400 BadRequest_InvalidOperation', async () => {
    const targets: Array<[string, string]> = [
      ['customers', (await h.call('GET', 'customers?$top=1')).body.value[0].id],
      ['items', (await h.call('GET', 'items?$top=1')).body.value[0].id],
      ['salesOrders', ids.ORDER!],
      ['salesInvoices', ids.INVOICE!],
      ['salesCreditMemos', ids.MEMO!],
    ];
    for (const [set, id] of targets) {
      for (const field of reference[set]!.fields.filter((f) => f.readOnly)) {
        const res = await h.call('PATCH', `${set}(${id})`, { body: { [field.name]: 'x' }, headers: { 'if-match': '*' } });
        expect({ set, field: field.name, status: res.status, code: res.body.error.code }).toEqual({
          set,
          field: field.name,
          status: 400,
          code: 'BadRequest_InvalidOperation',
        });
        expect(res.body.error.message).toContain('read-only');
      }
    }
  });

  it('refuses writes on read-only pages with 405', async () => {
    const entry = (await h.call('GET', 'itemLedgerEntries?$top=1')).body.value[0];
    const patch = await h.call('PATCH', `itemLedgerEntries(${entry.id})`, { body: { description: 'x' }, headers: { 'if-match': '*' } });
    expect(patch.status).toBe(405);
    expect(patch.body.error.code).toBe('BadRequest_MethodNotAllowed');
    const post = await h.call('POST', 'accounts', { body: { number: '99999' } });
    expect(post.status).toBe(405);
  });

  it('uppercases Code fields and enforces field lengths with Application_StringExceededLength', async () => {
    const created = await h.call('POST', 'customers', { body: { number: 'web-shopper-1', displayName: 'Web Shopper' } });
    expect(created.status).toBe(201);
    expect(created.body.number).toBe('WEB-SHOPPER-1');
    const long = await h.call('POST', 'customers', { body: { number: 'X'.repeat(21) } });
    expect(long.status).toBe(400);
    expect(long.body.error).toEqual({
      code: 'Application_StringExceededLength',
      message: expect.stringContaining('The length of the string is 21, but it must be less than or equal to 20 characters.'),
    });
    const customer = created.body.id as string;
    const ext = await h.call('POST', 'salesInvoices', { body: { customerId: customer, externalDocumentNumber: 'b'.repeat(36) } });
    expect(ext.status).toBe(400);
    expect(ext.body.error.message).toContain('The length of the string is 36, but it must be less than or equal to 35 characters.');
    const fits = await h.call('POST', 'salesInvoices', { body: { customerId: customer, externalDocumentNumber: 'b'.repeat(35) } });
    expect(fits.status).toBe(201);
    expect(fits.body.externalDocumentNumber).toBe('B'.repeat(35));
  });

  it('refuses unknown properties and wrongly typed values', async () => {
    const unknown = await h.call('POST', 'customers', { body: { displayName: 'A', nickname: 'B' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("The property 'nickname' does not exist on type 'Microsoft.NAV.customer'");
    const typed = await h.call('POST', 'customers', { body: { displayName: 'A', creditLimit: '100' } });
    expect(typed.status).toBe(400);
    const badEnum = await h.call('POST', 'customers', { body: { displayName: 'A', blocked: 'Everything' } });
    expect(badEnum.status).toBe(400);
    expect(badEnum.body.error.code).toBe('Application_EvaluateException');
  });
});
