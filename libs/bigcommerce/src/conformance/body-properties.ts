import { isJson } from './openapi-schema';

/*
 * Two things JSON Schema validation lets through, checked by walking the body beside its schema:
 * - undocumented properties: BigCommerce's schemas rarely say `additionalProperties: false`, yet a property the
 *   official schema does not declare (in any `allOf`/`anyOf`/`oneOf` branch, or through an explicit
 *   `additionalProperties` schema) is not part of the documented request;
 * - read-only properties: OpenAPI says `readOnly` properties are not sent in requests. One that a branch also lists
 *   as `required` is exempt (the batch PUTs require the read-only `id` to name the record to update).
 */

export function bodyPropertyProblems(schema: unknown, value: unknown, where: string): string[] {
  return walk([schema], value, where);
}

function walk(schemas: readonly unknown[], value: unknown, where: string): string[] {
  const branches = schemas.flatMap(flatten);
  if (branches.length === 0) return [];
  if (Array.isArray(value)) {
    const items = branches.map((b) => b['items']).filter((s) => s !== undefined);
    return items.length === 0 ? [] : value.flatMap((v, i) => walk(items, v, `${where}[${i}]`));
  }
  if (!isJson(value)) return [];
  const declared = new Map<string, unknown[]>();
  for (const branch of branches) {
    const properties = isJson(branch['properties']) ? branch['properties'] : {};
    for (const [name, s] of Object.entries(properties)) declared.set(name, [...(declared.get(name) ?? []), s]);
  }
  const required = new Set(branches.flatMap((b) => (Array.isArray(b['required']) ? b['required'] : [])));
  const extra = branches.map((b) => b['additionalProperties']).filter((a) => a !== undefined && a !== false);
  const typedObject = branches.some((b) => b['type'] === 'object' || isJson(b['properties']));
  return Object.entries(value).flatMap(([name, v]) => {
    const sub = declared.get(name);
    if (sub) {
      const readOnly = sub.flatMap(flatten).some((s) => s['readOnly'] === true) && !required.has(name);
      return [
        ...(readOnly ? [`${where}.${name} is read-only in the description`] : []),
        ...walk(sub, v, `${where}.${name}`),
      ];
    }
    if (extra.length > 0) return walk(extra.filter(isJson), v, `${where}.${name}`);
    return typedObject ? [`${where}.${name} is not a documented property`] : [];
  });
}

/** A schema with its allOf/anyOf/oneOf branches, recursively; `{type: 'null'}` branches are skipped. */
function flatten(schema: unknown): Record<string, unknown>[] {
  if (!isJson(schema) || schema['type'] === 'null') return [];
  const nested = ['allOf', 'anyOf', 'oneOf'].flatMap((k) => {
    const list = schema[k];
    return Array.isArray(list) ? list.flatMap(flatten) : [];
  });
  return [schema, ...nested];
}
