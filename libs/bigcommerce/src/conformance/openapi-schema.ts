import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/*
 * OpenAPI 3.0 schema objects turned into standalone JSON Schema for ajv:
 * - local `$ref`s are inlined (a recursive reference becomes `{}` below its first expansion);
 * - `nullable: true`, and the Swagger-style `x-nullable: true` that BigCommerce's variant file uses for the same
 *   meaning, allow `null` beside the declared type;
 * - boolean `exclusiveMinimum` / `exclusiveMaximum` (OpenAPI 3.0 / JSON Schema draft 4) become the numeric form;
 * - OpenAPI-only annotations (`example`, `discriminator`, `x-*`, ...) are dropped. `oneOf` stays strict.
 */

export type Json = Record<string, unknown>;

const DROPPED = new Set(['example', 'examples', 'xml', 'externalDocs', 'discriminator', 'deprecated', 'nullable']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not']);

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Resolves a local JSON pointer such as `#/components/schemas/webhook_Base`. */
export function resolvePointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local $ref is supported, got ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, raw) => {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isJson(node) || !(key in node)) throw new Error(`unresolvable $ref ${ref}`);
      return node[key];
    }, doc);
}

/** Follows `$ref` chains of a parameter, request body or response object. */
export function deref(doc: Json, node: unknown): Json {
  let current = node;
  for (let hops = 0; isJson(current) && typeof current['$ref'] === 'string'; hops += 1) {
    if (hops > 20) throw new Error('$ref chain too long');
    current = resolvePointer(doc, current['$ref']);
  }
  if (!isJson(current)) throw new Error('expected an object');
  return current;
}

export function toJsonSchema(doc: Json, schema: unknown, expanding: ReadonlySet<string> = new Set()): unknown {
  if (!isJson(schema)) return schema;
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    if (expanding.has(ref)) return {};
    return toJsonSchema(doc, resolvePointer(doc, ref), new Set([...expanding, ref]));
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue;
    if (SCHEMA_MAPS.has(key) && isJson(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(doc, v, expanding)]));
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map((v) => toJsonSchema(doc, v, expanding));
    } else if (SCHEMA_VALUES.has(key)) {
      out[key] = toJsonSchema(doc, value, expanding);
    } else {
      out[key] = value;
    }
  }
  numericExclusiveBounds(out);
  const nullable = schema['nullable'] === true || schema['x-nullable'] === true;
  return nullable ? { anyOf: [out, { type: 'null' }] } : out;
}

function numericExclusiveBounds(schema: Json): void {
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof schema[flag] !== 'boolean') continue;
    if (schema[flag] === true && typeof schema[bound] === 'number') {
      schema[flag] = schema[bound];
      delete schema[bound];
    } else {
      delete schema[flag];
    }
  }
}

/** The declared JSON type of a converted schema, looking through a nullable wrapper. */
export function primaryType(schema: unknown): string | undefined {
  if (!isJson(schema)) return undefined;
  if (typeof schema['type'] === 'string') return schema['type'];
  const anyOf = schema['anyOf'];
  if (Array.isArray(anyOf)) return anyOf.map(primaryType).find((t) => t !== undefined && t !== 'null');
  return undefined;
}

/** ajv configured for converted OpenAPI schemas: all errors, OpenAPI numeric formats checked, others ignored. */
export class SchemaValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  private readonly compiled = new WeakMap<object, ValidateFunction>();

  constructor() {
    addFormats(this.ajv);
    const int = (bits: number) => (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** (bits - 1);
    this.ajv.addFormat('int32', { type: 'number', validate: int(32) });
    this.ajv.addFormat('int64', { type: 'number', validate: int(64) });
    this.ajv.addFormat('float', { type: 'number', validate: Number.isFinite });
    this.ajv.addFormat('double', { type: 'number', validate: Number.isFinite });
  }

  /** Problems of `value` against an already converted schema, as `<where> <message>` lines. */
  problems(schema: unknown, value: unknown, where: string): string[] {
    if (!isJson(schema)) return [];
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(schema, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => describe(e, where));
  }
}

function describe(error: ErrorObject, where: string): string {
  const detail =
    error.keyword === 'enum'
      ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`
      : error.keyword === 'additionalProperties'
        ? ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})`
        : '';
  return `${where}${error.instancePath.replace(/\//g, '.')} ${error.message ?? error.keyword}${detail}`;
}
