import { DEFAULT_MAX_PAGES, assertWithinPages } from './runaway-guard';

/**
 * v3 offset paging (catalog, locations, hooks, refunds): `page` and `limit`, answered with `{data, meta: {pagination:
 * {current_page, total_pages, ...}}}`. The collection ends at the last page, or at an empty page. Some v3 lists
 * (per-order refunds) send an empty `meta`: then only a full page means there may be more.
 */
export interface V3Pagination {
  readonly current_page: number;
  readonly total_pages: number;
}

export interface V3Page<T> {
  readonly data: readonly T[];
  readonly meta?: { readonly pagination?: V3Pagination };
}

export type V3PageFetcher<T> = (page: number, limit: number) => Promise<V3Page<T>>;

export class V3OffsetPaginator<T> implements AsyncIterable<T> {
  constructor(
    private readonly fetchPage: V3PageFetcher<T>,
    private readonly limit = 250,
    private readonly maxPages = DEFAULT_MAX_PAGES,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`bad page size: ${limit}`);
  }

  async *pages(): AsyncGenerator<readonly T[]> {
    for (let page = 1; ; page += 1) {
      assertWithinPages(page, this.maxPages);
      const answer = await this.fetchPage(page, this.limit);
      if (answer.data.length > 0) yield answer.data;
      if (!hasMore(answer, page, this.limit)) return;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const rows of this.pages()) yield* rows;
  }
}

function hasMore<T>(answer: V3Page<T>, requested: number, limit: number): boolean {
  if (answer.data.length === 0) return false;
  const pagination = answer.meta?.pagination;
  if (!pagination) return answer.data.length >= limit;
  return Math.max(pagination.current_page, requested) < pagination.total_pages;
}
