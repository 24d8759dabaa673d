import { BC_LENGTHS, bcCode, bcText, compact, ifFits } from '../documents/bc-text';
import type { StoreOrder } from '../model/store-order';
import type { OrderSyncSettings } from '../settings/order-sync-settings';

/** Body of `POST companies({id})/customers` with the fields the API exposes; posting groups come from BC. */
export interface BcCustomerCreatePayload {
  readonly displayName: string;
  readonly type: 'Person' | 'Company';
  readonly email: string;
  readonly phoneNumber?: string;
  readonly addressLine1?: string;
  readonly addressLine2?: string;
  readonly city?: string;
  readonly state?: string;
  readonly country?: string;
  readonly postalCode?: string;
  readonly currencyCode?: string;
  readonly taxAreaId?: string;
  readonly taxLiable?: boolean;
  readonly paymentTermsId?: string;
}

export type CustomerPayloadResult =
  | { readonly ok: true; readonly payload: BcCustomerCreatePayload }
  | { readonly ok: false; readonly reason: 'NO_EMAIL' | 'EMAIL_TOO_LONG'; readonly detail: string };

/**
 * A new BC customer from the order's billing address, within BC's field lengths: names and address lines are cut
 * safely (never inside a character), Code fields (country from `country_iso2`, post code) are uppercased. An email
 * or phone number that does not fit is never cut: the phone is left out, and an email over 80 characters parks the
 * order (a cut email would never match the shopper again and create a duplicate customer on every order).
 */
export function buildCustomerCreatePayload(order: StoreOrder, settings: OrderSyncSettings): CustomerPayloadResult {
  const a = order.billingAddress;
  const email = a.email.trim().toLowerCase();
  if (email === '') return { ok: false, reason: 'NO_EMAIL', detail: 'the billing address has no email' };
  if (email.length > BC_LENGTHS.email) {
    return {
      ok: false,
      reason: 'EMAIL_TOO_LONG',
      detail: `the billing email exceeds BC's ${BC_LENGTHS.email} characters`,
    };
  }
  const person = `${a.firstName} ${a.lastName}`.trim();
  const isCompany = a.company.trim() !== '';
  const defaults = settings.customer.defaults;
  return {
    ok: true,
    payload: compact({
      displayName: bcText(isCompany ? a.company : person || email, BC_LENGTHS.displayName),
      type: isCompany ? ('Company' as const) : ('Person' as const),
      email,
      phoneNumber: ifFits(a.phone, BC_LENGTHS.phoneNumber),
      addressLine1: bcText(a.street1, BC_LENGTHS.addressLine1),
      addressLine2: bcText(a.street2, BC_LENGTHS.addressLine2),
      city: bcText(a.city, BC_LENGTHS.city),
      state: bcText(a.state, BC_LENGTHS.state),
      country: bcCode(a.countryIso2, BC_LENGTHS.country),
      postalCode: bcCode(a.postalCode, BC_LENGTHS.postalCode),
      currencyCode: defaults.currencyCode,
      taxAreaId: defaults.taxAreaId,
      // A customer given a tax area is meant to be taxed there; BC taxes only Tax Liable customers.
      taxLiable: defaults.taxLiable ?? (defaults.taxAreaId ? true : undefined),
      paymentTermsId: defaults.paymentTermsId,
    }),
  };
}
