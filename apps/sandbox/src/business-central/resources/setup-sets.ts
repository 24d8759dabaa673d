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
import { simpleEntitySet } from './simple-set';
import type { Row } from '../store/table';

const CODE = { field: 'code', caption: 'Code' } as const;

function refusedWhenUsed(field: string, caption: string) {
  return (ctx: RequestContext, row: Row) => {
    if (ctx.company.customers.all().some((c) => c.data[field] === row.id || c.data[field] === row.data.code)) {
      throw dialogError(`You cannot delete ${caption} ${String(row.data.code)} because it is used by one or more customers.`);
    }
  };
}

export const currenciesSet = simpleEntitySet({
  name: 'currencies',
  entityType: 'currency',
  caption: 'Currency',
  fields: CURRENCY_FIELDS,
  table: (c) => c.currencies,
  key: CODE,
  beforeDelete: refusedWhenUsed('currencyCode', 'Currency'),
});

export const paymentTermsSet = simpleEntitySet({
  name: 'paymentTerms',
  entityType: 'paymentTerm',
  caption: 'Payment Terms',
  fields: PAYMENT_TERM_FIELDS,
  table: (c) => c.paymentTerms,
  key: CODE,
  beforeDelete: refusedWhenUsed('paymentTermsId', 'Payment Terms'),
});

export const paymentMethodsSet = simpleEntitySet({
  name: 'paymentMethods',
  entityType: 'paymentMethod',
  caption: 'Payment Method',
  fields: CODE_NAME_FIELDS,
  table: (c) => c.paymentMethods,
  key: CODE,
});

export const shipmentMethodsSet = simpleEntitySet({
  name: 'shipmentMethods',
  entityType: 'shipmentMethod',
  caption: 'Shipment Method',
  fields: CODE_NAME_FIELDS,
  table: (c) => c.shipmentMethods,
  key: CODE,
});

export const unitsOfMeasureSet = simpleEntitySet({
  name: 'unitsOfMeasure',
  entityType: 'unitOfMeasure',
  caption: 'Unit of Measure',
  fields: UNIT_OF_MEASURE_FIELDS,
  table: (c) => c.unitsOfMeasure,
  key: CODE,
});

export const itemCategoriesSet = simpleEntitySet({
  name: 'itemCategories',
  entityType: 'itemCategory',
  caption: 'Item Category',
  fields: ITEM_CATEGORY_FIELDS,
  table: (c) => c.itemCategories,
  key: CODE,
});

export const locationsSet = simpleEntitySet({
  name: 'locations',
  entityType: 'location',
  caption: 'Location',
  fields: LOCATION_FIELDS,
  table: (c) => c.locations,
  key: CODE,
});

/** US localisation: tax areas and groups are Sales Tax buffers over Tax Area / Tax Group. */
export const taxAreasSet = simpleEntitySet({
  name: 'taxAreas',
  entityType: 'taxArea',
  caption: 'Tax Area',
  fields: TAX_BUFFER_FIELDS,
  table: (c) => c.taxAreas,
  key: CODE,
  computed: () => ({ taxType: 'Sales Tax' }),
  computedFields: ['taxType'],
  beforeDelete: refusedWhenUsed('taxAreaId', 'Tax Area'),
});

export const taxGroupsSet = simpleEntitySet({
  name: 'taxGroups',
  entityType: 'taxGroup',
  caption: 'Tax Group',
  fields: TAX_BUFFER_FIELDS,
  table: (c) => c.taxGroups,
  key: CODE,
  computed: () => ({ taxType: 'Sales Tax' }),
  computedFields: ['taxType'],
});

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
