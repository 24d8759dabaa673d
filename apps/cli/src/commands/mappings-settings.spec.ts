import { parseAssignments } from './mappings-settings';

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
