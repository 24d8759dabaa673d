import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Json, deref, isJson, toJsonSchema } from './openapi-schema';
import { requireReference } from './shared-reference.config';

/*
 * Every operation of BigCommerce's official OpenAPI files, addressable by method and concrete request path. The
 * server URL's path (`/stores/{store_hash}/v3`) prefixes each path template, so `/v2/orders/{order_id}` and
 * `/v3/orders/{order_id}/...` never collide. Parameters are merged (operation-level overrides path-level) and their
 * schemas converted once. Swagger 2 files are normalised to the same shape (`in: body` becomes the request body,
 * parameter-level `type`/`items` become a schema, `collectionFormat: csv` an unexploded form array).
 */

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

export interface OperationParameter {
  readonly name: string;
  readonly in: 'query' | 'path' | 'header' | 'cookie';
  readonly required: boolean;
  /** Converted JSON Schema. */
  readonly schema: unknown;
  readonly explode: boolean;
  readonly description: string;
}

export interface ApiOperation {
  readonly file: string;
  readonly doc: Json;
  /** Upper case. */
  readonly method: string;
  /** Server path + path template: `/stores/{store_hash}/v3/catalog/products`. */
  readonly template: string;
  /** `PUT /v3/catalog/products`: method and template without the store prefix. */
  readonly label: string;
  readonly parameters: readonly OperationParameter[];
  /** Converted request-body schema per media type; undefined when the operation takes no body. */
  readonly requestBody?: { readonly required: boolean; readonly content: Readonly<Record<string, unknown>> };
  /** Media types of the 2xx responses. */
  readonly successMediaTypes: readonly string[];
  /** Security requirements (operation-level, else document-level). */
  readonly security: readonly Json[];
}

export interface MatchedOperation {
  readonly operation: ApiOperation;
  readonly pathParams: Readonly<Record<string, string>>;
}

export class OpenApiCatalog {
  readonly operations: readonly ApiOperation[];

  constructor(docs: ReadonlyMap<string, Json>) {
    this.operations = [...docs].flatMap(([file, doc]) => operationsOf(file, doc));
  }

  static loadOfficial(): OpenApiCatalog {
    return new OpenApiCatalog(loadOfficialDocs());
  }

  /** The operation for a method and a concrete path (no query); the most literal template wins. */
  match(method: string, path: string): MatchedOperation | undefined {
    let best: { operation: ApiOperation; values: string[]; names: string[] } | undefined;
    for (const operation of this.operations) {
      if (operation.method !== method.toUpperCase()) continue;
      const names: string[] = [];
      const pattern = operation.template.replace(/\{([^}]+)\}|[^{]+/g, (part, name: string | undefined) => {
        if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        names.push(name);
        return '([^/]+)';
      });
      const found = new RegExp(`^${pattern}$`).exec(path);
      if (found && (!best || names.length < best.names.length)) best = { operation, values: found.slice(1), names };
    }
    if (!best) return undefined;
    const { operation, values, names } = best;
    return {
      operation,
      pathParams: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(values[i] ?? '')])),
    };
  }

  /** Whether any operation (any method) lives at this path. */
  hasPath(path: string): boolean {
    return HTTP_METHODS.some((m) => this.match(m, path) !== undefined);
  }
}

/** Every top-level `*.yml` of `reference/bigcommerce-openapi/` (the callback schemas are not request APIs). */
export function loadOfficialDocs(): Map<string, Json> {
  const dir = requireReference('bigcommerce-openapi');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
  if (files.length === 0) throw new Error(`no OpenAPI files in ${dir}: the official descriptions are missing`);
  return new Map(files.map((f) => [f, parse(readFileSync(join(dir, f), 'utf8')) as Json]));
}

function operationsOf(file: string, doc: Json): ApiOperation[] {
  const swagger2 = doc['swagger'] === '2.0';
  const basePath = swagger2 ? String(doc['basePath'] ?? '') : serverPath(doc);
  const paths = isJson(doc['paths']) ? doc['paths'] : {};
  const out: ApiOperation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(doc, rawItem);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isJson(op)) continue;
      const raw = mergeParameters(doc, item['parameters'], op['parameters']);
      const template = `${basePath}${path}`;
      out.push({
        file,
        doc,
        method: method.toUpperCase(),
        template,
        label: `${method.toUpperCase()} ${template.replace(/^\/stores\/\{store_hash\}/, '')}`,
        parameters: raw.filter((p) => p['in'] !== 'body').map((p) => parameterOf(doc, p, swagger2)),
        requestBody: swagger2 ? swaggerBody(doc, op, raw) : openApiBody(doc, op),
        successMediaTypes: successMediaTypes(doc, op, swagger2),
        security: asList(op['security'] ?? doc['security']),
      });
    }
  }
  return out;
}

function serverPath(doc: Json): string {
  const [server] = asList(doc['servers']);
  const url = typeof server?.['url'] === 'string' ? server['url'] : '';
  return url.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/\/+$/, '');
}

function mergeParameters(doc: Json, pathLevel: unknown, opLevel: unknown): Json[] {
  const byKey = new Map<string, Json>();
  for (const raw of [...asList(pathLevel), ...asList(opLevel)]) {
    const p = deref(doc, raw);
    byKey.set(`${String(p['in'])}:${String(p['name']).toLowerCase()}`, p);
  }
  return [...byKey.values()];
}

function parameterOf(doc: Json, p: Json, swagger2: boolean): OperationParameter {
  const location = String(p['in']) as OperationParameter['in'];
  const rawSchema = swagger2 && !isJson(p['schema']) ? swaggerParameterSchema(p) : p['schema'];
  const style = typeof p['style'] === 'string' ? p['style'] : 'form';
  const explode = swagger2
    ? p['collectionFormat'] === 'multi'
    : typeof p['explode'] === 'boolean'
      ? p['explode']
      : style === 'form';
  return {
    name: String(p['name']),
    in: location,
    required: p['required'] === true || location === 'path',
    schema: toJsonSchema(doc, rawSchema ?? {}),
    explode,
    description: typeof p['description'] === 'string' ? p['description'] : '',
  };
}

function swaggerParameterSchema(p: Json): Json {
  const keys = ['type', 'format', 'items', 'enum', 'minimum', 'maximum', 'default', 'pattern', 'x-nullable'];
  return Object.fromEntries(keys.filter((k) => k in p).map((k) => [k, p[k]]));
}

function openApiBody(doc: Json, op: Json): ApiOperation['requestBody'] {
  if (op['requestBody'] === undefined) return undefined;
  const body = deref(doc, op['requestBody']);
  const content = isJson(body['content']) ? body['content'] : {};
  return {
    required: body['required'] === true,
    content: Object.fromEntries(
      Object.entries(content).map(([type, media]) => [type, toJsonSchema(doc, isJson(media) ? media['schema'] : {})]),
    ),
  };
}

function swaggerBody(doc: Json, op: Json, params: Json[]): ApiOperation['requestBody'] {
  const body = params.find((p) => p['in'] === 'body');
  if (!body) return undefined;
  const types = asStrings(op['consumes'] ?? doc['consumes']);
  const schema = toJsonSchema(doc, body['schema'] ?? {});
  return {
    required: body['required'] === true,
    content: Object.fromEntries((types.length ? types : ['application/json']).map((t) => [t, schema])),
  };
}

function successMediaTypes(doc: Json, op: Json, swagger2: boolean): string[] {
  if (swagger2) return asStrings(op['produces'] ?? doc['produces']);
  const responses = isJson(op['responses']) ? op['responses'] : {};
  const types = Object.entries(responses)
    .filter(([code]) => /^2(\d\d|XX)$/i.test(code))
    .flatMap(([, r]) => {
      const content = deref(doc, r)['content'];
      return isJson(content) ? Object.keys(content) : [];
    });
  return [...new Set(types)];
}

function asList(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isJson) : [];
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
