import type { PageRequest } from './pagination';
import { offsetPagination } from './pagination';

/**
 * Cursor paging as `GET /v3/customers` documents it: the first page (no cursor, page 1) carries both
 * `meta.pagination` and `meta.cursor_pagination`; a request with `before`/`after` only `cursor_pagination`; page > 1
 * only `pagination`. Cursors are opaque base64 of the entry's id; `page` is ignored when a cursor is given.
 */
export function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify({ id })).toString('base64url');
}

function decodeCursor(cursor: string): number | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { id?: unknown };
    return typeof value.id === 'number' ? value.id : undefined;
  } catch {
    return undefined;
  }
}

export type CursorPage<T> = { ok: true; items: T[]; meta: Record<string, unknown> } | { ok: false; error: string };

export function cursorPage<T extends { id: number }>(
  all: T[],
  query: URLSearchParams,
  page: PageRequest,
): CursorPage<T> {
  const before = query.get('before');
  const after = query.get('after');
  if (before !== null && after !== null) return { ok: false, error: 'before and after cannot be used together' };
  const cursor = before ?? after;
  if (cursor === null) {
    const start = (page.page - 1) * page.limit;
    const items = all.slice(start, start + page.limit);
    const pagination = offsetPagination(all.length, items.length, page);
    if (page.page > 1) return { ok: true, items, meta: { pagination } };
    return {
      ok: true,
      items,
      meta: { pagination, cursor_pagination: cursorMeta(all, items, 0, page.limit, `?limit=${page.limit}`) },
    };
  }
  const id = decodeCursor(cursor);
  const position = id === undefined ? -1 : all.findIndex((x) => x.id === id);
  if (position < 0) return { ok: false, error: `${before !== null ? 'before' : 'after'} is not a valid cursor` };
  const from = after !== null ? position + 1 : Math.max(0, position - page.limit);
  const to = after !== null ? position + 1 + page.limit : position;
  const items = all.slice(from, to);
  const current = `?${after !== null ? 'after' : 'before'}=${cursor}&limit=${page.limit}`;
  return { ok: true, items, meta: { cursor_pagination: cursorMeta(all, items, from, page.limit, current) } };
}

function cursorMeta<T extends { id: number }>(
  all: T[],
  items: T[],
  from: number,
  limit: number,
  current: string,
): Record<string, unknown> {
  const meta: Record<string, unknown> = { count: items.length, per_page: limit };
  const links: Record<string, string> = { current };
  if (items.length > 0) {
    const start = encodeCursor(items[0]!.id);
    const end = encodeCursor(items[items.length - 1]!.id);
    meta.start_cursor = start;
    meta.end_cursor = end;
    if (from > 0) links.previous = `?before=${start}&limit=${limit}`;
    if (from + items.length < all.length) links.next = `?after=${end}&limit=${limit}`;
  }
  meta.links = links;
  return meta;
}
