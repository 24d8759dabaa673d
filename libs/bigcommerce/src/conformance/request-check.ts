import { ApiOperation, OpenApiCatalog } from './openapi-catalog';
import { Json, SchemaValidator, deref, isJson } from './openapi-schema';
import { checkPathParams, checkQuery, parseQuery } from './parameter-check';
import { bodyPropertyProblems } from './body-properties';

/*
 * One recorded HTTP request judged against the official operation it targets: the path template exists with that
 * method; path and query parameters are declared and typed as documented; required parameters and headers are
 * present; the security scheme's header (X-Auth-Token) is sent; Content-Type is a documented request media type
 * and Accept admits a documented success media type; the body validates against the request-body schema and sends
 * no property the schema does not document.
 */

export interface RecordedCall {
  readonly method: string;
  /** Path and query as sent, e.g. `/stores/abc123/v3/catalog/variants?sku=A%2B1`. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface Verdict {
  /** `PUT /v3/catalog/products`, or undefined when no documented operation matches. */
  readonly label?: string;
  readonly file?: string;
  readonly problems: readonly string[];
}

export class RequestConformance {
  private readonly validator = new SchemaValidator();

  constructor(readonly catalog: OpenApiCatalog) {}

  check(call: RecordedCall): Verdict {
    const url = new URL(call.url, 'http://recorded.invalid');
    const matched = this.catalog.match(call.method, url.pathname);
    if (!matched) {
      const why = this.catalog.hasPath(url.pathname) ? 'method not documented for' : 'no documented operation at';
      return { problems: [`${why} ${call.method} ${url.pathname}`] };
    }
    const { operation, pathParams } = matched;
    const problems = [
      ...checkPathParams(operation, pathParams, this.validator),
      ...checkQuery(operation, parseQuery(url.search), this.validator),
      ...checkSecurity(operation, call),
      ...checkHeaders(operation, call),
      ...this.checkBody(operation, call),
    ];
    return { label: operation.label, file: operation.file, problems };
  }

  private checkBody(operation: ApiOperation, call: RecordedCall): string[] {
    const body = operation.requestBody;
    if (call.body === '') return body?.required ? ['the operation requires a request body; none was sent'] : [];
    if (!body) return ['a request body was sent but the operation documents none'];
    const schema = body.content[mediaType(header(call, 'content-type'))];
    if (schema === undefined) return []; // reported by checkHeaders
    let value: unknown;
    try {
      value = JSON.parse(call.body);
    } catch {
      return ['the request body is not valid JSON'];
    }
    return [...this.validator.problems(schema, value, 'body'), ...bodyPropertyProblems(schema, value, 'body')];
  }
}

function checkSecurity(operation: ApiOperation, call: RecordedCall): string[] {
  if (operation.security.length === 0) return [];
  const components = isJson(operation.doc['components']) ? operation.doc['components'] : {};
  const declared = components['securitySchemes'] ?? operation.doc['securityDefinitions'];
  const schemes = isJson(declared) ? declared : {};
  const headersOf = (requirement: Json) =>
    Object.keys(requirement).map((name) => deref(operation.doc, schemes[name] ?? {}));
  const satisfied = operation.security.some((requirement) =>
    headersOf(requirement).every((s) => s['in'] === 'header' && header(call, String(s['name'])).trim() !== ''),
  );
  if (satisfied) return [];
  const names = operation.security.flatMap(headersOf).map((s) => String(s['name']));
  return [`missing the documented auth header (${[...new Set(names)].join(' or ')})`];
}

function checkHeaders(operation: ApiOperation, call: RecordedCall): string[] {
  const problems: string[] = [];
  for (const param of operation.parameters.filter((p) => p.in === 'header')) {
    const value = header(call, param.name);
    if (value === '') {
      if (param.required) problems.push(`required header ${param.name} is missing`);
      continue;
    }
    const documented = isJson(param.schema) ? param.schema['default'] : undefined;
    const isMediaType = /^(accept|content-type)$/i.test(param.name);
    if (isMediaType && typeof documented === 'string' && mediaType(value) !== documented.toLowerCase()) {
      problems.push(`header ${param.name} is "${value}", documented as "${documented}"`);
    }
  }
  const contentType = mediaType(header(call, 'content-type'));
  const bodyTypes = Object.keys(operation.requestBody?.content ?? {}).map((t) => t.toLowerCase());
  if (call.body !== '' && bodyTypes.length > 0 && !bodyTypes.includes(contentType)) {
    problems.push(`Content-Type "${contentType}" is not a documented request media type (${bodyTypes.join(', ')})`);
  }
  const accepted = header(call, 'accept');
  if (operation.successMediaTypes.length > 0 && !acceptsAny(accepted, operation.successMediaTypes)) {
    problems.push(`Accept "${accepted}" admits none of the documented responses (${operation.successMediaTypes})`);
  }
  return problems;
}

function acceptsAny(accept: string, offered: readonly string[]): boolean {
  if (accept === '') return true; // no Accept header means anything is acceptable (RFC 9110)
  const ranges = accept.split(',').map(mediaType);
  return offered.some((type) => {
    const [main] = type.toLowerCase().split('/');
    return ranges.some((r) => r === '*/*' || r === type.toLowerCase() || r === `${main}/*`);
  });
}

function header(call: RecordedCall, name: string): string {
  const value = call.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

function mediaType(value: string): string {
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}
