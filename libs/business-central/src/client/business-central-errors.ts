import { ErrorCode, ErrorDetails, PermanentError } from '@mlc/platform-errors';

/** A permanent failure reported by Business Central, with BC's own error code (`error.code`) when it sent one. */
export class BusinessCentralApiError extends PermanentError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly bcCode: string | undefined,
    details: ErrorDetails = {},
  ) {
    super(code, message, details);
  }
}

/**
 * 409 `Request_EntityChanged`: the If-Match ETag is stale because someone changed the record after it was read.
 * Repeating the same request fails the same way; re-read and re-apply (see `patchWithReread`).
 */
export class EntityChangedError extends BusinessCentralApiError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('CONFLICT', message, 'Request_EntityChanged', details);
  }
}

/** True for a 404 on an entity key: the record does not exist (as opposed to a wrong tenant, environment or company). */
export function isRecordNotFound(err: unknown): boolean {
  return err instanceof BusinessCentralApiError && err.code === 'NOT_FOUND';
}
