import { z } from 'zod';
import { Decimal } from '@mlc/platform-money';
import {
  AccountsPort,
  BusinessCentralApi,
  CodeListPort,
  CompaniesPort,
  CustomersPort,
  ItemsPort,
  Paged,
  SalesCreditMemosPort,
  SalesInvoicesPort,
  SalesOrdersPort,
} from '../business-central.port';
import { selectCompany } from '../resources/reference-data.resource';
import { normaliseExternalDocumentNumber } from '../resources/sales-document-input';
import { customerSchema } from '../resources/schemas/customer.schema';
import { BcItemField, BcItemSelection, itemSchema, itemSelectionSchema } from '../resources/schemas/item.schema';
import {
  BcCompany,
  BcCurrency,
  BcTaxArea,
  BcTaxGroup,
  accountSchema,
  currencySchema,
  taxCodeSchema,
} from '../resources/schemas/reference-data.schema';
import {
  salesCreditMemoSchema,
  salesInvoiceSchema,
  salesOrderSchema,
} from '../resources/schemas/sales-document.schema';
import { ACCOUNT_DEFAULTS, CODE_DEFAULTS, CUSTOMER_DEFAULTS, FakeEntitySet, ITEM_DEFAULTS } from './fake-master-data';
import { FailNextOptions, FakeFailure, FakeRuntime } from './fake-runtime';
import { FakeDocumentStore, MasterData } from './fake-sales-documents';
import { FakeSubscriptions } from './fake-subscriptions';
import { invoiceFromOrder, postCreditMemo } from './fake-posting';

export interface FakeBusinessCentralOptions {
  readonly companies?: readonly BcCompany[];
  readonly lcyCode?: string;
  /** Flat sales tax rate the fake applies to every line (default 0). */
  readonly taxRate?: Decimal;
  readonly now?: () => Date;
}

/**
 * In-memory Business Central for one company, implementing the same port as the HTTP client. Seed it through the
 * entity sets (`fake.itemSet.add({...})`), script failures with `failNext(503)` / `failNext('timeout', {afterCommit})`,
 * and assert on `calls`, which uses the HTTP client's operation labels.
 */
export class FakeBusinessCentral implements BusinessCentralApi {
  readonly runtime: FakeRuntime;
  readonly customerSet: FakeEntitySet<typeof customerSchema>;
  readonly itemSet: FakeEntitySet<typeof itemSchema>;
  readonly currencySet: FakeEntitySet<typeof currencySchema>;
  readonly taxAreaSet: FakeEntitySet<typeof taxCodeSchema>;
  readonly taxGroupSet: FakeEntitySet<typeof taxCodeSchema>;
  readonly accountSet: FakeEntitySet<typeof accountSchema>;
  readonly orderStore: FakeDocumentStore<typeof salesOrderSchema>;
  readonly invoiceStore: FakeDocumentStore<typeof salesInvoiceSchema>;
  readonly creditMemoStore: FakeDocumentStore<typeof salesCreditMemoSchema>;
  readonly subscriptions: FakeSubscriptions;
  private readonly companyList: BcCompany[];

  constructor(options: FakeBusinessCentralOptions = {}) {
    const rt = (this.runtime = new FakeRuntime(options.now ?? (() => new Date())));
    this.companyList = [
      ...(options.companies ?? [
        { id: '00000000-0000-0000-0000-0000000000c1', name: 'CRONUS', displayName: 'CRONUS USA, Inc.' },
      ]),
    ];
    this.customerSet = new FakeEntitySet(rt, 'customers', customerSchema, CUSTOMER_DEFAULTS);
    this.itemSet = new FakeEntitySet(rt, 'items', itemSchema, ITEM_DEFAULTS);
    this.currencySet = new FakeEntitySet(rt, 'currencies', currencySchema, CODE_DEFAULTS);
    this.taxAreaSet = new FakeEntitySet(rt, 'taxAreas', taxCodeSchema, CODE_DEFAULTS);
    this.taxGroupSet = new FakeEntitySet(rt, 'taxGroups', taxCodeSchema, CODE_DEFAULTS);
    this.accountSet = new FakeEntitySet(rt, 'accounts', accountSchema, ACCOUNT_DEFAULTS);
    const master: MasterData = {
      customer: ({ id, number }) =>
        this.customerSet.find((c) => (id ? c.id === id.toLowerCase() : c.number === number)),
      item: (id) => this.itemSet.records.get(id.toLowerCase()),
      account: (id) => this.accountSet.records.get(id.toLowerCase()),
      lcyCode: options.lcyCode ?? 'USD',
      taxRate: options.taxRate ?? Decimal.ZERO,
    };
    this.orderStore = new FakeDocumentStore(
      rt,
      master,
      {
        set: 'salesOrders',
        linesKey: 'salesOrderLines',
        dateField: 'orderDate',
        draftPrefix: 'S-ORD',
        postedPrefix: 'S-ORD',
      },
      salesOrderSchema,
    );
    this.invoiceStore = new FakeDocumentStore(
      rt,
      master,
      {
        set: 'salesInvoices',
        linesKey: 'salesInvoiceLines',
        dateField: 'invoiceDate',
        draftPrefix: 'S-INV',
        postedPrefix: 'PS-INV',
      },
      salesInvoiceSchema,
    );
    this.creditMemoStore = new FakeDocumentStore(
      rt,
      master,
      {
        set: 'salesCreditMemos',
        linesKey: 'salesCreditMemoLines',
        dateField: 'creditMemoDate',
        draftPrefix: 'S-CR',
        postedPrefix: 'PS-CR',
      },
      salesCreditMemoSchema,
    );
    this.subscriptions = new FakeSubscriptions(rt);
    this.currencies = codeList(this.currencySet);
    this.taxAreas = codeList(this.taxAreaSet);
    this.taxGroups = codeList(this.taxGroupSet);
  }

  /** Operation labels of every call so far. */
  get calls(): readonly string[] {
    return this.runtime.calls;
  }

  /** The next matching call fails as the HTTP client would for this status or transport failure. */
  failNext(failure: FakeFailure, options: FailNextOptions = {}): this {
    this.runtime.failNext(failure, options);
    return this;
  }

  readonly companies: CompaniesPort = {
    list: () =>
      this.runtime.call('GET companies', 'read', 'environment', () => this.companyList.map((c) => ({ ...c }))),
    verify: async (companyId) => selectCompany(await this.companies.list(), companyId, 'id'),
    resolve: async (nameOrId) => selectCompany(await this.companies.list(), nameOrId, 'id-or-name'),
  };

  readonly customers: CustomersPort = {
    findByEmail: (email) => this.customerSet.list((c) => String(c.email).toLowerCase() === email.trim().toLowerCase()),
    byNumber: async (number) =>
      (await this.customerSet.list((c) => String(c.number) === number.trim().toUpperCase()))[0],
    getById: (id) => this.customerSet.byId(id),
    create: (input) => this.customerSet.create({ ...input }, 'C'),
  };

  readonly items: ItemsPort = {
    byId: (id) => this.itemSet.byId(id),
    byNumber: async (number) => (await this.itemSet.list((i) => i.number === number.trim().toUpperCase()))[0],
    byNumbers: (numbers) => {
      const wanted = new Set(numbers.map((n) => n.trim().toUpperCase()));
      return this.itemSet.list((i) => wanted.has(i.number as string));
    },
    byGtin: (gtin) => this.itemSet.list((i) => i.gtin === gtin.trim()),
    list: <K extends BcItemField>(select: readonly K[]): Paged<BcItemSelection<K>> => {
      const schema = itemSelectionSchema(select);
      return paged(() =>
        this.runtime.call('GET items', 'read', 'company', () =>
          this.itemSet.where(() => true).map((r) => schema.parse(r)),
        ),
      );
    },
    modifiedSince: (since) =>
      paged(() => this.itemSet.list((i) => Date.parse(i.lastModifiedDateTime as string) > since.getTime())),
  };

  readonly salesOrders: SalesOrdersPort = {
    create: (input) => this.orderStore.create(input),
    get: (id) => this.orderStore.get(id),
    findByExternalDocumentNumber: (ext) =>
      this.orderStore.findBy('externalDocumentNumber', normaliseExternalDocumentNumber(ext)),
    delete: (order) => this.orderStore.delete(order),
    shipAndInvoice: (id) =>
      this.orderStore.action(id, 'shipAndInvoice', (order) =>
        invoiceFromOrder(this.runtime, this.orderStore, this.invoiceStore, order),
      ),
  };

  readonly salesInvoices: SalesInvoicesPort = {
    create: (input) => this.invoiceStore.create(input),
    get: (id) => this.invoiceStore.get(id),
    findByExternalDocumentNumber: (ext) =>
      this.invoiceStore.findBy('externalDocumentNumber', normaliseExternalDocumentNumber(ext)),
    findByOrderNumber: (orderNumber) => this.invoiceStore.findBy('orderNumber', orderNumber.trim().toUpperCase()),
    post: (id) => this.invoiceStore.action(id, 'post', (record) => this.invoiceStore.post(record)),
    deleteDraft: (invoice) => this.invoiceStore.delete(invoice),
  };

  readonly salesCreditMemos: SalesCreditMemosPort = {
    create: (input) => this.creditMemoStore.create(input),
    get: (id) => this.creditMemoStore.get(id),
    findByExternalDocumentNumber: (ext) =>
      this.creditMemoStore.findBy('externalDocumentNumber', normaliseExternalDocumentNumber(ext)),
    post: (id) =>
      this.creditMemoStore.action(id, 'post', (memo) => postCreditMemo(this.creditMemoStore, this.invoiceStore, memo)),
    deleteDraft: (memo) => this.creditMemoStore.delete(memo),
  };

  readonly currencies: CodeListPort<BcCurrency>;
  readonly taxAreas: CodeListPort<BcTaxArea>;
  readonly taxGroups: CodeListPort<BcTaxGroup>;

  readonly accounts: AccountsPort = {
    list: () => this.accountSet.list(),
    byNumber: async (number) => (await this.accountSet.list((a) => a.number === number.trim().toUpperCase()))[0],
  };
}

function codeList<S extends typeof currencySchema | typeof taxCodeSchema>(
  set: FakeEntitySet<S>,
): CodeListPort<z.output<S>> {
  return {
    list: () => set.list(),
    byCode: async (code) => (await set.list((r) => r.code === code.trim().toUpperCase()))[0],
  };
}

function paged<T>(load: () => Promise<T[]>): Paged<T> {
  return {
    async *pages() {
      yield await load();
    },
    async *[Symbol.asyncIterator]() {
      yield* await load();
    },
    toArray: load,
  };
}
