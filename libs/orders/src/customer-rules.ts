import type { StoreOrder } from './model/store-order';
import type { BcCustomerRecord } from './ports/customer-lookup.port';
import type { OrderSyncSettings } from './settings/order-sync-settings';

export type CustomerParkReason =
  'NO_EMAIL' | 'EMAIL_TOO_LONG' | 'BLOCKED_CUSTOMER' | 'MULTIPLE_MATCHES' | 'DEFAULT_CUSTOMER_MISSING';

/** How to find the order's BC customer. */
export type CustomerLookupPlan =
  | { readonly kind: 'by-email'; readonly email: string; readonly note: string }
  | { readonly kind: 'default-customer'; readonly number: string; readonly note: string }
  | { readonly kind: 'park'; readonly reason: CustomerParkReason; readonly detail: string };

/** What to do with the BC customers that were found. Notes are for the audit trail and carry no email. */
export type CustomerChoice =
  | { readonly kind: 'use'; readonly customer: BcCustomerRecord; readonly note: string }
  | { readonly kind: 'create'; readonly note: string }
  | { readonly kind: 'park'; readonly reason: CustomerParkReason; readonly detail: string };

/** Emails compare trimmed and lowercased (BigCommerce keeps the shopper's casing, BC compares exactly). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** `$filter` text for BC: `tolower(email) eq '<lowercased>'`, quotes doubled as OData requires. */
export function customerEmailFilter(email: string): string {
  return `tolower(email) eq '${normaliseEmail(email).replace(/'/g, "''")}'`;
}

/**
 * Registered shoppers and guests (with `guests: 'match-billing-email'`) are matched by the billing email; guests
 * with `guests: 'default-customer'`, and everyone when `matchByEmail` is false, go to the configured customer.
 */
export function planCustomerLookup(order: StoreOrder, settings: OrderSyncSettings): CustomerLookupPlan {
  const { matchByEmail, guests, defaultCustomerNumber } = settings.customer;
  const guest = order.customerId === null;
  if (!matchByEmail || (guest && guests === 'default-customer')) {
    const why = matchByEmail ? 'guest checkout' : 'matchByEmail is off';
    if (!defaultCustomerNumber)
      return { kind: 'park', reason: 'DEFAULT_CUSTOMER_MISSING', detail: `${why} and no defaultCustomerNumber` };
    return {
      kind: 'default-customer',
      number: defaultCustomerNumber,
      note: `${why}: default customer ${defaultCustomerNumber}`,
    };
  }
  const email = normaliseEmail(order.billingAddress.email);
  if (email === '') return { kind: 'park', reason: 'NO_EMAIL', detail: 'the billing address has no email to match' };
  const who = guest ? 'guest' : `store customer ${order.customerId}`;
  return { kind: 'by-email', email, note: `${who}: match BC customers by billing email` };
}

/**
 * Picks among the BC customers that share the billing email. None: create one. One: use it unless blocked. Several:
 * `onMultipleMatches` decides; 'first-non-blocked' takes the lowest customer number that is not blocked and records
 * which ones it passed over. A blocked customer parks the order (BC refuses documents for it).
 */
export function chooseCustomer(matches: readonly BcCustomerRecord[], settings: OrderSyncSettings): CustomerChoice {
  if (matches.length === 0) return { kind: 'create', note: 'no BC customer has the billing email: create one' };
  const sorted = [...matches].sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  const [only] = sorted;
  if (only && sorted.length === 1) {
    return isBlocked(only)
      ? { kind: 'park', reason: 'BLOCKED_CUSTOMER', detail: `BC customer ${only.number} is blocked (${only.blocked})` }
      : { kind: 'use', customer: only, note: `matched BC customer ${only.number} by email` };
  }
  const numbers = sorted.map((c) => c.number).join(', ');
  if (settings.customer.onMultipleMatches === 'park') {
    return {
      kind: 'park',
      reason: 'MULTIPLE_MATCHES',
      detail: `${sorted.length} BC customers share the email (${numbers})`,
    };
  }
  const chosen = sorted.find((c) => !isBlocked(c));
  if (!chosen)
    return {
      kind: 'park',
      reason: 'BLOCKED_CUSTOMER',
      detail: `all ${sorted.length} matching BC customers are blocked (${numbers})`,
    };
  const skipped = sorted.filter((c) => isBlocked(c)).map((c) => `${c.number} (blocked: ${c.blocked})`);
  const passed = skipped.length > 0 ? `; passed over ${skipped.join(', ')}` : '';
  return {
    kind: 'use',
    customer: chosen,
    note: `${sorted.length} BC customers share the email (${numbers}); chose ${chosen.number}, the first non-blocked by number${passed}`,
  };
}

/** The configured default customer, if BC has it and it is not blocked. */
export function chooseDefaultCustomer(found: BcCustomerRecord | null, number: string): CustomerChoice {
  if (!found)
    return { kind: 'park', reason: 'DEFAULT_CUSTOMER_MISSING', detail: `default customer ${number} is not in BC` };
  if (isBlocked(found))
    return {
      kind: 'park',
      reason: 'BLOCKED_CUSTOMER',
      detail: `default customer ${number} is blocked (${found.blocked})`,
    };
  return { kind: 'use', customer: found, note: `default customer ${found.number}` };
}

/** Any non-blank `blocked` value stops invoicing or shipping, so the connector treats it as blocked. */
export function isBlocked(customer: BcCustomerRecord): boolean {
  return customer.blocked.trim() !== '';
}
