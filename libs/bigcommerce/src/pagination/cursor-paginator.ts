import { DEFAULT_MAX_PAGES, assertWithinPages } from './runaway-guard';

/**
 * v3 cursor paging (documented on GET /v3/customers): the first request has no cursor and gets both
 * `meta.pagination` and `meta.cursor_pagination`; later requests pass `after=<end_cursor>` and get only
 * `cursor_pagination`. The collection ends at an empty `next` link (or, without links, a short page), a missing
 * end cursor, or a cursor that does not move. When a server sends only offset pagination, paging falls back to `page`.
 */
export interface CursorPagination {
  readonly count?: number;
  readonly per_page?: number;
  readonly end_cursor?: string;
  readonly links?: { readonly next?: string };
}

export interface CursorPage<T> {
  readonly data: readonly T[];
  readonly meta?: {
    readonly cursor_pagination?: CursorPagination;
    readonly pagination?: { readonly current_page: number; readonly total_pages: number };
  };
}

export type PageRequest = { readonly after: string } | { readonly page: number } | Record<string, never>;

export type CursorPageFetcher<T> = (request: PageRequest, limit: number) => Promise<CursorPage<T>>;

export class CursorPaginator<T> implements AsyncIterable<T> {
  constructor(
    private readonly fetchPage: CursorPageFetcher<T>,
    private readonly limit = 250,
    private readonly maxPages = DEFAULT_MAX_PAGES,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`bad page size: ${limit}`);
  }

  async *pages(): AsyncGenerator<readonly T[]> {
    let request: PageRequest | undefined = {};
    const seen = new Set<string>();
    for (let fetched = 1; request; fetched += 1) {
      assertWithinPages(fetched, this.maxPages);
      const answer = await this.fetchPage(request, this.limit);
      if (answer.data.length > 0) yield answer.data;
      request = this.next(answer, seen);
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const rows of this.pages()) yield* rows;
  }

  private next(answer: CursorPage<T>, seen: Set<string>): PageRequest | undefined {
    if (answer.data.length === 0) return undefined;
    const cursor = answer.meta?.cursor_pagination;
    if (cursor) {
      const end = cursor.end_cursor;
      if (!end || seen.has(end) || !cursorHasNext(cursor, answer.data.length, this.limit)) return undefined;
      seen.add(end);
      return { after: end };
    }
    const offset = answer.meta?.pagination;
    if (offset && offset.current_page < offset.total_pages) return { page: offset.current_page + 1 };
    return undefined;
  }
}

/** A `next` link decides; without one, only a full page can have a successor. */
function cursorHasNext(cursor: CursorPagination, rows: number, limit: number): boolean {
  const next = cursor.links?.next;
  if (typeof next === 'string') return next !== '';
  return rows >= (cursor.per_page ?? limit);
}
