import { RetryableError } from '@mlc/platform-errors';
import type { DataSource } from '@mlc/platform-persistence';

/** Postgres error classes and socket errors that mean "the database is not reachable right now". */
const UNREACHABLE = /^(08|57P0[1-3]|53300)/;
const SOCKET = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|timeout exceeded when trying to connect/i;

/**
 * Runs one statement and returns its rows (TypeORM answers `[rows, count]` for UPDATE and DELETE). An unreachable
 * database becomes RetryableError('DEPENDENCY_DOWN'), so a scheduled job backs off instead of crashing; any other
 * database error (a bug in a statement) stays unknown and crashes.
 */
export async function sql<T>(db: DataSource, text: string, params: unknown[] = []): Promise<T[]> {
  let result: unknown;
  try {
    result = await db.query(text, params);
  } catch (err) {
    if (isUnreachable(err)) {
      throw new RetryableError('DEPENDENCY_DOWN', 'PostgreSQL is not reachable', { cause: err, operation: 'bc-watcher sql' });
    }
    throw err;
  }
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return (Array.isArray(result) ? result : []) as T[];
}

function isUnreachable(err: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = err;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && (UNREACHABLE.test(e.code) || SOCKET.test(e.code))) return true;
    if (typeof e.message === 'string' && SOCKET.test(e.message)) return true;
    current = e.driverError ?? e.cause;
  }
  return false;
}
