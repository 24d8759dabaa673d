import { Decimal } from '@mlc/platform-money';
import { BcError, dialogError } from '../api/bc-error';
import { CUSTOMER_FIELDS } from '../model/master-data-fields';
import type { Row, Value } from '../store/table';
import { EntitySet, projectRow, RequestContext, WriteInput } from './entity-set';
import { apiCurrencyCode, apiCurrencyId, idRefInput, resolveCurrencyInput, stringOf } from './lookups';

/** Fields handled by code below rather than copied as sent. */
const SPECIAL = new Set(['number', 'currencyCode', 'currencyId', 'taxAreaId', 'paymentTermsId', 'shipmentMethodId', 'paymentMethodId']);
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function duplicate(number: string): BcError {
  return new BcError(
    409,
    'Internal_EntityWithSameKeyExists',
    `The record in table Customer already exists. Identification fields and values: No.='${number}'`,
  );
}

function nextFreeNumber(ctx: RequestContext): string {
  for (;;) {
    const candidate = ctx.company.series.next('customer');
    if (!ctx.company.customers.findBy('number', candidate)) return candidate;
  }
}

/** Field changes of a POST/PATCH body, validated the way the Customer table triggers do. */
function changesFrom(ctx: RequestContext, input: WriteInput, self?: Row): Record<string, Value> {
  const changes: Record<string, Value> = {};
  for (const [key, value] of input.values) if (!SPECIAL.has(key)) changes[key] = value;
  const email = changes.email;
  if (typeof email === 'string' && email !== '' && !EMAIL.test(email)) {
    throw dialogError(`The email address "${email}" is not valid.`);
  }
  const number = input.values.get('number');
  if (typeof number === 'string') {
    const existing = ctx.company.customers.findBy('number', number);
    if (existing && existing !== self) throw duplicate(number);
    if (number === '' && self) throw dialogError('The field No. of table Customer must have a value.');
    changes.number = number;
  }
  const currency = resolveCurrencyInput(ctx, input, 'Customer');
  if (currency !== undefined) changes.currencyCode = currency;
  const refs = [
    ['taxAreaId', ctx.company.taxAreas, 'Tax Area'],
    ['paymentTermsId', ctx.company.paymentTerms, 'Payment Terms'],
    ['shipmentMethodId', ctx.company.shipmentMethods, 'Shipment Method'],
    ['paymentMethodId', ctx.company.paymentMethods, 'Payment Method'],
  ] as const;
  for (const [field, table, caption] of refs) {
    const id = idRefInput(input, field, table, caption);
    if (id !== undefined) changes[field] = id;
  }
  return changes;
}

function assertDeletable(ctx: RequestContext, row: Row): void {
  const number = row.data.number as string;
  const sets = [
    ['Sales Order', ctx.company.salesOrders],
    ['Sales Invoice', ctx.company.salesInvoices],
    ['Sales Credit Memo', ctx.company.salesCreditMemos],
  ] as const;
  for (const [caption, table] of sets) {
    const docs = table.groupOf('customerId', row.id);
    if (docs.some((d) => d.data.posted === true)) {
      throw dialogError(
        `You cannot delete Customer ${number} because it has ledger entries in a fiscal year that has not been closed yet.`,
      );
    }
    if (docs.length > 0) {
      throw dialogError(`You cannot delete Customer ${number} because there is at least one outstanding ${caption} for this customer.`);
    }
  }
}

/** APIV2 - Customers. `balanceDue` is a FlowField over posted documents: it changes without notifying. */
export const customersSet: EntitySet = {
  name: 'customers',
  entityType: 'customer',
  caption: 'Customer',
  fields: CUSTOMER_FIELDS,
  computedFields: new Set(['currencyCode', 'currencyId', 'taxAreaDisplayName']),
  defaultOrder: ['number'],
  insertAllowed: true,
  modifyAllowed: true,
  deleteAllowed: true,
  navigations: {
    currency: {
      target: 'currencies',
      many: false,
      resolve: (ctx, row) => optional(ctx.company.currencies.findBy('code', stringOf(row.data.currencyCode))),
    },
    paymentTerm: {
      target: 'paymentTerms',
      many: false,
      resolve: (ctx, row) => optional(ctx.company.paymentTerms.get(stringOf(row.data.paymentTermsId))),
    },
  },
  table: (ctx) => ctx.company.customers,
  rows: (ctx) => ctx.company.customers.all(),
  project: (ctx, row) => {
    const taxArea = ctx.company.taxAreas.get(stringOf(row.data.taxAreaId));
    return projectRow(CUSTOMER_FIELDS, row, {
      currencyCode: apiCurrencyCode(row.data.currencyCode),
      currencyId: apiCurrencyId(ctx, row.data.currencyCode),
      taxAreaDisplayName: stringOf(taxArea?.data.displayName),
      balanceDue: (row.data.balanceDue as Decimal | undefined) ?? Decimal.ZERO,
    });
  },
  create: (ctx, input) => {
    const changes = changesFrom(ctx, input);
    const number = typeof changes.number === 'string' && changes.number !== '' ? changes.number : nextFreeNumber(ctx);
    return ctx.company.customers.insert({
      type: 'Company',
      blocked: ' ',
      taxLiable: false,
      creditLimit: Decimal.ZERO,
      currencyCode: '',
      balanceDue: Decimal.ZERO,
      ...changes,
      number,
    });
  },
  update: (ctx, row, input) => {
    ctx.company.customers.patch(row, changesFrom(ctx, input, row));
  },
  remove: (ctx, row) => {
    assertDeletable(ctx, row);
    ctx.company.customers.delete(row);
  },
};

function optional(row: Row | undefined): Row[] {
  return row ? [row] : [];
}
