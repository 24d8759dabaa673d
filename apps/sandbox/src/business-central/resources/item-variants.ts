import { BcError, dialogError } from '../api/bc-error';
import { ITEM_VARIANT_FIELDS } from '../model/master-data-fields';
import type { Row } from '../store/table';
import { EntitySet, ParentRef, projectRow, RequestContext, WriteInput } from './entity-set';

function itemOf(ctx: RequestContext, input: WriteInput, parent?: ParentRef): Row {
  if (parent) return parent.row;
  const id = input.values.get('itemId') as string | undefined;
  const number = input.values.get('itemNumber') as string | undefined;
  const byId = id !== undefined ? ctx.company.items.get(id) : undefined;
  const byNumber = number !== undefined ? ctx.company.items.findBy('number', number) : undefined;
  if (id === undefined && number === undefined) throw dialogError('An "itemId" or an "itemNumber" must be provided.');
  if ((id !== undefined && !byId) || (number !== undefined && !byNumber)) throw dialogError('The item does not exist.');
  if (byId && byNumber && byId !== byNumber) throw dialogError('The item values do not match to a specific Item.');
  return (byId ?? byNumber)!;
}

/** APIV2 - Item Variants: codes per item; no price or stock of their own in API v2.0. */
export const itemVariantsSet: EntitySet = {
  name: 'itemVariants',
  entityType: 'itemVariant',
  caption: 'Item Variant',
  fields: ITEM_VARIANT_FIELDS,
  computedFields: new Set(['itemNumber']),
  defaultOrder: ['itemNumber', 'code'],
  insertAllowed: true,
  modifyAllowed: true,
  deleteAllowed: true,
  table: (ctx) => ctx.company.itemVariants,
  rows: (ctx, parent) =>
    parent ? ctx.company.itemVariants.groupOf('itemId', parent.row.id) : ctx.company.itemVariants.all(),
  project: (ctx, row) =>
    projectRow(ITEM_VARIANT_FIELDS, row, {
      itemNumber: String(ctx.company.items.get(String(row.data.itemId))?.data.number ?? row.data.itemNumber),
    }),
  create: (ctx, input, parent) => {
    const item = itemOf(ctx, input, parent);
    const code = (input.values.get('code') as string | undefined) ?? '';
    if (code === '') throw dialogError('Code must have a value in Item Variant.');
    const clash = ctx.company.itemVariants.groupOf('itemId', item.id).find((v) => v.data.code === code);
    if (clash) {
      throw new BcError(
        409,
        'Internal_EntityWithSameKeyExists',
        `The record in table Item Variant already exists. Identification fields and values: Item No.='${String(item.data.number)}',Code='${code}'`,
      );
    }
    return ctx.company.itemVariants.insert({
      itemId: item.id,
      itemNumber: item.data.number as string,
      code,
      description: (input.values.get('description') as string | undefined) ?? '',
    });
  },
  update: (ctx, row, input) => {
    if (input.values.has('itemId') || input.values.has('itemNumber') || input.values.has('code')) {
      throw dialogError('You cannot rename an Item Variant through this API.');
    }
    const description = input.values.get('description');
    if (typeof description === 'string') ctx.company.itemVariants.patch(row, { description });
  },
  remove: (ctx, row) => ctx.company.itemVariants.delete(row),
};
