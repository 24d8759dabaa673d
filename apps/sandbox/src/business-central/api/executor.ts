import type { SandboxResponse } from '../../core/router';
import type { EntitySet, Navigation, ParentRef, RequestContext } from '../resources/entity-set';
import { ENTITY_SETS } from '../resources/registry';
import type { BcEnvironment } from '../store/bc-environment';
import type { CompanyData } from '../store/company-data';
import type { Row } from '../store/table';
import { ApiRequest } from './api-request';
import { BcError, errorResponse, methodNotAllowed, notFoundSegment, recordNotFound } from './bc-error';
import { companiesResponse } from './companies';
import { handleTarget, ODATA_HEADERS, Target } from './entity-handlers';
import { metadataDocument } from './metadata-document';
import { guidKey, Segment } from './odata-path';

/**
 * Runs one OData operation against the environment (synchronously, so a unit of work never interleaves with
 * another request). Subscriptions and `$batch` are routed before this point.
 */
export function execute(env: BcEnvironment, req: ApiRequest): SandboxResponse {
  try {
    return dispatch(env, req);
  } catch (err) {
    return errorResponse(err);
  }
}

function dispatch(env: BcEnvironment, req: ApiRequest): SandboxResponse {
  const [first, ...rest] = req.segments;
  if (!first) return serviceDocument(req);
  if (first.name === '$metadata' && rest.length === 0) {
    if (req.method !== 'GET') throw methodNotAllowed(req.method, '$metadata');
    return metadataDocument();
  }
  if (first.name === 'companies') {
    if (first.key === undefined && rest.length === 0) return companiesResponse(env, req, undefined);
    if (first.key === undefined) throw notFoundSegment(req.url.toString());
    const company = companyById(env, guidKey(first)!);
    if (rest.length === 0) return companiesResponse(env, req, company);
    return companyScoped(env, company, rest, req, `companies(${company.id})`);
  }
  if (ENTITY_SETS.has(first.name)) {
    const named = req.query.get('company');
    const company = named ? env.findCompany(named) : undefined;
    if (!company) {
      throw new BcError(
        404,
        'Internal_CompanyNotFound',
        'Cannot process the request because the default company cannot be found. Specify a company in the URL or with the company query parameter.',
      );
    }
    return companyScoped(env, company, req.segments, req, '');
  }
  throw notFoundSegment(req.url.toString());
}

function companyById(env: BcEnvironment, id: string): CompanyData {
  const company = env.companies.get(id);
  if (!company) throw new BcError(404, 'Internal_CompanyNotFound', `The company '${id}' does not exist.`);
  return company;
}

function companyScoped(env: BcEnvironment, company: CompanyData, segments: Segment[], req: ApiRequest, prefix: string): SandboxResponse {
  const ctx: RequestContext = { env, company, memo: new Map() };
  const { target, contextPath } = resolve(ctx, segments, req);
  return handleTarget({ ctx, req, contextPath: prefix ? `${prefix}/${contextPath}` : contextPath }, target);
}

function findRow(ctx: RequestContext, set: EntitySet, parent: ParentRef | undefined, key: string): Row {
  const row = parent ? set.rows(ctx, parent).find((r) => r.id === key) : set.table(ctx).get(key);
  if (!row) throw recordNotFound(set.caption, key);
  return row;
}

/** Walks `set(key)/navigation(key)/Microsoft.NAV.action` segments to the addressed collection, entity or action. */
function resolve(ctx: RequestContext, segments: Segment[], req: ApiRequest): { target: Target; contextPath: string } {
  const notFound = () => notFoundSegment(req.url.toString());
  const root = ENTITY_SETS.get(segments[0]!.name);
  if (!root) throw notFound();
  let set: EntitySet = root;
  let parent: ParentRef | undefined;
  let row: Row | undefined;
  const path: string[] = [set.name];
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i]!;
    const last = i === segments.length - 1;
    if (i > 0) {
      if (!row) {
        if (segment.name === '$count' && last) return { target: { kind: 'collection', set, parent, count: true }, contextPath: path.join('/') };
        throw notFound();
      }
      if (segment.name.startsWith('Microsoft.NAV.')) {
        if (!last || segment.key !== undefined) throw notFound();
        return { target: { kind: 'action', set, row, action: segment.name.slice('Microsoft.NAV.'.length) }, contextPath: path.join('/') };
      }
      const navigation: Navigation | undefined = set.navigations?.[segment.name];
      if (!navigation) throw notFound();
      path[path.length - 1] = `${path[path.length - 1]}(${row.id})`;
      path.push(segment.name);
      const target: EntitySet = ENTITY_SETS.get(navigation.target)!;
      if (!navigation.many) {
        const related = navigation.resolve(ctx, row)[0];
        if (!related || segment.key !== undefined) throw notFound();
        parent = undefined;
        set = target;
        row = related;
        continue;
      }
      parent = { set, row, navigation };
      set = target;
      row = undefined;
    }
    if (segment.key !== undefined) row = findRow(ctx, set, parent, guidKey(segment)!);
  }
  if (row) return { target: { kind: 'entity', set, row }, contextPath: path.join('/') };
  return { target: { kind: 'collection', set, parent, count: false }, contextPath: path.join('/') };
}

function serviceDocument(req: ApiRequest): SandboxResponse {
  if (req.method !== 'GET') throw methodNotAllowed(req.method, 'service document');
  const names = ['companies', 'subscriptions', ...ENTITY_SETS.keys()];
  return {
    status: 200,
    headers: { ...ODATA_HEADERS },
    body: {
      '@odata.context': `${req.serviceRoot}$metadata`,
      value: names.map((name) => ({ name, kind: 'EntitySet', url: name })),
    },
  };
}
