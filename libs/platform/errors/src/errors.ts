/**
 * The closed set of failures. Every error that leaves an adapter or a handler is one of these three, or it is a
 * programmer error that crashes the process (and the supervisor restarts it, replaying uncommitted work).
 */
export const ERROR_CODES = [
  'TIMEOUT',
  'NETWORK',
  'RATE_LIMITED',
  'SERVER_ERROR',
  'CIRCUIT_OPEN',
  'DEPENDENCY_DOWN',
  'OUTCOME_UNKNOWN',
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'VALIDATION',
  'INSUFFICIENT_STORAGE',
  'CONFIG',
  'INVALID_MESSAGE',
  'SCHEMA_MISMATCH',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetails {
  /** Where the failure happened, e.g. `bigcommerce GET /v2/orders/{id}`; never carries secrets or query strings. */
  readonly operation?: string;
  readonly status?: number;
  /** Milliseconds the remote side asked us to wait (Retry-After, X-Rate-Limit-Time-Reset-Ms). */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

abstract class ConnectorError extends Error {
  readonly operation?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.operation = details.operation;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** Transient: the same call may succeed later (timeouts, 408, 429, 5xx except 507, broker or database down). */
export class RetryableError extends ConnectorError {}

/** Will fail the same way every time (other 4xx, 507, validation): dead-letter it and record why. */
export class PermanentError extends ConnectorError {}

/** The message itself cannot be decoded or does not match its contract. */
export class InvalidMessageError extends ConnectorError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('INVALID_MESSAGE', message, details);
  }
}

/**
 * A write whose outcome is unknown (timeout, reset or 5xx after the request was sent). Retryable, but the caller must
 * look the effect up before trying again (DESIGN.md 3.9).
 */
export class OutcomeUnknownError extends RetryableError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('OUTCOME_UNKNOWN', message, details);
  }
}

export type Disposition = 'retry' | 'dead-letter' | 'crash';

/** Total: every thrown value has exactly one disposition. Anything unknown crashes, so bugs are never swallowed. */
export function dispositionOf(err: unknown): Disposition {
  if (err instanceof RetryableError) return 'retry';
  if (err instanceof PermanentError || err instanceof InvalidMessageError) return 'dead-letter';
  return 'crash';
}

/** A short, secret-free description for logs and DLQ headers. */
export function describeError(err: unknown): { code: string; message: string } {
  if (err instanceof RetryableError || err instanceof PermanentError || err instanceof InvalidMessageError) {
    return { code: err.code, message: err.message };
  }
  if (err instanceof Error) return { code: err.name, message: err.message };
  return { code: 'UNKNOWN', message: String(err) };
}
