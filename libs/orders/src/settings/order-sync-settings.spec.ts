import { DEFAULT_SYNCABLE_STATUSES, parseOrderSyncSettings } from './order-sync-settings';

describe('parseOrderSyncSettings', () => {
  it('fills every default from a bare version 1', () => {
    const parsed = parseOrderSyncSettings({ version: 1 });
    expect(parsed).toEqual({
      ok: true,
      settings: {
        version: 1,
        documentType: 'salesInvoice',
        postInvoices: true,
        syncableStatuses: [11, 9, 8, 3, 2, 10, 14, 4],
        customer: {
          matchByEmail: true,
          onMultipleMatches: 'first-non-blocked',
          guests: 'match-billing-email',
          defaults: {},
        },
        skuMapping: 'item-number',
        externalDocumentPrefix: 'BC-',
        accounts: {},
        taxMode: 'bc-calculates',
        taxGroups: { byTaxClassId: {} },
        totalsTolerance: '0.01',
        onTotalMismatch: 'hold-draft',
        timeZone: 'UTC',
        refundLines: 'gl-account',
      },
    });
    expect(DEFAULT_SYNCABLE_STATUSES).not.toContain(5);
  });

  it('uppercases BC codes and the document prefix', () => {
    const parsed = parseOrderSyncSettings({
      version: 1,
      externalDocumentPrefix: 'shop-',
      accounts: { shipping: ' 40500 ', storeTax: 'tax-liab' },
      taxGroups: { byTaxClassId: { '2': 'shipping' }, nonTaxable: 'nontaxable' },
      taxMode: 'store-tax-line',
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    expect(parsed.settings.externalDocumentPrefix).toBe('SHOP-');
    expect(parsed.settings.accounts).toEqual({ shipping: '40500', storeTax: 'TAX-LIAB' });
    expect(parsed.settings.taxGroups).toEqual({ byTaxClassId: { '2': 'SHIPPING' }, nonTaxable: 'NONTAXABLE' });
  });

  it('names the field of every error', () => {
    const parsed = parseOrderSyncSettings({
      version: 2,
      documentType: 'salesQuote',
      totalsTolerance: '0.001',
      timeZone: 'Mars/Olympus',
      externalDocumentPrefix: 'A-VERY-LONG-PREFIX-',
      accounts: { refunds: 'X'.repeat(21) },
    });
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? [] : parsed.errors;
    for (const field of [
      'version',
      'documentType',
      'totalsTolerance',
      'timeZone',
      'externalDocumentPrefix',
      'accounts.refunds',
    ]) {
      expect(errors.some((e) => e.startsWith(`orderSync.${field}: `))).toBe(true);
    }
  });

  it('requires the tax account and non-taxable code in store-tax-line mode', () => {
    const parsed = parseOrderSyncSettings({ version: 1, taxMode: 'store-tax-line' });
    expect(parsed).toEqual({
      ok: false,
      errors: [
        "orderSync.accounts.storeTax: required when taxMode is 'store-tax-line'",
        "orderSync.taxGroups.nonTaxable: required when taxMode is 'store-tax-line'",
      ],
    });
  });

  it('requires a default customer for guests sent to one', () => {
    const parsed = parseOrderSyncSettings({ version: 1, customer: { guests: 'default-customer' } });
    expect(parsed).toEqual({
      ok: false,
      errors: [
        "orderSync.customer.defaultCustomerNumber: required when guests is 'default-customer' or matchByEmail is false",
      ],
    });
  });
});
