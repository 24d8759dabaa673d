import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

/**
 * Validates sandbox answers against BigCommerce's official OpenAPI files, read at test time from
 * `${ML_SHARED_DIR ?? <repo>/../shared}/reference/bigcommerce-openapi/` (never copied into the repository).
 *
 * The files are OpenAPI 3 (and Swagger 2 is handled too); they are turned into JSON Schema for ajv:
 * - `nullable: true` and the Swagger-style `x-nullable: true` (used throughout the variants file) allow null;
 * - `oneOf` is read as `anyOf`: the specs use `oneOf` between shapes that overlap (a `{url, resource}` reference
 *   and an object with no required properties both match either branch), which strict `oneOf` would always fail;

 * - boolean `exclusiveMinimum`/`exclusiveMaximum` (OpenAPI 3.0) become the numeric form;
 * - OpenAPI-only keywords are ignored and the specs' custom formats (`float`, `ISO-4217`, ...) accept any value.
 * Where a spec's type contradicts its own description, `SPEC_GAPS` patches the schema and says why.
 */
export const SPEC_GAPS: ReadonlyArray<{ file: string; pointer: string; reason: string }> = [
  {
    file: 'products_catalog.v3.yml',
    pointer: '/components/schemas/product_Full/allOf/2/properties/base_variant_id',
    reason: 'described as "null for complex products" but typed as a non-nullable integer',
  },
  {
    file: 'inventory.v3.yml',
    pointer: '/components/schemas/ItemResponse/properties/identity/properties/sku_id',
    reason: 'described as "`null` if the item is a base variant" but typed as a non-nullable integer',
  },
];

const PASSTHROUGH_FORMATS = [
  'float',
  'double',
  'int32',
  'int64',
  'ISO-4217',
  'url',
  'string',
  'binary',
  'byte',
  'password',
];

export function bigcommerceOpenApiDir(sharedDir: string | undefined): string {
  return join(sharedDir ?? resolve(__dirname, '../../../../../../shared'), 'reference', 'bigcommerce-openapi');
}

export interface ValidationResult {
  readonly valid: boolean;
  readonly errors: string[];
}

export class BigCommerceOpenApi {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  private readonly docs = new Map<string, Json>();
  private readonly compiled = new Map<string, ValidateFunction>();

  /** Throws, naming the folder, when the official files are not there: the tests depending on them must not pass. */
  constructor(readonly dir: string) {
    if (!existsSync(join(dir, 'orders.v2.oas2.yml'))) {
      throw new Error(
        `BigCommerce OpenAPI files not found in ${dir}: set ML_SHARED_DIR to the folder holding reference/bigcommerce-openapi/. ` +
          'The schema conformance tests cannot run without them.',
      );
    }
    addFormats(this.ajv);
    for (const format of PASSTHROUGH_FORMATS) this.ajv.addFormat(format, true);
  }

  /** Validates a response body for an operation: `file`, the spec's path template, method and status. */
  validateResponse(
    file: string,
    path: string,
    method: string,
    status: number,
    body: unknown,
    contentType = 'application/json',
  ): ValidationResult {
    const key = `${file} ${method} ${path} ${status} ${contentType}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${file}#${this.responsePointer(file, path, method, status, contentType)}` });
      this.compiled.set(key, validate);
    }
    return this.result(validate, body);
  }

  /** Validates a webhook delivery body against the per-scope callback schema in `webhook-callbacks/`. */
  validateCallback(scope: string, body: unknown): ValidationResult {
    const file = `webhook-callbacks/${scope.replace(/\//g, '_')}.yml`;
    const key = `callback ${scope}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      this.load(file);
      validate = this.ajv.compile({ $ref: `${file}#/properties/${scope.replace(/~/g, '~0').replace(/\//g, '~1')}` });
      this.compiled.set(key, validate);
    }
    return this.result(validate, body);
  }

  private result(validate: ValidateFunction, body: unknown): ValidationResult {
    const valid = validate(body) as boolean;
    const errors = (validate.errors ?? []).map(
      (e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
    );
    return { valid, errors: valid ? [] : errors };
  }

  private responsePointer(file: string, path: string, method: string, status: number, contentType: string): string {
    const doc = this.load(file);
    const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
    let pointer = `/paths/${escape(path)}/${method.toLowerCase()}/responses/${status}`;
    let response = at(doc, pointer);
    if (!response) throw new Error(`${file} documents no ${status} response for ${method} ${path}`);
    while (typeof response.$ref === 'string') {
      pointer = response.$ref.slice(1);
      response = at(doc, pointer);
      if (!response) throw new Error(`${file}: dangling $ref ${pointer}`);
    }
    if (isObject(response.content)) {
      const types = response.content as Json;
      const type = contentType in types ? contentType : Object.keys(types)[0];
      if (!type) throw new Error(`${file} ${method} ${path} ${status} has no content`);
      return `${pointer}/content/${escape(type)}/schema`;
    }
    return `${pointer}/schema`;
  }

  private load(file: string): Json {
    const cached = this.docs.get(file);
    if (cached) return cached;
    const doc = toJsonSchema(parse(readFileSync(join(this.dir, file), 'utf8'))) as Json;
    for (const gap of SPEC_GAPS.filter((g) => g.file === file)) {
      const node = at(doc, gap.pointer);
      if (!node) throw new Error(`SPEC_GAPS: ${file}${gap.pointer} no longer exists; review the patch`);
      Object.assign(node, allowNull(node));
    }
    doc.$id = file;
    this.ajv.addSchema(doc, file);
    this.docs.set(file, doc);
    return doc;
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(doc: Json, pointer: string): Json | undefined {
  let node: unknown = doc;
  for (const part of pointer.split('/').slice(1)) {
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return isObject(node) ? node : undefined;
}

function allowNull(schema: Json): Json {
  if (typeof schema.type === 'string') {
    const out: Json = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum)) out.enum = [...schema.enum, null];
    return out;
  }
  if (Array.isArray(schema.type))
    return schema.type.includes('null') ? schema : { ...schema, type: [...schema.type, 'null'] };
  const { description: _d, ...rest } = schema;
  return { anyOf: [rest, { type: 'null' }] };
}

/** OpenAPI schema objects to JSON Schema, applied to the whole document so `$ref`s keep working. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'oneOf') out.anyOf = toJsonSchema(value);
    else if (key === 'example' || key === 'examples' || key === 'x-examples') out[key] = value;
    else out[key] = toJsonSchema(value);
  }
  // OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum; JSON Schema wants the number.
  for (const [flag, bound] of [
    ['exclusiveMaximum', 'maximum'],
    ['exclusiveMinimum', 'minimum'],
  ] as const) {
    if (typeof out[flag] !== 'boolean') continue;
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else delete out[flag];
  }
  const nullable = out.nullable === true || out['x-nullable'] === true;
  delete out.nullable;
  return nullable ? allowNull(out) : out;
}
