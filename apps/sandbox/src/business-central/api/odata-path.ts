import { badRequest } from './bc-error';

/** `/v2.0/{tenant}/{environment}/api/v2.0/...` or `/v2.0/{environment}/api/v2.0/...` (tenant from the token). */
export interface ServicePath {
  readonly tenant?: string;
  readonly environment: string;
  /** The service root as the client addressed it, e.g. `/v2.0/<tenant>/sandbox/api/v2.0/`. */
  readonly rootPath: string;
  /** Segments after the service root, percent-decoded. */
  readonly segments: Segment[];
}

export interface Segment {
  readonly name: string;
  /** The text between parentheses, e.g. a GUID or `'abc'`. */
  readonly key?: string;
  readonly raw: string;
}

const SEGMENT = /^([A-Za-z_$][\w.$]*)(?:\((.*)\))?$/;

/** Splits a request path into tenant, environment and OData segments; undefined when it is not an API v2.0 path. */
export function parseServicePath(path: string): ServicePath | undefined {
  const parts = path.split('/');
  if (parts[1] !== 'v2.0') return undefined;
  let index = 2;
  let tenant: string | undefined;
  if (parts[index + 1] !== 'api') {
    tenant = parts[index];
    index += 1;
  }
  const environment = parts[index];
  if (!environment || parts[index + 1] !== 'api' || parts[index + 2] !== 'v2.0') return undefined;
  const rootPath = `${parts.slice(0, index + 3).join('/')}/`;
  const segments = parts
    .slice(index + 3)
    .filter((p) => p !== '')
    .map(parseSegment);
  return { tenant: tenant ? decodeURIComponent(tenant) : undefined, environment: decodeURIComponent(environment), rootPath, segments };
}

export function parseSegment(raw: string): Segment {
  const decoded = decodeURIComponent(raw);
  const match = SEGMENT.exec(decoded);
  if (!match) throw badRequest(`Bad Request - Error in query syntax.`, 'BadRequest_NotFound');
  return { name: match[1]!, key: match[2], raw: decoded };
}

/** A GUID key as BC writes it (unquoted); `id=<guid>` is accepted too. */
export function guidKey(segment: Segment): string | undefined {
  if (segment.key === undefined) return undefined;
  const key = segment.key.replace(/^id=/i, '');
  if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(key)) {
    throw badRequest(`Bad Request - Error in query syntax.`, 'BadRequest');
  }
  return key.toLowerCase();
}

/** A quoted string key: `subscriptions('abc')`. */
export function stringKey(segment: Segment): string | undefined {
  if (segment.key === undefined) return undefined;
  const match = /^'((?:[^']|'')*)'$/.exec(segment.key);
  if (!match) throw badRequest(`Bad Request - Error in query syntax.`, 'BadRequest');
  return match[1]!.replace(/''/g, "'");
}
