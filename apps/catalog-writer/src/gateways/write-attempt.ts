import type { StoreWrite } from '@mlc/catalog';
import { OutcomeUnknownError, PermanentError, RetryableError } from '@mlc/platform-errors';
import type { WriteAttempt } from './store-gateway.port';

/**
 * How a failed write is recorded (DESIGN.md 6 and `@mlc/catalog`'s `recordPushResult`):
 * - OutcomeUnknownError (timeout, reset or 5xx after a relative adjustment was sent): `unknown`, tried again later;
 * - RetryableError (429 beyond the client's retries, 5xx on an idempotent PUT, open circuit): `failed`, tried again;
 * - PermanentError (4xx): `failed` and recorded; a 422 "Items with identity: [...] requires absolute adjustment
 *   before relative" names the items whose stock basis must be dropped so they get an absolute level.
 * Anything else is a programmer error and is thrown on.
 */
export function attemptOfError(err: unknown, write: StoreWrite): WriteAttempt {
  if (err instanceof OutcomeUnknownError) {
    return { result: 'unknown', retryable: true, errorCode: err.code, error: err.message };
  }
  if (err instanceof RetryableError) return { result: 'failed', retryable: true, errorCode: err.code, error: err.message };
  if (!(err instanceof PermanentError)) throw err;
  const base: WriteAttempt = { result: 'failed', retryable: false, errorCode: err.code, error: err.message };
  if (write.kind !== 'relative-stock' || err.status !== 422 || !NEEDS_ABSOLUTE.test(err.message)) return base;
  return { ...base, needsAbsolute: identitiesIn(err.message) };
}

const NEEDS_ABSOLUTE = /items with identity/i;
const IDENTITY = /\b(product_id|variant_id) (\d+)(?=[,\]])/g;

/** `p<id>` / `v<id>` keys named in the message; the title may be cut short, so the list can be partial or empty. */
export function identitiesIn(message: string): string[] {
  const keys: string[] = [];
  for (const match of message.matchAll(IDENTITY)) keys.push(`${match[1] === 'product_id' ? 'p' : 'v'}${match[2]}`);
  return keys;
}
