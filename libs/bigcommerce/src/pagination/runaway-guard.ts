import { PermanentError } from '@mlc/platform-errors';

/** A server that ignores `page` (or keeps handing out cursors) would page forever; this bounds it. */
export const DEFAULT_MAX_PAGES = 10_000;

export function assertWithinPages(pagesFetched: number, maxPages: number): void {
  if (pagesFetched > maxPages) {
    throw new PermanentError('SCHEMA_MISMATCH', `bigcommerce pagination did not end after ${maxPages} pages`);
  }
}
