import { Decimal } from '@mlc/platform-money';
import { stableGuid } from '../model/stable-guid';
import type { CompanyData } from '../store/company-data';
import type { Value } from '../store/table';

/** G/L accounts of the simulated chart, with the tax group BC defaults on sales lines for each. */
export const GL_ACCOUNTS = [
  { number: '10100', name: 'Checking Account', category: 'Assets', type: 'Posting', direct: true, taxGroup: '' },
  { number: '13100', name: 'Accounts Receivable', category: 'Assets', type: 'Posting', direct: false, taxGroup: '' },
  { number: '22000', name: 'LIABILITIES', category: 'Liabilities', type: 'Heading', direct: false, taxGroup: '' },
  { number: '22100', name: 'Gift Certificates Outstanding', category: 'Liabilities', type: 'Posting', direct: true, taxGroup: '' },
  { number: '22500', name: 'Sales Tax Payable', category: 'Liabilities', type: 'Posting', direct: true, taxGroup: '' },
  { number: '40000', name: 'INCOME', category: 'Income', type: 'Heading', direct: false, taxGroup: '' },
  { number: '40100', name: 'Sales, Retail', category: 'Income', type: 'Posting', direct: false, taxGroup: '' },
  { number: '40400', name: 'Shipping Charges', category: 'Income', type: 'Posting', direct: true, taxGroup: 'FREIGHT' },
  { number: '40410', name: 'Handling Charges', category: 'Income', type: 'Posting', direct: true, taxGroup: 'FREIGHT' },
  { number: '40420', name: 'Gift Wrapping', category: 'Income', type: 'Posting', direct: true, taxGroup: 'TAXABLE' },
  { number: '40900', name: 'Sales Returns and Refunds', category: 'Income', type: 'Posting', direct: true, taxGroup: '' },
  { number: '50100', name: 'Cost of Goods Sold', category: 'Cost of Goods Sold', type: 'Posting', direct: false, taxGroup: '' },
] as const;

export const TAX_AREAS = [
  { code: 'TX-AUSTIN', name: 'Austin, Texas' },
  { code: 'CA-SANFRAN', name: 'San Francisco, California' },
  { code: 'NY-NYC', name: 'New York City, New York' },
  { code: 'EXEMPT', name: 'Tax exempt' },
] as const;

export const TAX_GROUPS = [
  { code: 'TAXABLE', name: 'Taxable goods' },
  { code: 'FREIGHT', name: 'Freight and handling' },
  { code: 'NONTAXABLE', name: 'Nontaxable' },
] as const;

function insertAll(table: { insert(data: Record<string, Value>, id?: string): unknown }, kind: string, rows: Array<Record<string, Value>>, key: string) {
  for (const row of rows) table.insert(row, stableGuid(`${kind}:${String(row[key])}`));
}

/** The setup every company starts with: currencies, payment terms, units of measure, tax, G/L accounts. */
export function seedCompanySetup(company: CompanyData): void {
  insertAll(company.currencies, 'currency', [
    { code: 'EUR', displayName: 'Euro', symbol: '€', amountDecimalPlaces: '2:2', amountRoundingPrecision: Decimal.parse('0.01') },
    { code: 'GBP', displayName: 'British Pound', symbol: '£', amountDecimalPlaces: '2:2', amountRoundingPrecision: Decimal.parse('0.01') },
  ], 'code');
  insertAll(company.paymentTerms, 'paymentTerms', [
    { code: 'COD', displayName: 'Cash on delivery', dueDateCalculation: '0D', discountDateCalculation: '', discountPercent: Decimal.ZERO, calculateDiscountOnCreditMemos: false },
    { code: '14 DAYS', displayName: 'Net 14 days', dueDateCalculation: '14D', discountDateCalculation: '', discountPercent: Decimal.ZERO, calculateDiscountOnCreditMemos: false },
    { code: '30 DAYS', displayName: 'Net 30 days', dueDateCalculation: '30D', discountDateCalculation: '', discountPercent: Decimal.ZERO, calculateDiscountOnCreditMemos: false },
  ], 'code');
  insertAll(company.paymentMethods, 'paymentMethod', [
    { code: 'CARD', displayName: 'Card payment' },
    { code: 'BANK', displayName: 'Bank transfer' },
    { code: 'CASH', displayName: 'Cash' },
  ], 'code');
  insertAll(company.shipmentMethods, 'shipmentMethod', [
    { code: 'DELIVERY', displayName: 'Delivery' },
    { code: 'PICKUP', displayName: 'Pickup at location' },
  ], 'code');
  insertAll(company.unitsOfMeasure, 'uom', [
    { code: 'PCS', displayName: 'Piece', internationalStandardCode: 'H87', symbol: '' },
    { code: 'BOX', displayName: 'Box', internationalStandardCode: 'BX', symbol: '' },
  ], 'code');
  insertAll(company.itemCategories, 'itemCategory', [{ code: 'MISC', displayName: 'Miscellaneous' }], 'code');
  insertAll(company.locations, 'location', [{ code: 'MAIN', displayName: 'Main Warehouse', city: 'Austin', state: 'TX', country: 'US' }], 'code');
  insertAll(company.taxAreas, 'taxArea', TAX_AREAS.map((a) => ({ code: a.code, displayName: a.name })), 'code');
  insertAll(company.taxGroups, 'taxGroup', TAX_GROUPS.map((g) => ({ code: g.code, displayName: g.name })), 'code');
  insertAll(
    company.accounts,
    'account',
    GL_ACCOUNTS.map((a) => ({
      number: a.number,
      displayName: a.name,
      category: a.category,
      subCategory: '',
      blocked: false,
      accountType: a.type,
      directPosting: a.direct,
      netChange: Decimal.ZERO,
      consolidationTranslationMethod: 'Average Rate (Manual)',
      consolidationDebitAccount: '',
      consolidationCreditAccount: '',
      excludeFromConsolidation: false,
      taxGroupCode: a.taxGroup,
    })),
    'number',
  );
}
