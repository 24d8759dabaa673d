import { HttpRequest } from '../http/http-transport.port';
import { BcMetadata } from './bc-metadata';
import { EVIDENCE, ReferenceFacts } from './bc-reference-facts';
import { checkBody } from './odata-body-check';
import { checkQueryOptions } from './odata-query-check';
import { Target, parseBcUrl } from './odata-url';

/*
 * One request as the adapter handed it to its HttpTransport, judged against the API page definitions and the
 * reference: URL shape and entity set, the method the page allows for that target, headers (bearer token, If-Match
 * on PATCH and DELETE, JSON bodies, read-replica intent on GETs only, page size within BC's maximum), query options
 * against the set's properties and navigations, and the body against the set's writable properties.
 */

export interface BcVerdict {
  /** `PATCH subscriptions({id})`; undefined when the URL addresses nothing the metadata describes. */
  readonly label?: string;
  readonly problems: readonly string[];
}

export interface BcCheckContext {
  readonly metadata: BcMetadata;
  readonly facts: ReferenceFacts;
  readonly tenantId: string;
  readonly environment: string;
}

/** The page-size ceiling, taken from the sentence the reference states it in. */
const MAX_PAGE_SIZE = Number((/\*\*([\d,]+)\*\*/.exec(EVIDENCE.maxPageSize)?.[1] ?? '').replace(/,/g, ''));

export function checkBcRequest(request: HttpRequest, ctx: BcCheckContext): BcVerdict {
  const parsed = parseBcUrl(request.method, request.url, ctx);
  const { target } = parsed;
  if (!target) return { problems: parsed.problems };
  const queryTarget = target.navigation ? ctx.metadata.set(target.navigation.entitySet) : target.set;
  const problems = [
    ...parsed.problems,
    ...methodProblems(request.method, target, request.body),
    ...headerProblems(request),
    ...(queryTarget ? checkQueryOptions(parsed.query, queryTarget, ctx.metadata) : []),
    ...bodyProblems(request, target, ctx),
  ];
  return { label: target.label, problems };
}

function methodProblems(method: HttpRequest['method'], target: Target, body: string | undefined): string[] {
  const { set, keyed } = target;
  if (target.action) {
    const problems = method === 'POST' ? [] : [`${target.action} is called with ${method}; actions are POSTed`];
    if (body !== undefined && body !== '') problems.push(`${target.action} sends a body: ${EVIDENCE.actionEmptyBody}`);
    return problems;
  }
  if (target.navigation) return method === 'GET' ? [] : [`${method} on the navigation ${target.navigation.name}`];
  if (set.name === 'companies' && method !== 'GET') return [`${method} companies: ${EVIDENCE.companiesGetOnly}`];
  const allowed =
    method === 'GET' ||
    (method === 'POST' && !keyed && set.insertAllowed) ||
    (method === 'PATCH' && keyed && set.modifyAllowed) ||
    (method === 'DELETE' && keyed && set.deleteAllowed);
  return allowed
    ? []
    : [`${method} on ${keyed ? 'a record of' : 'the collection'} ${set.name} is not allowed by the page`];
}

function headerProblems(request: HttpRequest): string[] {
  const h = request.headers;
  const problems: string[] = [];
  if (!/^Bearer \S+$/.test(h['authorization'] ?? '')) problems.push(`no bearer token: ${EVIDENCE.bearer}`);
  if (request.method === 'PATCH' && !h['if-match']) problems.push(`PATCH without If-Match: ${EVIDENCE.patchIfMatch}`);
  if (request.method === 'DELETE' && !h['if-match'])
    problems.push(`DELETE without If-Match: ${EVIDENCE.deleteIfMatch}`);
  if (request.body && !/^application\/json\b/i.test(h['content-type'] ?? '')) {
    problems.push(`a JSON body sent as "${h['content-type'] ?? '(no Content-Type)'}"`);
  }
  if (h['data-access-intent'] !== undefined && request.method !== 'GET') {
    problems.push(`Data-Access-Intent on ${request.method}: ${EVIDENCE.readReplicaOnGets}`);
  }
  const pageSize = /odata\.maxpagesize=(\d+)/.exec(h['prefer'] ?? '')?.[1];
  if (pageSize !== undefined && (Number(pageSize) < 1 || Number(pageSize) > MAX_PAGE_SIZE)) {
    problems.push(`Prefer odata.maxpagesize=${pageSize}: ${EVIDENCE.maxPageSize}`);
  }
  return problems;
}

function bodyProblems(request: HttpRequest, target: Target, ctx: BcCheckContext): string[] {
  if (request.method !== 'POST' && request.method !== 'PATCH') {
    return request.body ? [`${request.method} sends a body`] : [];
  }
  if (target.action || target.navigation) return [];
  if (!request.body) return [`${request.method} ${target.set.name} without a body`];
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return ['the body is not valid JSON'];
  }
  return checkBody(request.method, target.set, body, ctx);
}
