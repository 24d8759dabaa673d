import type { SandboxResponse } from '../../core/router';
import { validateBody } from '../model/validate-body';
import { parseQueryOptions } from '../odata/query-options';
import type { EntitySet, ParentRef, RequestContext } from '../resources/entity-set';
import type { Row } from '../store/table';
import { ApiRequest } from './api-request';
import { badRequest, dialogError, methodNotAllowed, notFoundSegment } from './bc-error';
import { checkIfMatch } from './concurrency';
import { projectedOf, query, shape } from './entity-query';
import { nextLinkOf, pageOf, pageSizeOf } from './paging';

export const ODATA_HEADERS = { 'odata-version': '4.0', 'content-type': 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8' };

/** Where a request points once its path is resolved. */
export type Target =
  | { readonly kind: 'collection'; readonly set: EntitySet; readonly parent?: ParentRef; readonly count: boolean }
  | { readonly kind: 'entity'; readonly set: EntitySet; readonly row: Row }
  | { readonly kind: 'action'; readonly set: EntitySet; readonly row: Row; readonly action: string };

export interface Handling {
  readonly ctx: RequestContext;
  readonly req: ApiRequest;
  /** `$metadata#...` context of the addressed collection, e.g. `companies(<id>)/customers`. */
  readonly contextPath: string;
}

function schema21(req: ApiRequest): boolean {
  return req.query.get('$schemaversion') === '2.1';
}

function returnsNothing(req: ApiRequest): boolean {
  return /return=minimal|return-no-content/i.test(req.headers.prefer ?? '');
}

function assertWritable(req: ApiRequest): void {
  if (/readonly/i.test(req.headers['data-access-intent'] ?? '')) {
    throw badRequest('The request cannot be processed with Data-Access-Intent ReadOnly because it modifies data.');
  }
  if (req.malformedBody) throw badRequest('Invalid Request Body');
}

export function readCollection(h: Handling, set: EntitySet, parent: ParentRef | undefined, count: boolean): SandboxResponse {
  const { ctx, req } = h;
  const options = parseQueryOptions(req.query);
  if (set.requiresDocumentFilter && !parent && !/\b(documentId|id)\s+eq\s+/i.test(options.filter ?? '')) {
    throw dialogError('You must specify an Id or a Document Id to get the lines.');
  }
  const { items, order } = query(ctx, set, set.rows(ctx, parent), options, schema21(req));
  if (count) return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: String(items.length) };
  const pageSize = pageSizeOf(req.headers.prefer, ctx.env.settings.maxPageSize);
  const page = pageOf(items, order, pageSize.size, options);
  const select = options.select && options.select.length > 0 ? `(${options.select.join(',')})` : '';
  const body: Record<string, unknown> = { '@odata.context': `${req.serviceRoot}$metadata#${h.contextPath}${select}` };
  if (options.count) body['@odata.count'] = items.length;
  body.value = page.items.map((p) => shape(ctx, set, p, options, schema21(req)));
  if (page.nextToken) body['@odata.nextLink'] = nextLinkOf(req.url, page.nextToken);
  const headers: Record<string, string> = { ...ODATA_HEADERS };
  if (pageSize.applied) headers['preference-applied'] = `odata.maxpagesize=${pageSize.size}`;
  return { status: 200, headers, body };
}

export function entityResponse(h: Handling, set: EntitySet, row: Row, status: number): SandboxResponse {
  const { ctx, req } = h;
  if (status !== 200 && returnsNothing(req)) return { status: 204, headers: { 'odata-version': '4.0' } };
  const options = parseQueryOptions(req.query);
  const shaped = shape(ctx, set, projectedOf(ctx, set, row), options, schema21(req));
  return {
    status,
    headers: { ...ODATA_HEADERS },
    body: { '@odata.context': `${req.serviceRoot}$metadata#${h.contextPath}/$entity`, ...shaped },
  };
}

export function createEntity(h: Handling, set: EntitySet, parent: ParentRef | undefined): SandboxResponse {
  const { ctx, req } = h;
  if (!set.insertAllowed || !set.create) throw methodNotAllowed('POST', set.name);
  assertWritable(req);
  const input = validateBody(set, req.body ?? {}, true);
  const row = ctx.env.uow.atomic(() => set.create!(ctx, input, parent));
  const response = entityResponse(h, set, row, 201);
  return { ...response, headers: { ...response.headers, location: `${req.url.origin}${req.url.pathname}(${row.id})` } };
}

export function updateEntity(h: Handling, set: EntitySet, row: Row): SandboxResponse {
  const { ctx, req } = h;
  if (!set.modifyAllowed || !set.update) throw methodNotAllowed('PATCH', set.name);
  assertWritable(req);
  checkIfMatch(req.headers['if-match'], row, true);
  const input = validateBody(set, req.body ?? {}, false);
  ctx.env.uow.atomic(() => set.update!(ctx, row, input));
  return entityResponse(h, set, row, returnsNothing(req) ? 204 : 200);
}

export function deleteEntity(h: Handling, set: EntitySet, row: Row): SandboxResponse {
  const { ctx, req } = h;
  if (!set.deleteAllowed || !set.remove) throw methodNotAllowed('DELETE', set.name);
  assertWritable(req);
  checkIfMatch(req.headers['if-match'], row, false);
  ctx.env.uow.atomic(() => set.remove!(ctx, row));
  return { status: 204, headers: { 'odata-version': '4.0' } };
}

/** Bound actions: POST, empty body, 204 No Content; If-Match checked only when sent. */
export function runAction(h: Handling, set: EntitySet, row: Row, action: string): SandboxResponse {
  const { ctx, req } = h;
  const run = set.actions?.[action];
  if (!run) throw notFoundSegment(req.url.toString());
  if (req.method !== 'POST') throw methodNotAllowed(req.method, `Microsoft.NAV.${action}`);
  assertWritable(req);
  checkIfMatch(req.headers['if-match'], row, false);
  ctx.env.uow.atomic(() => run(ctx, row));
  return { status: 204, headers: { 'odata-version': '4.0' } };
}

/** Dispatches a resolved target by HTTP method. */
export function handleTarget(h: Handling, target: Target): SandboxResponse {
  const method = h.req.method;
  switch (target.kind) {
    case 'action':
      return runAction(h, target.set, target.row, target.action);
    case 'collection':
      if (method === 'GET') return readCollection(h, target.set, target.parent, target.count);
      if (method === 'POST' && !target.count) return createEntity(h, target.set, target.parent);
      throw methodNotAllowed(method, target.set.name);
    case 'entity':
      if (method === 'GET') return entityResponse(h, target.set, target.row, 200);
      if (method === 'PATCH') return updateEntity(h, target.set, target.row);
      if (method === 'DELETE') return deleteEntity(h, target.set, target.row);
      throw methodNotAllowed(method, target.set.name);
  }
}
