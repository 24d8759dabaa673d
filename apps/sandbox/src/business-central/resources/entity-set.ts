import { Decimal } from '@mlc/platform-money';
import type { CompanyData } from '../store/company-data';
import type { BcEnvironment } from '../store/bc-environment';
import { EMPTY_DATE, EMPTY_GUID, FieldDef } from '../model/field-def';
import type { Row, Table, Value } from '../store/table';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
/** An entity as the API shows it: field name to JSON value. */
export type Entity = Record<string, Json>;

/** What a handler needs: the environment, the addressed company and a per-request memo (document totals). */
export interface RequestContext {
  readonly env: BcEnvironment;
  readonly company: CompanyData;
  readonly memo: Map<string, unknown>;
}

/** A validated write body: field values in the order they were sent, plus deep-insert parts. */
export interface WriteInput {
  readonly values: Map<string, Value>;
  readonly parts: Map<string, unknown[]>;
}

export interface ParentRef {
  readonly set: EntitySet;
  readonly row: Row;
  readonly navigation: Navigation;
}

/** A navigation property: a page part (lines, variants) or a table relation (customer, currency). */
export interface Navigation {
  readonly target: string;
  readonly many: boolean;
  resolve(ctx: RequestContext, row: Row): Row[];
  /** For parts that accept nested writes: the child's field that points at the parent. */
  readonly parentField?: string;
}

/**
 * One entity set of the API: metadata, rows, projection and the page's insert/modify/delete triggers. The OData
 * layer (query options, paging, ETags, read-only checks) is generic; everything BC-specific lives here.
 */
export interface EntitySet {
  readonly name: string;
  /** `customer` in `Microsoft.NAV.customer`. */
  readonly entityType: string;
  /** Table caption in BC messages ("Customer", "Item"). */
  readonly caption: string;
  readonly fields: readonly FieldDef[];
  /**
   * Fields whose API value is not the stored value (FlowFields, totals, LCY mapping); filters and sorts on them
   * need the full projection. Every other field is read from the row as stored.
   */
  readonly computedFields?: ReadonlySet<string>;
  /** Sort order when `$orderby` is absent (the source table's primary key). */
  readonly defaultOrder: readonly string[];
  readonly insertAllowed: boolean;
  readonly modifyAllowed: boolean;
  readonly deleteAllowed: boolean;
  /** Company-level line collections refuse to list without an id or documentId filter. */
  readonly requiresDocumentFilter?: boolean;
  readonly navigations?: Readonly<Record<string, Navigation>>;
  readonly actions?: Readonly<Record<string, (ctx: RequestContext, row: Row) => void>>;
  table(ctx: RequestContext): Table;
  /** Rows visible at company level, or under a parent entity for nested paths. */
  rows(ctx: RequestContext, parent?: ParentRef): Row[];
  project(ctx: RequestContext, row: Row): Entity;
  create?(ctx: RequestContext, input: WriteInput, parent?: ParentRef): Row;
  update?(ctx: RequestContext, row: Row, input: WriteInput): void;
  remove?(ctx: RequestContext, row: Row): void;
}

/** The JSON value of a stored field, or the API's blank value for its type. */
export function jsonValue(field: FieldDef, value: Value | undefined): Json {
  if (value instanceof Decimal) return value.toWireNumber();
  if (field.type === 'guid' && value === '') return EMPTY_GUID;
  if (value !== undefined) return value;
  switch (field.type) {
    case 'guid':
      return EMPTY_GUID;
    case 'decimal':
    case 'integer':
    case 'int64':
      return 0;
    case 'boolean':
      return false;
    case 'date':
      return EMPTY_DATE;
    case 'datetime':
      return '0001-01-01T00:00:00Z';
    case 'enum':
      return field.values?.[0] ?? ' ';
    default:
      return '';
  }
}

/** Projects a row through its field list: computed values first, then stored values, then blanks. */
export function projectRow(fieldsOf: readonly FieldDef[], row: Row, computed: Record<string, Value> = {}): Entity {
  const entity: Entity = {};
  for (const field of fieldsOf) {
    if (field.name === 'lastModifiedDateTime') {
      entity[field.name] = new Date(row.modifiedAt).toISOString();
      continue;
    }
    if (field.name === 'id') {
      entity.id = row.id;
      continue;
    }
    entity[field.name] = jsonValue(field, field.name in computed ? computed[field.name] : row.data[field.name]);
  }
  return entity;
}
