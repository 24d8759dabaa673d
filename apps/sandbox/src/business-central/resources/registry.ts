import { customersSet } from './customers';
import type { EntitySet } from './entity-set';
import { itemLedgerEntriesSet } from './item-ledger-entries';
import { itemVariantsSet } from './item-variants';
import { itemsSet } from './items';
import {
  salesCreditMemoLinesSet,
  salesCreditMemosSet,
  salesInvoiceLinesSet,
  salesInvoicesSet,
  salesOrderLinesSet,
  salesOrdersSet,
} from './sales-documents';
import {
  accountsSet,
  currenciesSet,
  itemCategoriesSet,
  locationsSet,
  paymentMethodsSet,
  paymentTermsSet,
  shipmentMethodsSet,
  taxAreasSet,
  taxGroupsSet,
  unitsOfMeasureSet,
} from './setup-sets';

/** Company-scoped entity sets the sandbox serves, by URL name. */
export const ENTITY_SETS: ReadonlyMap<string, EntitySet> = new Map(
  [
    customersSet,
    itemsSet,
    itemVariantsSet,
    itemCategoriesSet,
    itemLedgerEntriesSet,
    unitsOfMeasureSet,
    locationsSet,
    accountsSet,
    currenciesSet,
    paymentTermsSet,
    paymentMethodsSet,
    shipmentMethodsSet,
    taxAreasSet,
    taxGroupsSet,
    salesOrdersSet,
    salesOrderLinesSet,
    salesInvoicesSet,
    salesInvoiceLinesSet,
    salesCreditMemosSet,
    salesCreditMemoLinesSet,
  ].map((set) => [set.name, set]),
);

/**
 * Sets whose changes BC can announce through webhook subscriptions (the documented list, limited to what the
 * sandbox serves). Line sets are absent: line changes notify the document header.
 */
export const WEBHOOK_SETS: ReadonlySet<string> = new Set([
  'accounts',
  'currencies',
  'customers',
  'itemCategories',
  'items',
  'paymentMethods',
  'paymentTerms',
  'salesCreditMemos',
  'salesInvoices',
  'salesOrders',
  'shipmentMethods',
  'unitsOfMeasure',
]);
