import { describeError } from '@mlc/platform-errors';
import type { Logger } from '@mlc/platform-observability';
import type { FlushResult } from '../signals/durable-coalescer';

export interface MappingsWatchDeps {
  /** The connections this deployment serves. */
  readonly connections: () => Promise<readonly string[]>;
  /** Re-classifies one connection's map if its mapping table changed, and pushes what that maps anew. */
  readonly apply: (connectionId: string) => Promise<FlushResult>;
  readonly intervalMs: number;
  readonly logger: Logger;
}

/**
 * `ml-connector mappings sku set|import` writes the mapping table without a signal, so every `intervalMs` each
 * served connection's table is compared with what its map was classified with (one query when nothing changed).
 */
export class MappingsWatch {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly deps: MappingsWatchDeps) {}

  start(): void {
    if (this.deps.intervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.runOnce().finally(() => (this.running = undefined));
    }, this.deps.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async runOnce(): Promise<void> {
    let ids: readonly string[];
    try {
      ids = await this.deps.connections();
    } catch (err) {
      this.deps.logger.warn({ err: describeError(err) }, 'mapping table check: connections not listed; next interval tries again');
      return;
    }
    for (const connectionId of ids) {
      try {
        await this.deps.apply(connectionId);
      } catch (err) {
        this.deps.logger.warn({ connectionId, err: describeError(err) }, 'mapping table check failed; next interval tries again');
      }
    }
  }
}
