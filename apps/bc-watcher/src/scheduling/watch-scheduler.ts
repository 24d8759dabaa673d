import { describeError, dispositionOf } from '@mlc/platform-errors';
import type { Logger } from '@mlc/platform-observability';
import type { WatchSchedule } from '../config';
import { forgetConnection, schedulerLeader } from '../metrics/watcher-metrics';
import type { LeaseStore, WatchStateStore } from '../persistence/watcher-state.port';
import { ConnectionWatch, JobReport, JobRunners } from './connection-watch';
import type { JobIntervals } from './job-clock';

export interface SchedulerOptions {
  readonly holder: string;
  readonly schedule: WatchSchedule;
  readonly leases: LeaseStore;
  readonly state: WatchStateStore;
  /** The connections this replica may watch (registry, narrowed by WATCH_CONNECTIONS). */
  readonly connections: () => Promise<string[]>;
  /**
   * Every registered connection (not narrowed): the watcher state of connections missing here (removed from the
   * registry) is dropped. Without it, state is kept.
   */
  readonly registered?: () => Promise<readonly string[]>;
  readonly runners: JobRunners;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly onJob?: (report: JobReport) => void;
  /** How often the connection list is read again (default 10 s). */
  readonly connectionsRefreshMs?: number;
  /** Unknown errors crash (default: exit, so the supervisor restarts the process). */
  readonly onCrash?: (err: unknown) => void;
}

const CONNECTIONS_REFRESH_MS = 10_000;

/**
 * One scheduler per replica. Each tick it renews or takes the lease of every connection (every third of the lease
 * TTL), applies rescan requests to the connections it leads, and starts their due jobs. Exactly one replica holds a
 * connection's lease, so scaling out never doubles the work; a replica that cannot renew for a whole TTL stops
 * starting jobs, and its watermark writes are refused once another replica took over.
 */
export class WatchScheduler {
  private readonly watches = new Map<string, ConnectionWatch>();
  private readonly intervals: JobIntervals;
  private timer?: NodeJS.Timeout;
  private ticking = false;
  private stopped = false;
  private refreshedAtMs = Number.NEGATIVE_INFINITY;
  private pruning?: Promise<void>;

  constructor(private readonly opts: SchedulerOptions) {
    const { pollMs, scanMs, healthMs } = opts.schedule;
    this.intervals = {
      subscriptions: healthMs,
      hooks: healthMs,
      'poll-orders': pollMs,
      'poll-items': pollMs,
      'poll-customers': pollMs,
      scan: scanMs,
    };
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.opts.schedule.tickMs);
    void this.tick();
  }

  /** Stops starting jobs, waits for running ones, and hands the leases over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.idle();
    const led = [...this.watches.values()].filter((w) => w.leader).map((w) => w.connectionId);
    for (const id of led) this.forget(id);
    await this.opts.leases.release(led, this.opts.holder).catch(() => undefined);
  }

  /** Resolves when no job runs (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...[...this.watches.values()].map((w) => w.running), this.pruning]);
  }

  /** Connections this replica leads right now. */
  leading(): string[] {
    return [...this.watches.values()].filter((w) => w.leader).map((w) => w.connectionId);
  }

  async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    try {
      // Renewals go on when the registry cannot be read: a leader keeps its lease, or lets go after a TTL.
      await this.refreshConnections().catch((err: unknown) => {
        this.opts.logger.warn({ reason: describeError(err) }, 'reading the connections failed');
      });
      for (const watch of this.watches.values()) await this.renewLease(watch);
      await this.applyScanRequests();
      for (const watch of this.watches.values()) {
        if (watch.leader && !watch.running && watch.clock.due(this.now()).length > 0) this.launch(watch);
      }
    } catch (err) {
      this.opts.logger.warn({ reason: describeError(err) }, 'watch scheduler tick failed');
    } finally {
      this.ticking = false;
    }
  }

  private launch(watch: ConnectionWatch): void {
    const report = (r: JobReport) => {
      this.opts.onJob?.(r);
      if (r.ok && typeof r.result === 'number' && r.result > 0) {
        this.opts.logger.info(
          { connectionId: r.connectionId, job: r.job, count: r.result, ms: r.ms },
          'watch job done',
        );
      }
    };
    watch.running = watch
      .runDue(this.opts.runners, () => this.now(), this.opts.logger, report)
      .then(async (done) => {
        for (const request of done) await this.opts.state.scanDone(request);
      })
      .catch((err: unknown) => this.crashOrWarn(err))
      .finally(() => {
        watch.running = undefined;
      });
  }

  private crashOrWarn(err: unknown): void {
    if (dispositionOf(err) !== 'crash') {
      this.opts.logger.warn({ reason: describeError(err) }, 'clearing rescan requests failed');
      return;
    }
    this.stopped = true;
    clearInterval(this.timer);
    this.opts.logger.fatal({ err: describeError(err) }, 'unexpected error in a watch job: crashing');
    (this.opts.onCrash ?? (() => process.exit(1)))(err);
  }

  private async refreshConnections(): Promise<void> {
    if (Date.now() - this.refreshedAtMs < (this.opts.connectionsRefreshMs ?? CONNECTIONS_REFRESH_MS)) return;
    const ids = new Set(await this.opts.connections());
    this.refreshedAtMs = Date.now();
    for (const id of ids) if (!this.watches.has(id)) this.watches.set(id, new ConnectionWatch(id, this.intervals));
    for (const [id, watch] of this.watches) {
      if (ids.has(id) || watch.running) continue;
      if (watch.leader) await this.opts.leases.release([id], this.opts.holder);
      this.forget(id);
      this.watches.delete(id);
    }
    // In the background: deleting a removed connection's scan state can take a while, and renewals must not wait.
    if (this.opts.registered && !this.pruning) {
      this.pruning = this.forgetRemoved(this.opts.registered).finally(() => {
        this.pruning = undefined;
      });
    }
  }

  /** Best effort, retried at the next refresh. */
  private async forgetRemoved(registered: () => Promise<readonly string[]>): Promise<void> {
    try {
      const dropped = await this.opts.state.forgetRemoved(registered);
      if (dropped.length > 0)
        this.opts.logger.info({ connections: dropped }, 'watcher state of removed connections dropped');
    } catch (err) {
      if (dispositionOf(err) === 'crash') this.crashOrWarn(err);
      else this.opts.logger.warn({ reason: describeError(err) }, 'dropping the state of removed connections failed');
    }
  }

  private async renewLease(watch: ConnectionWatch): Promise<void> {
    const nowMs = Date.now();
    const { leaseTtlMs } = this.opts.schedule;
    if (nowMs - watch.lastLeaseAttemptMs < leaseTtlMs / 3) return;
    watch.lastLeaseAttemptMs = nowMs;
    let held: boolean;
    try {
      held = await this.opts.leases.acquire(watch.connectionId, this.opts.holder, leaseTtlMs);
      if (held) watch.lastLeaseOkMs = nowMs;
    } catch (err) {
      held = watch.leader && nowMs - watch.lastLeaseOkMs < leaseTtlMs;
      this.opts.logger.warn({ connectionId: watch.connectionId, reason: describeError(err) }, 'lease renewal failed');
    }
    if (held && !watch.leader) {
      watch.leader = true;
      schedulerLeader.set({ connection: watch.connectionId }, 1);
      this.opts.logger.info({ connectionId: watch.connectionId, holder: this.opts.holder }, 'scheduler lease taken');
    } else if (!held && watch.leader) {
      this.forget(watch.connectionId);
      this.opts.logger.warn({ connectionId: watch.connectionId }, 'scheduler lease lost');
    } else if (!held) {
      schedulerLeader.set({ connection: watch.connectionId }, 0);
    }
  }

  private async applyScanRequests(): Promise<void> {
    if (!this.leading().length) return;
    for (const request of await this.opts.state.pendingScans()) {
      const watch = this.watches.get(request.connectionId);
      if (watch?.leader) watch.apply(request);
    }
  }

  private forget(connectionId: string): void {
    this.watches.get(connectionId)?.loseLeadership();
    forgetConnection(connectionId);
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }
}
