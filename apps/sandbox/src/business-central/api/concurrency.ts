import { etagOf, Row } from '../store/table';
import { BcError } from './bc-error';

/**
 * Optimistic concurrency as BC applies it: PATCH needs If-Match (missing: 400 `BadRequest_InvalidToken`), other
 * writes check it only when sent; `*` matches anything; a stale ETag is 409 `Request_EntityChanged` (not 412).
 */
export function checkIfMatch(ifMatch: string | undefined, row: Row, required: boolean): void {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    if (!required) return;
    throw new BcError(
      400,
      'BadRequest_InvalidToken',
      'Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.',
    );
  }
  const current = etagOf(row.version);
  const candidates = ifMatch.split(',').map((t) => t.trim());
  const strip = (tag: string) => tag.replace(/^W\//, '');
  if (candidates.some((tag) => tag === '*' || strip(tag) === strip(current))) return;
  throw new BcError(409, 'Request_EntityChanged', 'Another user has already changed the record.');
}
