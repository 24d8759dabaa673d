import { Decimal } from '@mlc/platform-money';
import { BcError, dialogError } from '../api/bc-error';
import { hasLedgerEntries, postItemLedgerEntry } from '../documents/item-ledger';
import { EMPTY_GUID } from '../model/field-def';
import { ITEM_FIELDS } from '../model/master-data-fields';
import type { Row, Table, Value } from '../store/table';
import { EntitySet, projectRow, RequestContext, WriteInput } from './entity-set';
import { invalidRelation } from './lookups';

const PAIRS = [
  { id: 'itemCategoryId', code: 'itemCategoryCode', table: 'itemCategories', caption: 'Item Category', field: 'Item Category Code' },
  { id: 'taxGroupId', code: 'taxGroupCode', table: 'taxGroups', caption: 'Tax Group', field: 'Tax Group Code' },
  { id: 'baseUnitOfMeasureId', code: 'baseUnitOfMeasureCode', table: 'unitsOfMeasure', caption: 'Unit of Measure', field: 'Base Unit of Measure' },
] as const;
const SPECIAL = new Set(['number', 'inventory', ...PAIRS.flatMap((p) => [p.id, p.code])]);

/** Resolves an id/code pair (`taxGroupId` / `taxGroupCode`) the way the page's OnValidate triggers do. */
function resolvePairs(ctx: RequestContext, input: WriteInput, changes: Record<string, Value>): void {
  for (const pair of PAIRS) {
    const table = ctx.company[pair.table] as Table;
    const id = input.values.get(pair.id) as string | undefined;
    const code = input.values.get(pair.code) as string | undefined;
    let resolved: { id: string; code: string } | undefined;
    if (id !== undefined) {
      const row = id === EMPTY_GUID ? undefined : table.get(id);
      if (!row && id !== EMPTY_GUID) throw dialogError(`The "${pair.id}" does not match to a ${pair.caption}.`);
      resolved = { id: row?.id ?? '', code: (row?.data.code as string | undefined) ?? '' };
    }
    if (code !== undefined) {
      const row = code === '' ? undefined : table.findBy('code', code);
      if (code !== '' && !row) throw invalidRelation(pair.field, 'Item', code, pair.caption);
      if (resolved && resolved.code !== code) throw dialogError(`The "${pair.id}" and "${pair.code}" do not match.`);
      resolved = { id: row?.id ?? '', code };
    }
    if (resolved) {
      changes[pair.id] = resolved.id;
      changes[pair.code] = resolved.code;
    }
  }
}

function changesFrom(ctx: RequestContext, input: WriteInput, self?: Row): Record<string, Value> {
  const changes: Record<string, Value> = {};
  for (const [key, value] of input.values) if (!SPECIAL.has(key)) changes[key] = value;
  const gtin = changes.gtin;
  if (typeof gtin === 'string' && !/^\d*$/.test(gtin)) {
    throw dialogError(`The value '${gtin}' is not valid for GTIN. Only digits are allowed.`);
  }
  const number = input.values.get('number');
  if (typeof number === 'string') {
    const existing = ctx.company.items.findBy('number', number);
    if (existing && existing !== self) {
      throw new BcError(
        409,
        'Internal_EntityWithSameKeyExists',
        `The record in table Item already exists. Identification fields and values: No.='${number}'`,
      );
    }
    changes.number = number;
  }
  if (self && changes.type !== undefined && changes.type !== self.data.type && hasLedgerEntries(ctx, self)) {
    throw dialogError(
      `You cannot change the Type field on Item ${String(self.data.number)} because at least one Item Ledger Entry exists for this item.`,
    );
  }
  resolvePairs(ctx, input, changes);
  return changes;
}

function nextFreeNumber(ctx: RequestContext): string {
  for (;;) {
    const candidate = ctx.company.series.next('item');
    if (!ctx.company.items.findBy('number', candidate)) return candidate;
  }
}

/** PATCH of `inventory` posts an item journal adjustment for the difference (a silent stock movement). */
export function adjustInventory(ctx: RequestContext, row: Row, target: Decimal, description: string): void {
  const current = (row.data.inventory as Decimal | undefined) ?? Decimal.ZERO;
  const difference = target.minus(current);
  if (difference.isZero()) return;
  postItemLedgerEntry(ctx, row, {
    entryType: difference.isNegative() ? 'Negative Adjmt.' : 'Positive Adjmt.',
    quantity: difference,
    postingDate: ctx.env.today(),
    documentType: ' ',
    documentNumber: 'T00001',
    sourceType: ' ',
    sourceNumber: '',
    description,
    salesAmount: Decimal.ZERO,
  });
}

function assertDeletable(ctx: RequestContext, row: Row): void {
  const number = String(row.data.number);
  const lineTables = [
    ['Sales Order', ctx.company.salesOrderLines],
    ['Sales Invoice', ctx.company.salesInvoiceLines],
    ['Sales Credit Memo', ctx.company.salesCreditMemoLines],
  ] as const;
  for (const [caption, table] of lineTables) {
    if (table.groupOf('itemId', row.id).some((l) => l.data.posted !== true)) {
      throw dialogError(`You cannot delete Item ${number} because there is at least one outstanding ${caption} that includes this item.`);
    }
  }
  if (hasLedgerEntries(ctx, row)) {
    throw dialogError(`You cannot delete Item ${number} because it has ledger entries in a fiscal year that has not been closed yet.`);
  }
}

/** APIV2 - Items. */
export const itemsSet: EntitySet = {
  name: 'items',
  entityType: 'item',
  caption: 'Item',
  fields: ITEM_FIELDS,
  defaultOrder: ['number'],
  insertAllowed: true,
  modifyAllowed: true,
  deleteAllowed: true,
  navigations: {
    itemVariants: {
      target: 'itemVariants',
      many: true,
      parentField: 'itemId',
      resolve: (ctx, row) => ctx.company.itemVariants.groupOf('itemId', row.id),
    },
  },
  table: (ctx) => ctx.company.items,
  rows: (ctx) => ctx.company.items.all(),
  project: (_ctx, row) => projectRow(ITEM_FIELDS, row),
  create: (ctx, input) => {
    if (input.values.has('inventory')) throw dialogError('Inventory cannot be changed during on insert.');
    const changes = changesFrom(ctx, input);
    const number = typeof changes.number === 'string' && changes.number !== '' ? changes.number : nextFreeNumber(ctx);
    return ctx.company.items.insert({
      type: 'Inventory',
      blocked: false,
      inventory: Decimal.ZERO,
      unitPrice: Decimal.ZERO,
      unitCost: Decimal.ZERO,
      priceIncludesTax: false,
      ...changes,
      number,
    });
  },
  update: (ctx, row, input) => {
    ctx.company.items.patch(row, changesFrom(ctx, input, row));
    const inventory = input.values.get('inventory');
    if (inventory instanceof Decimal) adjustInventory(ctx, row, inventory, String(row.data.displayName ?? ''));
  },
  remove: (ctx, row) => {
    assertDeletable(ctx, row);
    ctx.company.items.delete(row);
  },
};
