import type { FieldDef } from '../model/field-def';
import { compileFilter } from '../odata/filter-compile';
import type { OrderBy, QueryOptions } from '../odata/query-options';
import { Entity, EntitySet, jsonValue, Json, RequestContext } from '../resources/entity-set';
import { ENTITY_SETS } from '../resources/registry';
import { etagOf, Row } from '../store/table';
import { badRequest } from './bc-error';

/**
 * A row on its way into a response. Stored fields are read straight from the row; the full projection (document
 * totals, FlowFields) is computed only when a computed field is asked for or the row is actually returned.
 */
export class Projected {
  private full?: Entity;

  constructor(
    private readonly ctx: RequestContext,
    private readonly set: EntitySet,
    readonly row: Row,
    private readonly fields: ReadonlyMap<string, FieldDef>,
  ) {}

  get(name: string): Json {
    if (this.full) return this.full[name] ?? null;
    if (name === 'id') return this.row.id;
    if (name === 'lastModifiedDateTime') return new Date(this.row.modifiedAt).toISOString();
    const field = this.fields.get(name);
    if (field && !this.set.computedFields?.has(name)) return jsonValue(field, this.row.data[name]);
    return this.entity()[name] ?? null;
  }

  entity(): Entity {
    this.full ??= this.set.project(this.ctx, this.row);
    return this.full;
  }
}

/** Field lookups per field table (shared by sets built per request, such as companies). */
const fieldMaps = new WeakMap<readonly FieldDef[], Map<string, FieldDef>>();

function fieldMap(set: EntitySet): Map<string, FieldDef> {
  let map = fieldMaps.get(set.fields);
  if (!map) {
    map = new Map(set.fields.map((f) => [f.name, f]));
    fieldMaps.set(set.fields, map);
  }
  return map;
}

function unknownProperty(set: EntitySet, name: string) {
  return badRequest(`Could not find a property named '${name}' on type 'Microsoft.NAV.${set.entityType}'.`);
}

/** The sort order of a request: `$orderby` (checked against the entity), else the table key; id breaks ties. */
export function orderOf(set: EntitySet, orderBy: readonly OrderBy[]): OrderBy[] {
  const fields = fieldMap(set);
  for (const o of orderBy) if (!fields.has(o.field)) throw unknownProperty(set, o.field);
  const order = orderBy.length > 0 ? [...orderBy] : set.defaultOrder.map((field) => ({ field, descending: false }));
  return [...order, { field: 'id', descending: false }];
}

function compareValues(a: Json | undefined, b: Json | undefined): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares sort keys (values in `order` order; the last one is the id). */
export function compareKeys(order: readonly OrderBy[], a: readonly Json[], b: readonly Json[]): number {
  for (let i = 0; i < order.length; i += 1) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return order[i]!.descending ? -c : c;
  }
  return 0;
}

/** A lazily projected row of a set. */
export function projectedOf(ctx: RequestContext, set: EntitySet, row: Row): Projected {
  return new Projected(ctx, set, row, fieldMap(set));
}

export function keyOf(order: readonly OrderBy[], p: Projected): Json[] {
  return order.map((o) => (o.field === 'id' ? p.row.id : p.get(o.field)));
}

/** Projects, filters and sorts rows for a collection read. */
export function query(
  ctx: RequestContext,
  set: EntitySet,
  rows: Row[],
  options: Pick<QueryOptions, 'filter' | 'orderBy'>,
  schema21: boolean,
): { items: Projected[]; order: OrderBy[] } {
  const order = orderOf(set, options.orderBy);
  const fields = fieldMap(set);
  const predicate = options.filter
    ? compileFilter(options.filter, { fields, typeName: `Microsoft.NAV.${set.entityType}`, schema21 })
    : undefined;
  const keyed: Array<{ item: Projected; key: Json[] }> = [];
  for (const row of rows) {
    const item = new Projected(ctx, set, row, fields);
    if (predicate && !predicate((name) => item.get(name))) continue;
    keyed.push({ item, key: keyOf(order, item) });
  }
  keyed.sort((a, b) => compareKeys(order, a.key, b.key));
  return { items: keyed.map((k) => k.item), order };
}

/**
 * The JSON of one entity in a response: `@odata.etag`, the selected (or all) fields, then expanded navigation
 * properties with their own nested options.
 */
export function shape(
  ctx: RequestContext,
  set: EntitySet,
  p: Projected,
  options: QueryOptions,
  schema21: boolean,
): Entity {
  const out: Entity = { '@odata.etag': etagOf(p.row.version) };
  if (options.select && options.select.length > 0 && !options.select.includes('*')) {
    const fields = fieldMap(set);
    for (const name of options.select) {
      if (!fields.has(name) && !set.navigations?.[name]) throw unknownProperty(set, name);
      if (fields.has(name)) out[name] = p.get(name);
    }
  } else Object.assign(out, p.entity());
  for (const item of options.expand) {
    const navigation = set.navigations?.[item.name];
    if (!navigation) throw unknownProperty(set, item.name);
    const target = ENTITY_SETS.get(navigation.target)!;
    const related = query(ctx, target, navigation.resolve(ctx, p.row), item.options, schema21).items;
    const limited = related.slice(
      item.options.skip ?? 0,
      item.options.top !== undefined ? (item.options.skip ?? 0) + item.options.top : undefined,
    );
    const shaped = limited.map((r) => shape(ctx, target, r, item.options, schema21));
    out[item.name] = navigation.many ? shaped : (shaped[0] ?? null);
  }
  return out;
}
