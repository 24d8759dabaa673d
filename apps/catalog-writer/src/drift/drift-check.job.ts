import type { ConnectionRegistry } from '@mlc/connections';
import { describeError } from '@mlc/platform-errors';
import type { Logger } from '@mlc/platform-observability';
import type { CommittedRepository } from '../persistence/committed.repository';
import type { KeyedLock } from '../push/connection-locks';
import type { RuntimeProvider } from '../push/connection-runtime';
import type { FullSync } from '../sku-map/full-sync';

export interface DriftCheckOptions {
  readonly intervalMs: number;
  /** Settled orders older than this are forgotten after each check. */
  readonly committedRetentionMs: number;
}

/**
 * Every `intervalMs`, per connection: a full sync with store levels. It rebuilds the SKU map, pushes whatever
 * signals missed, measures drift (store level vs BC inventory − committed) for SKUs with nothing in flight, corrects
 * it with absolute levels where the domain allows, and updates the drift gauges. Then it prunes settled orders.
 */
export class DriftCheckJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly registry: Pick<ConnectionRegistry, 'list'>,
    private readonly runtimes: RuntimeProvider,
    private readonly locks: KeyedLock,
    private readonly fullSync: FullSync,
    private readonly committed: CommittedRepository,
    private readonly options: DriftCheckOptions,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.options.intervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.runOnce().finally(() => (this.running = undefined));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async runOnce(): Promise<void> {
    for (const connection of await this.registry.list()) {
      await this.checkConnection(connection.id);
    }
  }

  async checkConnection(connectionId: string): Promise<void> {
    try {
      const rt = await this.runtimes.get(connectionId);
      const summary = await this.locks.run(connectionId, () =>
        this.fullSync.run(rt, { trigger: 'drift-check', withLevels: true }),
      );
      const pruned = await this.committed.pruneSettled(
        connectionId,
        new Date(Date.now() - this.options.committedRetentionMs),
      );
      this.logger.info({ connectionId, drift: summary.push.drift, pruned }, 'drift check done');
    } catch (err) {
      this.logger.warn({ connectionId, err: describeError(err) }, 'drift check failed; next interval tries again');
    }
  }
}
