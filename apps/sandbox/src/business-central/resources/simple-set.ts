import { BcError, dialogError } from '../api/bc-error';
import type { FieldDef } from '../model/field-def';
import type { CompanyData } from '../store/company-data';
import type { Row, Table, Value } from '../store/table';
import { EntitySet, projectRow, RequestContext, WriteInput } from './entity-set';

export interface SimpleSetSpec {
  readonly name: string;
  readonly entityType: string;
  readonly caption: string;
  readonly fields: readonly FieldDef[];
  readonly table: (company: CompanyData) => Table;
  /** The table's primary key field in the API and its caption in BC messages. */
  readonly key: { readonly field: 'code' | 'number'; readonly caption: string };
  /** Pages with Editable = false (accounts) refuse every write with 405. */
  readonly readOnly?: boolean;
  readonly computed?: (ctx: RequestContext, row: Row) => Record<string, Value>;
  /** Names of the fields `computed` supplies. */
  readonly computedFields?: readonly string[];
  /** Extra check before delete (e.g. a currency in use). */
  readonly beforeDelete?: (ctx: RequestContext, row: Row) => void;
}

/** Setup tables (currencies, payment terms, units of measure...): plain CRUD with a unique code. */
export function simpleEntitySet(spec: SimpleSetSpec): EntitySet {
  const editable = !spec.readOnly;
  const keyField = spec.key.field;
  const assertUnique = (ctx: RequestContext, value: Value | undefined, self?: Row) => {
    if (typeof value !== 'string') return;
    const existing = spec.table(ctx.company).findBy(keyField, value);
    if (existing && existing !== self) {
      throw new BcError(
        409,
        'Internal_EntityWithSameKeyExists',
        `The record in table ${spec.caption} already exists. Identification fields and values: ${spec.key.caption}='${value}'`,
      );
    }
  };
  return {
    name: spec.name,
    entityType: spec.entityType,
    caption: spec.caption,
    fields: spec.fields,
    computedFields: new Set(spec.computedFields ?? []),
    defaultOrder: [keyField],
    insertAllowed: editable,
    modifyAllowed: editable,
    deleteAllowed: editable,
    table: (ctx) => spec.table(ctx.company),
    rows: (ctx) => spec.table(ctx.company).all(),
    project: (ctx, row) => projectRow(spec.fields, row, spec.computed?.(ctx, row)),
    create: (ctx, input: WriteInput) => {
      const key = input.values.get(keyField);
      if (key === undefined || key === '') throw dialogError(`${spec.key.caption} must have a value in ${spec.caption}.`);
      assertUnique(ctx, key);
      return spec.table(ctx.company).insert(Object.fromEntries(input.values));
    },
    update: (ctx, row, input) => {
      assertUnique(ctx, input.values.get(keyField), row);
      spec.table(ctx.company).patch(row, Object.fromEntries(input.values));
    },
    remove: (ctx, row) => {
      spec.beforeDelete?.(ctx, row);
      spec.table(ctx.company).delete(row);
    },
  };
}
