import type { BcCustomerCreatePayload } from '../customers/customer-payload';

/** BC `customers.blocked`: blank is `" "` (a single space); anything else stops documents. */
export type BcCustomerBlocked = ' ' | 'Ship' | 'Invoice' | 'All';

/** A BC customer as the connector needs it (`customers?$select=id,number,displayName,email,blocked`). */
export interface BcCustomerRecord {
  readonly id: string;
  readonly number: string;
  readonly displayName: string;
  readonly email: string;
  readonly blocked: BcCustomerBlocked;
}

/**
 * BC customer reads and writes the customer rules need (declared here, implemented by the BC adapter). BC's `eq` on
 * text is case-sensitive, so `findByEmail` filters with `customerEmailFilter` (tolower) and a lowercased email.
 */
export interface CustomerLookupPort {
  findByEmail(emailLowercase: string): Promise<BcCustomerRecord[]>;
  findByNumber(number: string): Promise<BcCustomerRecord | null>;
  create(payload: BcCustomerCreatePayload): Promise<BcCustomerRecord>;
}
