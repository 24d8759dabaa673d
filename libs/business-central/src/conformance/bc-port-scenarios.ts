import { BusinessCentralApi } from '../business-central.port';
import { BcItemField } from '../resources/schemas/item.schema';
import { BcSubscription } from '../resources/schemas/subscription.schema';
import {
  FULL_CREDIT_MEMO,
  FULL_CUSTOMER,
  FULL_INVOICE,
  FULL_ORDER,
  FULL_SUBSCRIPTION,
  FULL_SUBSCRIPTION_CHANGES,
  IDS,
} from './bc-inputs';
import { COMPANY_ID, ETAG } from './recording-transport';

/*
 * Calls that drive every method of every resource of BusinessCentralApi. The mapped type makes a new resource or
 * method a compile error until it has a scenario. `reaches` lists the operations (method + path template) the
 * scenario must hit, in order of first use; collection reads also follow one @odata.nextLink.
 */

export interface BcScenario {
  readonly title: string;
  readonly run: (bc: BusinessCentralApi) => Promise<unknown>;
  readonly reaches: readonly string[];
}

export type BcScenarios = {
  readonly [R in keyof BusinessCentralApi]: { readonly [M in keyof BusinessCentralApi[R]]: readonly BcScenario[] };
};

const C = 'companies({id})/';
const one = (title: string, run: BcScenario['run'], ...reaches: string[]): BcScenario[] => [{ title, run, reaches }];
const ALL_ITEM_FIELDS: readonly BcItemField[] = [
  'id', 'number', 'displayName', 'displayName2', 'type', 'itemCategoryId', 'itemCategoryCode', 'blocked', 'gtin',
  'inventory', 'unitPrice', 'priceIncludesTax', 'unitCost', 'taxGroupId', 'taxGroupCode', 'baseUnitOfMeasureId',
  'baseUnitOfMeasureCode', 'generalProductPostingGroupId', 'generalProductPostingGroupCode',
  'inventoryPostingGroupId', 'inventoryPostingGroupCode', 'lastModifiedDateTime',
]; // prettier-ignore
const subscription: BcSubscription = {
  etag: ETAG,
  subscriptionId: '0123456789abcdef0123456789abcdef',
  notificationUrl: FULL_SUBSCRIPTION.notificationUrl,
  resource: FULL_SUBSCRIPTION.resource,
  clientState: 'state',
  expirationDateTime: '2025-01-04T00:00:00Z',
};
const codeList = (set: 'currencies' | 'taxAreas' | 'taxGroups') => ({
  list: one('every code', (bc) => bc[set].list(), `GET ${C}${set}`),
  byCode: one('by code, upper-cased', (bc) => bc[set].byCode(' eur '), `GET ${C}${set}`),
});

export const BC_SCENARIOS: BcScenarios = {
  companies: {
    list: one('companies of the environment', (bc) => bc.companies.list(), 'GET companies'),
    verify: one('verify the configured company', (bc) => bc.companies.verify(COMPANY_ID), 'GET companies'),
    resolve: one('resolve by name', (bc) => bc.companies.resolve('cronus usa, inc.'), 'GET companies'),
  },
  customers: {
    findByEmail: one(
      'case-insensitive email',
      (bc) => bc.customers.findByEmail(" Robert.O'Townes+1@Contoso.com "),
      `GET ${C}customers`,
    ),
    byNumber: one('by number, upper-cased', (bc) => bc.customers.byNumber('c10010'), `GET ${C}customers`),
    getById: one('by id', (bc) => bc.customers.getById(IDS.customer), `GET ${C}customers({id})`),
    create: [
      {
        title: 'every field at its longest',
        run: (bc) => bc.customers.create(FULL_CUSTOMER),
        reaches: [`POST ${C}customers`],
      },
      {
        title: 'name only',
        run: (bc) => bc.customers.create({ displayName: 'Jane Doe' }),
        reaches: [`POST ${C}customers`],
      },
    ],
  },
  items: {
    byId: one('by id', (bc) => bc.items.byId(IDS.item), `GET ${C}items({id})`),
    byNumber: one('by number, upper-cased', (bc) => bc.items.byNumber('1896-s'), `GET ${C}items`),
    byNumbers: one(
      '45 numbers in same-field or chains',
      (bc) => bc.items.byNumbers(Array.from({ length: 45 }, (_, i) => `SKU-${i}`)),
      `GET ${C}items`,
    ),
    byGtin: one('by GTIN', (bc) => bc.items.byGtin('00012345678905'), `GET ${C}items`),
    list: [
      {
        title: 'every selectable field',
        run: (bc) => bc.items.list(ALL_ITEM_FIELDS).toArray(),
        reaches: [`GET ${C}items`],
      },
      {
        title: 'stock scan from the read replica',
        run: (bc) =>
          bc.items.list(['number', 'type', 'blocked', 'inventory', 'unitPrice'], { readReplica: true }).toArray(),
        reaches: [`GET ${C}items`],
      },
    ],
    modifiedSince: one(
      'delta poll',
      (bc) => bc.items.modifiedSince(new Date('2025-01-01T00:00:00Z')).toArray(),
      `GET ${C}items`,
    ),
  },
  salesOrders: {
    create: one('every field, item and G/L lines', (bc) => bc.salesOrders.create(FULL_ORDER), `POST ${C}salesOrders`),
    get: one('with lines', (bc) => bc.salesOrders.get(IDS.order), `GET ${C}salesOrders({id})`),
    findByExternalDocumentNumber: one(
      'by external number',
      (bc) => bc.salesOrders.findByExternalDocumentNumber('bc-250'),
      `GET ${C}salesOrders`,
    ),
    delete: one(
      'delete with ETag',
      (bc) => bc.salesOrders.delete({ id: IDS.order, etag: ETAG }),
      `DELETE ${C}salesOrders({id})`,
    ),
    shipAndInvoice: one(
      'ship and invoice',
      (bc) => bc.salesOrders.shipAndInvoice(IDS.order),
      `POST ${C}salesOrders({id})/Microsoft.NAV.shipAndInvoice`,
    ),
  },
  salesInvoices: {
    create: [
      {
        title: 'every field, item and G/L lines',
        run: (bc) => bc.salesInvoices.create(FULL_INVOICE),
        reaches: [`POST ${C}salesInvoices`],
      },
      {
        title: 'customer number only',
        run: (bc) => bc.salesInvoices.create({ customerNumber: 'C00010', externalDocumentNumber: 'BC-1', lines: [] }),
        reaches: [`POST ${C}salesInvoices`],
      },
    ],
    get: one('with lines', (bc) => bc.salesInvoices.get(IDS.invoice), `GET ${C}salesInvoices({id})`),
    findByExternalDocumentNumber: one(
      'by external number',
      (bc) => bc.salesInvoices.findByExternalDocumentNumber('bc-250'),
      `GET ${C}salesInvoices`,
    ),
    findByOrderNumber: one(
      'by order number',
      (bc) => bc.salesInvoices.findByOrderNumber('s-ord101001'),
      `GET ${C}salesInvoices`,
    ),
    post: one(
      'post a draft',
      (bc) => bc.salesInvoices.post(IDS.invoice),
      `POST ${C}salesInvoices({id})/Microsoft.NAV.post`,
    ),
    deleteDraft: one(
      'delete a draft',
      (bc) => bc.salesInvoices.deleteDraft({ id: IDS.invoice, etag: ETAG }),
      `DELETE ${C}salesInvoices({id})`,
    ),
  },
  salesCreditMemos: {
    create: one('every field', (bc) => bc.salesCreditMemos.create(FULL_CREDIT_MEMO), `POST ${C}salesCreditMemos`),
    get: one('with lines', (bc) => bc.salesCreditMemos.get(IDS.creditMemo), `GET ${C}salesCreditMemos({id})`),
    findByExternalDocumentNumber: one(
      'by external number',
      (bc) => bc.salesCreditMemos.findByExternalDocumentNumber('bc-250-r3'),
      `GET ${C}salesCreditMemos`,
    ),
    post: one(
      'post a draft',
      (bc) => bc.salesCreditMemos.post(IDS.creditMemo),
      `POST ${C}salesCreditMemos({id})/Microsoft.NAV.post`,
    ),
    deleteDraft: one(
      'delete a draft',
      (bc) => bc.salesCreditMemos.deleteDraft({ id: IDS.creditMemo, etag: ETAG }),
      `DELETE ${C}salesCreditMemos({id})`,
    ),
  },
  currencies: codeList('currencies'),
  taxAreas: codeList('taxAreas'),
  taxGroups: codeList('taxGroups'),
  accounts: {
    list: one('chart of accounts', (bc) => bc.accounts.list(), `GET ${C}accounts`),
    byNumber: one('by number', (bc) => bc.accounts.byNumber('40100'), `GET ${C}accounts`),
  },
  subscriptions: {
    list: one('every subscription', (bc) => bc.subscriptions.list(), 'GET subscriptions'),
    get: one('by id', (bc) => bc.subscriptions.get(subscription.subscriptionId), 'GET subscriptions({id})'),
    create: [
      {
        title: 'with clientState',
        run: (bc) => bc.subscriptions.create(FULL_SUBSCRIPTION),
        reaches: ['POST subscriptions'],
      },
      {
        title: 'without clientState',
        run: (bc) =>
          bc.subscriptions.create({
            notificationUrl: FULL_SUBSCRIPTION.notificationUrl,
            resource: FULL_SUBSCRIPTION.resource,
          }),
        reaches: ['POST subscriptions'],
      },
    ],
    renew: [
      { title: 'renewal', run: (bc) => bc.subscriptions.renew(subscription), reaches: ['PATCH subscriptions({id})'] },
      {
        title: 'renewal moving URL and clientState',
        run: (bc) => bc.subscriptions.renew(subscription, FULL_SUBSCRIPTION_CHANGES),
        reaches: ['PATCH subscriptions({id})'],
      },
    ],
    delete: one('delete with ETag', (bc) => bc.subscriptions.delete(subscription), 'DELETE subscriptions({id})'),
  },
};
