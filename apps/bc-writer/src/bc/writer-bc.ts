import { z } from 'zod';
import {
  BcPath,
  BusinessCentral,
  compare,
  EMPTY_GUID,
  guid,
  type BusinessCentralApi,
} from '@mlc/business-central';
import type { BcCustomerBlocked } from '@mlc/orders';

/** The customer fields the writer reads (a subset of the adapter's BcCustomer). */
export interface BcCustomerSummary {
  readonly id: string;
  readonly number: string;
  readonly displayName: string;
  readonly email: string;
  readonly blocked: BcCustomerBlocked;
  readonly currencyId?: string;
  readonly currencyCode?: string;
}

/**
 * What bc-writer uses of Business Central: the adapter's port, the default customer by number, and the local
 * currency code (read from the customers, since API v2.0 has no companyInformation currency in the entity sets the
 * reference lists). Every call goes through the adapter's throttle, retries and breaker.
 */
export interface WriterBc {
  readonly api: BusinessCentralApi;
  customerByNumber(number: string): Promise<BcCustomerSummary | undefined>;
  /**
   * BC's local currency (LCY). API v2.0 shows a blank currency as the LCY code with an empty currencyId, so any
   * customer without a currency of its own tells it; undefined when BC has none yet.
   */
  localCurrencyCode(): Promise<string | undefined>;
}

const blocked = z.preprocess((v) => (v === '' ? ' ' : v), z.enum([' ', 'Ship', 'Invoice', 'All']));
const customerSummarySchema = z.looseObject({
  id: z.string(),
  number: z.string(),
  displayName: z.string(),
  email: z.string(),
  blocked,
  currencyId: z.string().optional(),
  currencyCode: z.string().optional(),
});

/** WriterBc over the HTTP adapter. */
export function httpWriterBc(bc: BusinessCentral): WriterBc {
  const customers = BcPath.collection('customers');
  return {
    api: bc,
    customerByNumber: (number) => bc.customers.byNumber(number),
    async localCurrencyCode() {
      const found = await bc.client
        .list(customers, customerSummarySchema, {
          filter: compare('currencyId', 'eq', guid(EMPTY_GUID)),
          select: ['id', 'number', 'displayName', 'email', 'blocked', 'currencyId', 'currencyCode'],
          top: 1,
        })
        .toArray();
      const code = found[0]?.currencyCode?.trim();
      return code ? code.toUpperCase() : undefined;
    },
  };
}

/** The local currency shown by one customer record, when it has no currency of its own. */
export function localCurrencyOf(customer: Pick<BcCustomerSummary, 'currencyId' | 'currencyCode'>): string | undefined {
  const id = customer.currencyId ?? EMPTY_GUID;
  const code = customer.currencyCode?.trim();
  return id === EMPTY_GUID && code ? code.toUpperCase() : undefined;
}
