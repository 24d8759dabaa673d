import { PermanentError } from '@mlc/platform-errors';

/*
 * Server-driven paging (OData v4 as BC implements it): a collection answer holds `value` and, while more rows remain,
 * an absolute `@odata.nextLink` carrying a $skiptoken. The link is followed verbatim until absent; the client never
 * pages with $skip.
 */

export interface ODataPage<T> {
  readonly items: readonly T[];
  readonly nextLink?: string;
}

/** Fetches the first page (`undefined`) or the page behind a nextLink. */
export type PageFetcher<T> = (nextLink: string | undefined) => Promise<ODataPage<T>>;

/** Walks every page once. Iterate it for rows, or `pages()` for whole pages (to commit progress per page). */
export class ODataPager<T> implements AsyncIterable<T> {
  constructor(
    private readonly fetchPage: PageFetcher<T>,
    /** Labels the loop-protection error. */
    private readonly operation = 'business-central GET',
  ) {}

  async *pages(): AsyncGenerator<readonly T[], void, undefined> {
    const seen = new Set<string>();
    let link: string | undefined;
    do {
      const page = await this.fetchPage(link);
      yield page.items;
      link = page.nextLink;
      if (link !== undefined) {
        if (seen.has(link))
          throw new PermanentError(
            'SCHEMA_MISMATCH',
            `${this.operation}: @odata.nextLink repeats a page already read`,
            { operation: this.operation },
          );
        seen.add(link);
      }
    } while (link !== undefined);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page;
  }

  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const page of this.pages()) all.push(...page);
    return all;
  }
}
