import { PermanentError } from '@mlc/platform-errors';
import { parseConnectionSettings, patchSettings } from './connection';
import { hookSecret, subscriptionClientState, verifyClientState } from './derived-secrets';

const creds = {
  bigcommerceAccessToken: 't',
  bigcommerceClientSecret: 's',
  bcClientSecret: 'b',
  webhookKey: Buffer.alloc(32, 9).toString('base64'),
};

describe('connection settings', () => {
  it('fill every default from an empty input', () => {
    const settings = parseConnectionSettings({});
    expect(settings.orders.documentType).toBe('salesInvoice');
    expect(settings.catalog.bigcommerceLocationId).toBe(1);
    expect(settings.webhooks.schemes).toEqual(['custom-header', 'standard-webhooks', 'x-bc-signature']);
  });

  it('name the bad field', () => {
    expect(() => parseConnectionSettings({ orders: { documentType: 'quote' } })).toThrow(/settings\.orders: .*documentType/);
    expect(() => parseConnectionSettings({ webhooks: { schemes: [] } })).toThrow('settings: webhooks.schemes: at least one webhook scheme');
    expect(() => parseConnectionSettings({ colour: 'red' })).toThrow(PermanentError);
  });

  it('merge patches and re-validate', () => {
    const next = patchSettings(parseConnectionSettings({}), { orders: { documentType: 'salesOrder' } });
    expect(next.orders.documentType).toBe('salesOrder');
    expect(next.orders.externalDocumentPrefix).toBe(parseConnectionSettings({}).orders.externalDocumentPrefix);
  });

  it('remove a key patched with null, so its default applies again or it is absent', () => {
    const set = patchSettings(parseConnectionSettings({}), { orders: { timeZone: 'Europe/Berlin', accounts: { shipping: '40400', handling: '40410' } } });
    const unset = patchSettings(set, { orders: { timeZone: null, accounts: { shipping: null } } });
    expect(unset.orders.timeZone).toBe('UTC');
    expect(unset.orders.accounts).toEqual({ handling: '40410' });
    expect(set.orders.accounts.shipping).toBe('40400');
  });
});

describe('derived secrets', () => {
  it('differ by purpose and connection, and verify in constant time', () => {
    expect(hookSecret('acme', creds)).not.toBe(subscriptionClientState('acme', creds));
    expect(hookSecret('acme', creds)).not.toBe(hookSecret('globex', creds));
    expect(verifyClientState('acme', creds, subscriptionClientState('acme', creds))).toBe(true);
    expect(verifyClientState('acme', creds, subscriptionClientState('globex', creds))).toBe(false);
    expect(verifyClientState('acme', creds, undefined)).toBe(false);
  });
});
