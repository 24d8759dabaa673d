import { runOrderScenario, settingsWith } from './__fixtures__/order-scenarios';
import { buildCustomerCreatePayload } from './customers/customer-payload';
import { chooseCustomer, chooseDefaultCustomer, customerEmailFilter, planCustomerLookup } from './customer-rules';
import type { StoreOrder } from './model/store-order';
import type { BcCustomerRecord } from './ports/customer-lookup.port';

const customer = (number: string, blocked: BcCustomerRecord['blocked'] = ' '): BcCustomerRecord => ({
  id: `c0000000-0000-4000-8000-${number.replace(/\D/g, '').padStart(12, '0')}`,
  number,
  displayName: 'Jane Doe',
  email: 'jane.doe@example.com',
  blocked,
});
const orderOf = (name: string): StoreOrder => runOrderScenario(name).order;

describe('planCustomerLookup', () => {
  it('matches registered shoppers and guests by lowercased billing email', () => {
    const foreign = orderOf('order.foreign-currency');
    expect(planCustomerLookup(foreign, settingsWith())).toEqual({
      kind: 'by-email',
      email: 'lena.vogel@example.de',
      note: 'store customer 49: match BC customers by billing email',
    });
    expect(planCustomerLookup(orderOf('order.guest'), settingsWith())).toMatchObject({
      kind: 'by-email',
      note: 'guest: match BC customers by billing email',
    });
  });

  it('sends guests to the default customer when configured', () => {
    const settings = settingsWith({ customer: { guests: 'default-customer', defaultCustomerNumber: 'web-guest' } });
    expect(planCustomerLookup(orderOf('order.guest'), settings)).toEqual({
      kind: 'default-customer',
      number: 'WEB-GUEST',
      note: 'guest checkout: default customer WEB-GUEST',
    });
    expect(planCustomerLookup(orderOf('order.coupon'), settings).kind).toBe('by-email');
  });

  it('parks an order without a billing email', () => {
    const order = orderOf('order.guest');
    const noEmail = { ...order, billingAddress: { ...order.billingAddress, email: '  ' } };
    expect(planCustomerLookup(noEmail, settingsWith())).toMatchObject({ kind: 'park', reason: 'NO_EMAIL' });
  });
});

describe('chooseCustomer', () => {
  const settings = settingsWith();

  it('creates a customer when none matches', () => {
    expect(chooseCustomer([], settings).kind).toBe('create');
  });

  it('uses a single match, and parks a blocked one', () => {
    expect(chooseCustomer([customer('C00010')], settings)).toMatchObject({
      kind: 'use',
      customer: { number: 'C00010' },
    });
    expect(chooseCustomer([customer('C00010', 'Invoice')], settings)).toEqual({
      kind: 'park',
      reason: 'BLOCKED_CUSTOMER',
      detail: 'BC customer C00010 is blocked (Invoice)',
    });
  });

  it('takes the first non-blocked by number among several and records the choice', () => {
    const choice = chooseCustomer([customer('C00030'), customer('C00005', 'All'), customer('C00020')], settings);
    expect(choice).toEqual({
      kind: 'use',
      customer: customer('C00020'),
      note: '3 BC customers share the email (C00005, C00020, C00030); chose C00020, the first non-blocked by number; passed over C00005 (blocked: All)',
    });
  });

  it('parks several matches when configured to, and when all are blocked', () => {
    const park = settingsWith({ customer: { onMultipleMatches: 'park' } });
    expect(chooseCustomer([customer('C1'), customer('C2')], park)).toMatchObject({
      kind: 'park',
      reason: 'MULTIPLE_MATCHES',
    });
    expect(chooseCustomer([customer('C1', 'Ship'), customer('C2', 'All')], settings)).toMatchObject({
      kind: 'park',
      reason: 'BLOCKED_CUSTOMER',
    });
  });

  it('checks the default customer exists and is not blocked', () => {
    expect(chooseDefaultCustomer(null, 'WEB')).toMatchObject({ kind: 'park', reason: 'DEFAULT_CUSTOMER_MISSING' });
    expect(chooseDefaultCustomer(customer('WEB1', 'All'), 'WEB1')).toMatchObject({
      kind: 'park',
      reason: 'BLOCKED_CUSTOMER',
    });
    expect(chooseDefaultCustomer(customer('WEB1'), 'WEB1').kind).toBe('use');
  });
});

describe('customerEmailFilter', () => {
  it("lowercases and doubles single quotes for OData (BC's eq is case-sensitive)", () => {
    expect(customerEmailFilter(" O'Brien@Example.COM ")).toBe("tolower(email) eq 'o''brien@example.com'");
  });
});

describe('buildCustomerCreatePayload', () => {
  it('builds a company customer from the billing address with country from country_iso2', () => {
    const settings = settingsWith({
      customer: { defaults: { currencyCode: 'eur', paymentTermsId: '8f2c1a4e-0000-4000-8000-000000000001' } },
    });
    expect(buildCustomerCreatePayload(orderOf('order.foreign-currency'), settings)).toEqual({
      ok: true,
      payload: {
        displayName: 'Vogel Outdoor GmbH',
        type: 'Company',
        email: 'lena.vogel@example.de',
        phoneNumber: '+49 30 5557 1234',
        addressLine1: 'Schönhauser Allee 36',
        addressLine2: 'Hinterhaus, 3. OG',
        city: 'Berlin',
        state: 'Berlin',
        country: 'DE',
        postalCode: '10435',
        currencyCode: 'EUR',
        paymentTermsId: '8f2c1a4e-0000-4000-8000-000000000001',
      },
    });
  });

  it("cuts names and addresses to BC's lengths without splitting characters, and drops a phone that does not fit", () => {
    const order = orderOf('order.guest');
    const long: StoreOrder = {
      ...order,
      billingAddress: {
        ...order.billingAddress,
        firstName: 'Ã'.repeat(60),
        lastName: '😀'.repeat(60),
        street2: 'x'.repeat(80),
        city: 'Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch',
        postalCode: 'ab1 2cd',
        phone: '+1 (512) 555-0142 extension 12345',
      },
    };
    const result = buildCustomerCreatePayload(long, settingsWith());
    if (!result.ok) throw new Error(result.detail);
    // BC counts UTF-16 units: 60 + 1 + 19 emoji x 2 = 99, since a 20th emoji would need 101.
    expect(result.payload.displayName).toHaveLength(99);
    expect(result.payload.displayName.endsWith('😀')).toBe(true);
    expect(result.payload.addressLine2).toHaveLength(50);
    expect(result.payload.city).toBe('Llanfairpwllgwyngyllgogerychwy');
    expect(result.payload.postalCode).toBe('AB1 2CD');
    expect(result.payload).not.toHaveProperty('phoneNumber');
    expect(result.payload.type).toBe('Person');
  });

  it('carries taxLiable: as configured, else true exactly when a tax area is given', () => {
    const order = orderOf('order.guest');
    const taxAreaId = '7a000000-0000-4000-8000-000000000001';
    const payloadWith = (defaults: Record<string, unknown>) => {
      const result = buildCustomerCreatePayload(order, settingsWith({ customer: { defaults } }));
      if (!result.ok) throw new Error(result.detail);
      return result.payload;
    };
    expect(payloadWith({})).not.toHaveProperty('taxLiable');
    expect(payloadWith({ taxAreaId })).toMatchObject({ taxAreaId, taxLiable: true });
    expect(payloadWith({ taxAreaId, taxLiable: false })).toMatchObject({ taxAreaId, taxLiable: false });
    expect(payloadWith({ taxLiable: true })).toMatchObject({ taxLiable: true });
  });

  it('parks instead of cutting an email longer than 80 characters', () => {
    const order = orderOf('order.guest');
    const longEmail = { ...order, billingAddress: { ...order.billingAddress, email: `${'a'.repeat(75)}@example.com` } };
    expect(buildCustomerCreatePayload(longEmail, settingsWith())).toMatchObject({
      ok: false,
      reason: 'EMAIL_TOO_LONG',
    });
  });
});
