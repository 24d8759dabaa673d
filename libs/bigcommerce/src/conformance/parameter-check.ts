import { ApiOperation, OperationParameter } from './openapi-catalog';
import { SchemaValidator, isJson, primaryType } from './openapi-schema';

/*
 * Query and path parameters of one request against the operation's declared parameters. Query strings are decoded
 * as a server decodes a form query (`+` is a space, `%2B` a plus). Arrays follow the declared style: unexploded
 * form arrays (`sku:in=a,b`) arrive once, comma-separated; exploded ones repeat the name. Two documented
 * conventions are read from the parameter's own description: a `:asc`/`:desc` suffix on a sort enum, and
 * "RFC-2822 or ISO-8601" dates.
 */

export function parseQuery(search: string): Map<string, string[]> {
  const query = new Map<string, string[]>();
  const text = search.startsWith('?') ? search.slice(1) : search;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const cut = pair.indexOf('=');
    const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    const name = decode(cut < 0 ? pair : pair.slice(0, cut));
    const value = cut < 0 ? '' : decode(pair.slice(cut + 1));
    query.set(name, [...(query.get(name) ?? []), value]);
  }
  return query;
}

export function checkQuery(
  operation: ApiOperation,
  query: ReadonlyMap<string, readonly string[]>,
  validator: SchemaValidator,
): string[] {
  const declared = new Map(operation.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
  const problems: string[] = [];
  for (const [name, values] of query) {
    const param = declared.get(name);
    if (!param) problems.push(`query parameter "${name}" is not declared for this operation`);
    else problems.push(...checkValues(param, values, validator));
  }
  for (const param of declared.values()) {
    if (param.required && !query.has(param.name)) problems.push(`required query parameter "${param.name}" is missing`);
  }
  return problems;
}

export function checkPathParams(
  operation: ApiOperation,
  values: Readonly<Record<string, string>>,
  validator: SchemaValidator,
): string[] {
  return operation.parameters
    .filter((p) => p.in === 'path' && values[p.name] !== undefined)
    .flatMap((p) => checkValues(p, [values[p.name] ?? ''], validator));
}

function checkValues(param: OperationParameter, values: readonly string[], validator: SchemaValidator): string[] {
  const where = `${param.in} parameter "${param.name}"`;
  if (primaryType(param.schema) === 'array') {
    if (!param.explode && values.length > 1) return [`${where} is an unexploded array: send it once, comma-separated`];
    const raw = param.explode ? values : (values[0] ?? '').split(',');
    const itemSchema = isJson(param.schema) ? arrayItems(param.schema) : {};
    const items = raw.map((v) => coerce(v, itemSchema));
    return validator.problems(param.schema, items, where);
  }
  if (values.length > 1) return [`${where} is sent ${values.length} times but is not an array`];
  const value = documentedSortDirection(param, values[0] ?? '');
  return [...validator.problems(param.schema, coerce(value, param.schema), where), ...documentedDate(param, value)];
}

function arrayItems(schema: Record<string, unknown>): unknown {
  if (schema['items'] !== undefined) return schema['items'];
  const anyOf = schema['anyOf'];
  return Array.isArray(anyOf) ? anyOf.map((s) => (isJson(s) ? s['items'] : undefined)).find(Boolean) : {};
}

/** Query values are text; numbers and booleans are read as the declared type when they spell one. */
export function coerce(raw: string, schema: unknown): unknown {
  const type = primaryType(schema);
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

/** `sort=date_modified:asc`: the enum lists fields and the description documents the direction suffix. */
function documentedSortDirection(param: OperationParameter, value: string): string {
  const documented = param.description.includes('`:asc`') && param.description.includes('`:desc`');
  return documented ? value.replace(/:(asc|desc)$/, '') : value;
}

const RFC_2822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parameters described as "in RFC-2822 or ISO-8601" must hold one of those (a lost `+` breaks both). */
function documentedDate(param: OperationParameter, value: string): string[] {
  if (!/RFC-?2822/.test(param.description) || !/ISO-?8601/.test(param.description)) return [];
  if (RFC_2822.test(value) || ISO_8601.test(value)) return [];
  return [`query parameter "${param.name}" is neither RFC-2822 nor ISO-8601 as documented: "${value}"`];
}
