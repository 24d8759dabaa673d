import { EntityChangedError } from './business-central-errors';

/** Returned by `apply` when the re-read record no longer needs (or no longer allows) the change. */
export const SKIP = Symbol('patchWithReread.skip');

export interface PatchWithRereadOptions {
  /** Read-apply rounds before the last EntityChangedError is rethrown (default 3). */
  readonly attempts?: number;
}

/**
 * Optimistic concurrency for BC PATCH/DELETE (If-Match with the record's @odata.etag; a stale one is 409
 * Request_EntityChanged). Reads the record, lets `apply` decide and send the change with that record's ETag, and when
 * someone else changed the record in between, reads it again and lets `apply` decide again. `apply` returns SKIP
 * when the fresh record makes the change unnecessary or invalid; the result is then `undefined`.
 */
export async function patchWithReread<T, R>(
  read: () => Promise<T>,
  apply: (current: T) => Promise<R | typeof SKIP>,
  options: PatchWithRereadOptions = {},
): Promise<R | undefined> {
  const attempts = options.attempts ?? 3;
  for (let round = 1; ; round += 1) {
    const current = await read();
    try {
      const result = await apply(current);
      return result === SKIP ? undefined : result;
    } catch (err) {
      if (!(err instanceof EntityChangedError) || round >= attempts) throw err;
    }
  }
}
