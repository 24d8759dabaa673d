import { parseAssignments, unsetPaths } from './mappings-settings';

describe('parseAssignments', () => {
  it('puts keys without a section under orders and parses JSON values', () => {
    expect(parseAssignments(['documentType=salesOrder', 'postInvoices=false', 'accounts.shipping=40400', 'syncableStatuses:=[11,2]'])).toEqual({
      orders: { documentType: 'salesOrder', postInvoices: false, accounts: { shipping: '40400' }, syncableStatuses: [11, 2] },
    });
  });

  it('keeps explicit sections and text values that are not JSON', () => {
    expect(parseAssignments(['webhooks.schemes:=["custom-header"]', 'externalDocumentPrefix=SHOP-', 'customer.defaults.currencyCode=null'])).toEqual({
      webhooks: { schemes: ['custom-header'] },
      orders: { externalDocumentPrefix: 'SHOP-', customer: { defaults: { currencyCode: null } } },
    });
  });

  it('refuses assignments without a key', () => {
    expect(() => parseAssignments(['=1'])).toThrow('"=1" is not key=value');
    expect(() => parseAssignments(['a b=1'])).toThrow('"a b" is not a settings key');
    expect(() => parseAssignments(['x:=nope'])).toThrow('x:= needs a JSON value');
  });
});

describe('unsetting with key:=null', () => {
  it('parses key:=null and key=null as null at the key, beside ordinary assignments', () => {
    const patch = parseAssignments(['accounts.wrapping:=null', 'timeZone=null', 'catalog.quotaShare:=null', 'postInvoices=false']);
    expect(patch).toEqual({ orders: { accounts: { wrapping: null }, timeZone: null, postInvoices: false }, catalog: { quotaShare: null } });
    expect(unsetPaths(patch)).toEqual([
      ['orders', 'accounts', 'wrapping'],
      ['orders', 'timeZone'],
      ['catalog', 'quotaShare'],
    ]);
  });

  it('finds no unset paths in a patch without null, arrays included', () => {
    expect(unsetPaths(parseAssignments(['syncableStatuses:=[11,2]', 'accounts.shipping=40400']))).toEqual([]);
  });

  it('validates the key to unset like any key', () => {
    expect(() => parseAssignments(['accounts.wrap ping:=null'])).toThrow('"accounts.wrap ping" is not a settings key');
  });
});
