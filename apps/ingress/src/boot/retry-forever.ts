import { describeError } from '@mlc/platform-errors';
import type { Logger } from '@mlc/platform-observability';
import { fullJitterDelay, sleep } from '@mlc/platform-resilience';

export interface RetryForeverOptions {
  readonly logger: Logger;
  readonly signal: AbortSignal;
  readonly baseMs?: number;
  readonly maxMs?: number;
}

/**
 * Runs a boot step until it succeeds or the service shuts down, logging one line per failed attempt that names the
 * dependency and the reason (never a URL with credentials): a service whose dependency is down says so and waits,
 * instead of crash-looping in silence. Resolves false when aborted.
 */
export async function retryForever(
  what: string,
  step: () => Promise<void>,
  options: RetryForeverOptions,
): Promise<boolean> {
  const { logger, signal } = options;
  for (let attempt = 1; !signal.aborted; attempt += 1) {
    try {
      await step();
      if (attempt > 1) logger.info({ dependency: what, attempts: attempt }, `${what}: ready`);
      return true;
    } catch (err) {
      const delayMs = Math.max(250, fullJitterDelay(attempt, options.baseMs ?? 500, options.maxMs ?? 15_000));
      const { code, message } = describeError(err);
      logger.warn({ dependency: what, attempt, code, retryInMs: delayMs }, `${what} unavailable: ${message}`);
      try {
        await sleep(delayMs, signal);
      } catch {
        return false;
      }
    }
  }
  return false;
}
