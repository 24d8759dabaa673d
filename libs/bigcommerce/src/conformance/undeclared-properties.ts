import { isJson } from './openapi-schema';

/*
 * JSON Schema accepts unknown object properties unless `additionalProperties: false`, and BigCommerce's schemas
 * rarely say it. A request that sends a property the official schema does not document is still a conformance
 * problem (the API may ignore it, or reject it later), so bodies are walked here: every property must be declared
 * by some branch (`allOf`/`anyOf`/`oneOf` included) or admitted by an explicit `additionalProperties` schema.
 */

export function undeclaredProperties(schema: unknown, value: unknown, where: string): string[] {
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
  const extra = branches.map((b) => b['additionalProperties']).filter((a) => a !== undefined && a !== false);
  const open = extra.length > 0;
  const typedObject = branches.some((b) => b['type'] === 'object' || isJson(b['properties']));
  return Object.entries(value).flatMap(([name, v]) => {
    const sub = declared.get(name);
    if (sub) return walk(sub, v, `${where}.${name}`);
    if (open) return walk(extra.filter(isJson), v, `${where}.${name}`);
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
