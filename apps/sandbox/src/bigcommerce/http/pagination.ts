import type { SandboxResponse } from '../../core/router';
import { intParam } from './request-input';

/**
 * BigCommerce paging. v2: `page` (from 1) and `limit` (default 50, capped at 250), a bare array, and 204 with no
 * body when the page is empty. v3 offset paging: the same parameters, `{data, meta: {pagination}}` with relative
 * `links`, and 200 with `data: []` when empty. A `limit` above the cap is silently reduced, as the store does.
 */
export interface PageRequest {
  readonly page: number;
  readonly limit: number;
}

export function pageRequest(query: URLSearchParams, defaultLimit: number, maxLimit: number): PageRequest {
  const page = intParam(query, 'page');
  const limit = intParam(query, 'limit');
  return {
    page: typeof page === 'number' && page >= 1 ? page : 1,
    limit: typeof limit === 'number' && limit >= 1 ? Math.min(limit, maxLimit) : defaultLimit,
  };
}

export function pageOf<T>(items: readonly T[], req: PageRequest): T[] {
  const start = (req.page - 1) * req.limit;
  return items.slice(start, start + req.limit);
}

/** A v2 list answer: the page as a bare array, or 204 without a body. */
export function v2List<T>(items: readonly T[], req: PageRequest, serialize: (item: T) => unknown): SandboxResponse {
  const page = pageOf(items, req);
  if (page.length === 0) return { status: 204 };
  return { status: 200, body: page.map(serialize) };
}

export interface OffsetPagination {
  total: number;
  count: number;
  per_page: number;
  current_page: number;
  total_pages: number;
  links: { previous?: string; current: string; next?: string };
}

export function offsetPagination(total: number, count: number, req: PageRequest): OffsetPagination {
  const totalPages = Math.ceil(total / req.limit);
  const link = (page: number) => `?page=${page}&limit=${req.limit}`;
  const links: OffsetPagination['links'] = { current: link(req.page) };
  if (req.page > 1) links.previous = link(req.page - 1);
  if (req.page < totalPages) links.next = link(req.page + 1);
  return { total, count, per_page: req.limit, current_page: req.page, total_pages: totalPages, links };
}

/** A v3 offset-paged answer `{data, meta: {pagination}}`. */
export function v3List<T>(items: readonly T[], req: PageRequest, serialize: (item: T) => unknown): SandboxResponse {
  const page = pageOf(items, req);
  return {
    status: 200,
    body: { data: page.map(serialize), meta: { pagination: offsetPagination(items.length, page.length, req) } },
  };
}
