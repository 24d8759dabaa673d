import type { ConnectionRegistry } from '@mlc/connections';
import { describeError } from '@mlc/platform-errors';
import type { Logger } from '@mlc/platform-observability';
import type { CommittedRepository } from '../persistence/committed.repository';
import type { DriftLeases } from '../persistence/drift-leases.repository';
import { stockDriftSkus, stockDriftUnits } from '../push/catalog-metrics';
import type { KeyedLock } from '../push/connection-locks';
import type { RuntimeProvider } from '../push/connection-runtime';
import type { FullSync } from '../sku-map/full-sync';

export interface DriftCheckOptions {
  readonly intervalMs: number;
  /** Settled orders older than this are forgotten after each check. */
  readonly committedRetentionMs: number;
  /** Identifies this replica in `drift_leases`. */
  readonly holder: string;
  /** How long a lease lasts; by default two intervals and a minute, so the holder renews it at every check. */
  readonly leaseTtlMs?: number;
}

/** What one connection's check did: ran, left to the replica holding the lease, or failed (logged). */
export type DriftCheckResult = 'checked' | 'not-leader' | 'failed';

/**
 * Every `intervalMs`, per connection: a full sync with store levels. It rebuilds the SKU map, pushes whatever
 * signals missed, measures drift (store level vs BC inventory − committed) for SKUs with nothing in flight, corrects
 * it with absolute levels where the domain allows, and updates the drift gauges. Then it prunes settled orders.
 *
 * Only the replica holding the connection's drift lease (`drift_leases`) checks it, so two replicas never both
 * correct drift: each would measure against levels the other just set. The holder renews the lease at every check
 * (before and after it); a replica that stops hands it over, one that dies loses it when it expires.
 */
export class DriftCheckJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly held = new Set<string>();

  constructor(
    private readonly registry: Pick<ConnectionRegistry, 'list'>,
    private readonly runtimes: RuntimeProvider,
    private readonly locks: KeyedLock,
    private readonly fullSync: FullSync,
    private readonly committed: CommittedRepository,
    private readonly leases: DriftLeases,
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
    await this.leases.release([...this.held], this.options.holder).catch(() => undefined);
    for (const connectionId of this.held) forgetDriftGauges(connectionId);
    this.held.clear();
  }

  private get leaseTtlMs(): number {
    return this.options.leaseTtlMs ?? 2 * this.options.intervalMs + 60_000;
  }

  async runOnce(): Promise<void> {
    for (const connection of await this.registry.list()) {
      await this.checkConnection(connection.id);
    }
  }

  async checkConnection(connectionId: string): Promise<DriftCheckResult> {
    try {
      if (!(await this.leases.acquire(connectionId, this.options.holder, this.leaseTtlMs))) {
        if (this.held.delete(connectionId)) {
          // The new holder reports this connection's drift from now on; this replica's last figures would go stale.
          forgetDriftGauges(connectionId);
          this.logger.warn({ connectionId }, 'drift lease lost to another replica');
        }
        this.logger.debug({ connectionId }, 'drift check left to the replica holding the lease');
        return 'not-leader';
      }
      this.held.add(connectionId);
      const rt = await this.runtimes.get(connectionId);
      const summary = await this.locks.run(connectionId, () =>
        this.fullSync.run(rt, { trigger: 'drift-check', withLevels: true }),
      );
      const pruned = await this.committed.pruneSettled(
        connectionId,
        new Date(Date.now() - this.options.committedRetentionMs),
      );
      await this.leases.acquire(connectionId, this.options.holder, this.leaseTtlMs);
      this.logger.info({ connectionId, drift: summary.push.drift, pruned }, 'drift check done');
      return 'checked';
    } catch (err) {
      this.logger.warn({ connectionId, err: describeError(err) }, 'drift check failed; next interval tries again');
      return 'failed';
    }
  }
}

function forgetDriftGauges(connectionId: string): void {
  stockDriftSkus.remove({ connection: connectionId });
  stockDriftUnits.remove({ connection: connectionId });
}
