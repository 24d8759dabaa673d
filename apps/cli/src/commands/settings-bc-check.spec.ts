import { parseOrderSyncSettings, type OrderSyncSettings } from '@mlc/orders';
import { checkOrderSettingsAgainstBc, type BcReferenceData } from './settings-bc-check';

const BC: BcReferenceData = {
  accounts: [
    { number: '40400', blocked: false, accountType: 'Posting', directPosting: true },
    { number: '40000', blocked: false, accountType: 'Heading', directPosting: false },
    { number: '40100', blocked: false, accountType: 'Posting', directPosting: false },
    { number: '40900', blocked: true, accountType: 'Posting', directPosting: true },
  ],
  currencies: ['EUR', 'GBP'],
  taxAreaIds: ['5A3A1C2E-0000-4000-8000-000000000001'],
  taxGroups: ['TAXABLE', 'FREIGHT'],
};

function settings(input: Record<string, unknown>): OrderSyncSettings {
  const parsed = parseOrderSyncSettings({ version: 1, ...input });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.settings;
}

describe('checkOrderSettingsAgainstBc', () => {
  it('accepts settings whose accounts, currency, tax area and tax groups exist (ids and codes in any case)', () => {
    const ok = settings({
      accounts: { shipping: '40400' },
      customer: { defaults: { currencyCode: 'eur', taxAreaId: '5a3a1c2e-0000-4000-8000-000000000001' } },
      taxGroups: { items: 'taxable', byTaxClassId: { '2': 'freight' } },
    });
    expect(checkOrderSettingsAgainstBc(ok, BC)).toEqual([]);
    expect(checkOrderSettingsAgainstBc(settings({}), BC)).toEqual([]);
  });

  it('names every reference BC would refuse', () => {
    const bad = settings({
      accounts: { shipping: '49999', handling: '40000', wrapping: '40100', refunds: '40900' },
      customer: { defaults: { currencyCode: 'USD', taxAreaId: '00000000-0000-4000-8000-00000000beef' } },
      taxGroups: { items: 'NOPE', byTaxClassId: { '3': 'VAT20' } },
    });
    expect(checkOrderSettingsAgainstBc(bad, BC)).toEqual([
      'orders.accounts.shipping: BC has no G/L account 49999',
      'orders.accounts.handling: G/L account 40000 is a Heading account, not a posting account',
      'orders.accounts.wrapping: G/L account 40100 does not allow direct posting',
      'orders.accounts.refunds: G/L account 40900 is blocked in BC',
      "orders.customer.defaults.currencyCode: BC has no currency USD (leave it unset for BC's local currency)",
      'orders.customer.defaults.taxAreaId: BC has no tax area with id 00000000-0000-4000-8000-00000000beef',
      'orders.taxGroups.items: BC has no tax group NOPE',
      'orders.taxGroups.byTaxClassId.3: BC has no tax group VAT20',
    ]);
  });
});
