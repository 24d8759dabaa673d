import { DEFAULT_MAX_PAGES, assertWithinPages } from './runaway-guard';

/**
 * v2 paging (orders, order products): `page` (1-based) and `limit`, a bare JSON array per page, no meta block. The
 * collection ends at a page shorter than `limit`, or at an empty page (v2 lists answer 204 with no body when nothing
 * matches; the client turns that into `[]`).
 */
export type V2PageFetcher<T> = (page: number, limit: number) => Promise<readonly T[]>;

export class V2PagePaginator<T> implements AsyncIterable<T> {
  constructor(
    private readonly fetchPage: V2PageFetcher<T>,
    private readonly limit = 250,
    private readonly maxPages = DEFAULT_MAX_PAGES,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`bad page size: ${limit}`);
  }

  async *pages(): AsyncGenerator<readonly T[]> {
    for (let page = 1; ; page += 1) {
      assertWithinPages(page, this.maxPages);
      const rows = await this.fetchPage(page, this.limit);
      if (rows.length > 0) yield rows;
      if (rows.length < this.limit) return;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const rows of this.pages()) yield* rows;
  }
}
