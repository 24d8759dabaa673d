import { BcCustomer, BcCustomerCreate } from './resources/schemas/customer.schema';
import { BcItem, BcItemField, BcItemSelection } from './resources/schemas/item.schema';
import { BcAccount, BcCompany, BcCurrency, BcTaxArea, BcTaxGroup } from './resources/schemas/reference-data.schema';
import { BcSalesCreditMemo, BcSalesInvoice, BcSalesOrder } from './resources/schemas/sales-document.schema';
import { BcSubscription, BcSubscriptionChanges, BcSubscriptionCreate } from './resources/schemas/subscription.schema';
import { BcSalesCreditMemoCreate, BcSalesInvoiceCreate, BcSalesOrderCreate } from './resources/sales-document-input';

/*
 * What the services use of Business Central. The HTTP implementation is `createBusinessCentral`; the in-memory one
 * is `FakeBusinessCentral` in `@mlc/business-central/testing`. Errors are the closed set of @mlc/platform-errors:
 * creates and bound actions that may have run fail with OutcomeUnknownError (look the document up before repeating),
 * stale ETags with EntityChangedError, a missing record is `undefined` (reads) or `false` (deletes).
 */

/** Rows of a collection read, page by page (commit progress per page) or row by row. */
export interface Paged<T> extends AsyncIterable<T> {
  pages(): AsyncIterable<readonly T[]>;
  toArray(): Promise<T[]>;
}

/** Anything deletable or patchable: its id and the `@odata.etag` it was read with. */
export interface Versioned {
  readonly id: string;
  readonly etag: string;
}

export interface CompaniesPort {
  list(): Promise<BcCompany[]>;
  /** The company with this id, or a CONFIG error saying it is not in the environment. */
  verify(companyId: string): Promise<BcCompany>;
  /** The company with this id, name or display name (case-insensitive); a CONFIG error when none or several match. */
  resolve(nameOrId: string): Promise<BcCompany>;
}

export interface CustomersPort {
  /** Case-insensitive match (`tolower(email) eq ...`); BC allows several customers per email. */
  findByEmail(email: string): Promise<BcCustomer[]>;
  /** Customer numbers are Code[20], matched upper-case (e.g. a connection's default customer). */
  byNumber(number: string): Promise<BcCustomer | undefined>;
  getById(id: string): Promise<BcCustomer | undefined>;
  create(input: BcCustomerCreate): Promise<BcCustomer>;
}

export interface ItemsPort {
  byId(id: string): Promise<BcItem | undefined>;
  /** Item numbers are Code[20], matched upper-case. */
  byNumber(number: string): Promise<BcItem | undefined>;
  /** Many numbers in few calls (same-field `or` chains). Unknown numbers are simply absent. */
  byNumbers(numbers: readonly string[]): Promise<BcItem[]>;
  byGtin(gtin: string): Promise<BcItem[]>;
  /** Every item with only the chosen fields (`$select`), e.g. for the stock scan. */
  list<K extends BcItemField>(
    select: readonly K[],
    options?: { readonly readReplica?: boolean },
  ): Paged<BcItemSelection<K>>;
  /** Items with `lastModifiedDateTime gt since` (delta poll). */
  modifiedSince(since: Date): Paged<BcItem>;
}

export interface SalesOrdersPort {
  /** One request with the lines deep-inserted. */
  create(input: BcSalesOrderCreate): Promise<BcSalesOrder>;
  /** With `salesOrderLines` (including shipped and invoiced quantities). */
  get(id: string): Promise<BcSalesOrder | undefined>;
  findByExternalDocumentNumber(externalDocumentNumber: string): Promise<BcSalesOrder[]>;
  /** False when it was already gone. */
  delete(order: Versioned): Promise<boolean>;
  /** `Microsoft.NAV.shipAndInvoice`: ships and invoices everything; a fully handled order disappears. */
  shipAndInvoice(id: string): Promise<void>;
}

export interface SalesInvoicesPort {
  create(input: BcSalesInvoiceCreate): Promise<BcSalesInvoice>;
  /** With `salesInvoiceLines`. After posting, the same id carries the posted number, status and totals. */
  get(id: string): Promise<BcSalesInvoice | undefined>;
  findByExternalDocumentNumber(externalDocumentNumber: string): Promise<BcSalesInvoice[]>;
  /** Invoices produced by posting a sales order (they get a new id). */
  findByOrderNumber(orderNumber: string): Promise<BcSalesInvoice[]>;
  /** `Microsoft.NAV.post` (drafts only). */
  post(id: string): Promise<void>;
  /** Deletes a draft; false when it was already gone. */
  deleteDraft(invoice: Versioned): Promise<boolean>;
}

export interface SalesCreditMemosPort {
  create(input: BcSalesCreditMemoCreate): Promise<BcSalesCreditMemo>;
  get(id: string): Promise<BcSalesCreditMemo | undefined>;
  findByExternalDocumentNumber(externalDocumentNumber: string): Promise<BcSalesCreditMemo[]>;
  post(id: string): Promise<void>;
  deleteDraft(creditMemo: Versioned): Promise<boolean>;
}

/** A small code list (currencies, tax areas, tax groups). Codes are matched upper-case. */
export interface CodeListPort<T> {
  list(): Promise<T[]>;
  byCode(code: string): Promise<T | undefined>;
}

export interface AccountsPort {
  list(): Promise<BcAccount[]>;
  byNumber(number: string): Promise<BcAccount | undefined>;
}

export interface SubscriptionsPort {
  list(): Promise<BcSubscription[]>;
  get(subscriptionId: string): Promise<BcSubscription | undefined>;
  /** BC calls notificationUrl with `?validationToken=` before answering; the receiver must echo it. */
  create(input: BcSubscriptionCreate): Promise<BcSubscription>;
  /**
   * PATCH with If-Match: repeats the handshake and extends expirationDateTime by about three days. `changes` moves the
   * subscription to a new notificationUrl or clientState (key rotation) in the same call.
   */
  renew(subscription: BcSubscription, changes?: BcSubscriptionChanges): Promise<BcSubscription>;
  /** False when it was already gone. */
  delete(subscription: BcSubscription): Promise<boolean>;
}

/** One connection's view of Business Central. */
export interface BusinessCentralApi {
  readonly companies: CompaniesPort;
  readonly customers: CustomersPort;
  readonly items: ItemsPort;
  readonly salesOrders: SalesOrdersPort;
  readonly salesInvoices: SalesInvoicesPort;
  readonly salesCreditMemos: SalesCreditMemosPort;
  readonly currencies: CodeListPort<BcCurrency>;
  readonly taxAreas: CodeListPort<BcTaxArea>;
  readonly taxGroups: CodeListPort<BcTaxGroup>;
  readonly accounts: AccountsPort;
  readonly subscriptions: SubscriptionsPort;
}
