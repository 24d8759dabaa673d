import { dialogError } from '../api/bc-error';
import {
  ACCOUNT_FIELDS,
  CODE_NAME_FIELDS,
  CURRENCY_FIELDS,
  ITEM_CATEGORY_FIELDS,
  LOCATION_FIELDS,
  PAYMENT_TERM_FIELDS,
  TAX_BUFFER_FIELDS,
  UNIT_OF_MEASURE_FIELDS,
} from '../model/master-data-fields';
import type { EntitySet, RequestContext } from './entity-set';
import { simpleEntitySet, SimpleSetSpec } from './simple-set';
import type { Row } from '../store/table';

function refusedWhenUsed(field: string, caption: string) {
  return (ctx: RequestContext, row: Row) => {
    if (ctx.company.customers.all().some((c) => c.data[field] === row.id || c.data[field] === row.data.code)) {
      throw dialogError(
        `You cannot delete ${caption} ${String(row.data.code)} because it is used by one or more customers.`,
      );
    }
  };
}

/** A setup table keyed by its code, as most of BC's setup pages are. */
function codeSet(
  name: string,
  entityType: string,
  caption: string,
  fields: SimpleSetSpec['fields'],
  table: SimpleSetSpec['table'],
  more: Partial<SimpleSetSpec> = {},
): EntitySet {
  return simpleEntitySet({
    name,
    entityType,
    caption,
    fields,
    table,
    key: { field: 'code', caption: 'Code' },
    ...more,
  });
}

/** US localisation: tax areas and groups are Sales Tax buffers over Tax Area / Tax Group. */
const SALES_TAX = { computed: () => ({ taxType: 'Sales Tax' }), computedFields: ['taxType'] };

export const currenciesSet = codeSet('currencies', 'currency', 'Currency', CURRENCY_FIELDS, (c) => c.currencies, {
  beforeDelete: refusedWhenUsed('currencyCode', 'Currency'),
});
export const paymentTermsSet = codeSet(
  'paymentTerms',
  'paymentTerm',
  'Payment Terms',
  PAYMENT_TERM_FIELDS,
  (c) => c.paymentTerms,
  {
    beforeDelete: refusedWhenUsed('paymentTermsId', 'Payment Terms'),
  },
);
export const paymentMethodsSet = codeSet(
  'paymentMethods',
  'paymentMethod',
  'Payment Method',
  CODE_NAME_FIELDS,
  (c) => c.paymentMethods,
);
export const shipmentMethodsSet = codeSet(
  'shipmentMethods',
  'shipmentMethod',
  'Shipment Method',
  CODE_NAME_FIELDS,
  (c) => c.shipmentMethods,
);
export const unitsOfMeasureSet = codeSet(
  'unitsOfMeasure',
  'unitOfMeasure',
  'Unit of Measure',
  UNIT_OF_MEASURE_FIELDS,
  (c) => c.unitsOfMeasure,
);
export const itemCategoriesSet = codeSet(
  'itemCategories',
  'itemCategory',
  'Item Category',
  ITEM_CATEGORY_FIELDS,
  (c) => c.itemCategories,
);
export const locationsSet = codeSet('locations', 'location', 'Location', LOCATION_FIELDS, (c) => c.locations);
export const taxAreasSet = codeSet('taxAreas', 'taxArea', 'Tax Area', TAX_BUFFER_FIELDS, (c) => c.taxAreas, {
  ...SALES_TAX,
  beforeDelete: refusedWhenUsed('taxAreaId', 'Tax Area'),
});
export const taxGroupsSet = codeSet(
  'taxGroups',
  'taxGroup',
  'Tax Group',
  TAX_BUFFER_FIELDS,
  (c) => c.taxGroups,
  SALES_TAX,
);

/** G/L accounts: the API page is read-only. */
export const accountsSet: EntitySet = simpleEntitySet({
  name: 'accounts',
  entityType: 'account',
  caption: 'G/L Account',
  fields: ACCOUNT_FIELDS,
  table: (c) => c.accounts,
  key: { field: 'number', caption: 'No.' },
  readOnly: true,
});
