import { RetryableError, dispositionOf } from '@mlc/platform-errors';

export interface RetryOptions {
  /** Total attempts including the first. */
  readonly attempts: number;
  readonly baseMs: number;
  readonly maxMs: number;
  /** Defaults to "the error's disposition is retry". */
  readonly isRetryable?: (err: unknown) => boolean;
  readonly onRetry?: (info: { attempt: number; delayMs: number; err: unknown }) => void;
  readonly signal?: AbortSignal;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
}

/** "Full jitter" (AWS architecture blog): a uniform delay in [0, min(max, base * 2^attempt)). */
export function fullJitterDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** The wait before the next attempt: the server's hint when it gave one (never less), else full jitter. */
export function nextDelay(err: unknown, attempt: number, opts: Pick<RetryOptions, 'baseMs' | 'maxMs' | 'random'>) {
  const jitter = fullJitterDelay(attempt, opts.baseMs, opts.maxMs, opts.random);
  const hint = err instanceof RetryableError ? err.retryAfterMs : undefined;
  return hint !== undefined && hint >= 0 ? hint + Math.floor(jitter / 4) : jitter;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `fn` until it succeeds, a non-retryable error is thrown, or attempts run out (the last error is rethrown).
 * Only for reads and idempotent writes: a create whose outcome is unknown must be looked up by the caller first.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const isRetryable = opts.isRetryable ?? ((err: unknown) => dispositionOf(err) === 'retry');
  const wait = opts.sleep ?? sleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= opts.attempts || !isRetryable(err) || opts.signal?.aborted) throw err;
      const delayMs = nextDelay(err, attempt, opts);
      opts.onRetry?.({ attempt, delayMs, err });
      await wait(delayMs, opts.signal);
    }
  }
}
