import { describeError } from '@mlc/platform-errors';
import type { ConsumerPipeline } from '@mlc/platform-kafka';
import type { Logger, ReadinessRegistry } from '@mlc/platform-observability';
import { createServiceContext, ServiceContext } from '@mlc/service-kit';
import { BcDeltaPoll } from './business-central/bc-delta-poll';
import { StockScan } from './business-central/stock-scan';
import { SubscriptionKeeper } from './business-central/subscription-keeper';
import { HookKeeper } from './bigcommerce/hook-keeper';
import { isOrderScope } from './bigcommerce/hook-plan';
import { OrderPoll } from './bigcommerce/order-poll';
import type { WatcherConfig } from './config';
import { useMetricsClock } from './metrics/watcher-metrics';
import { PgLeaseStore } from './persistence/pg-lease-store';
import { PgStockScanStore } from './persistence/pg-stock-scan-store';
import { PgWatchStateStore } from './persistence/pg-watch-state-store';
import { PgWatermarkStore } from './persistence/pg-watermark-store';
import { WATCHER_MIGRATIONS, WATCHER_SCHEMA } from './persistence/watcher.migrations';
import { createRescanConsumer } from './rescan/rescan-requested.consumer';
import type { JobReport, JobRunners } from './scheduling/connection-watch';
import type { JobDeps } from './scheduling/job-deps';
import { WatchScheduler } from './scheduling/watch-scheduler';
import { ServiceConnectionResources } from './watcher-resources';

/** Test seams: a clock that follows the sandbox's, a crash handler that does not exit, a job listener. */
export interface WatcherOverrides {
  readonly now?: () => number;
  readonly onCrash?: (err: unknown) => void;
  readonly onJob?: (report: JobReport) => void;
}

/**
 * The watcher's dependencies and their lifecycle: connects (waiting for Kafka, the registry and Postgres with a log
 * line), then starts the scheduler and the rescan consumer; on shutdown stops starting jobs, lets running ones
 * finish, hands the leases over and disconnects.
 */
export class WatcherRuntime {
  private ctx?: ServiceContext;
  private scheduler?: WatchScheduler;
  private consumer?: ConsumerPipeline<unknown>;
  private booting?: Promise<void>;
  private ready = false;

  constructor(
    private readonly config: WatcherConfig,
    private readonly logger: Logger,
    private readonly overrides: WatcherOverrides = {},
  ) {}

  start(readiness: ReadinessRegistry): void {
    readiness.register('watcher', async () => this.ready);
    this.booting = this.boot(readiness).catch((err: unknown) => {
      this.logger.fatal({ err: describeError(err) }, 'bc-watcher failed to start');
      (this.overrides.onCrash ?? (() => process.exit(1)))(err);
    });
  }

  /** Resolves once the scheduler runs (the rescan consumer joins its group in the background). */
  async whenReady(): Promise<void> {
    await this.booting;
  }

  /** Connections this replica leads (tests and diagnostics). */
  leading(): string[] {
    return this.scheduler?.leading() ?? [];
  }

  async close(): Promise<void> {
    await this.booting;
    this.ready = false;
    await this.scheduler?.stop();
    await this.consumer?.stop().catch(() => undefined);
    await this.ctx?.close();
  }

  private async boot(readiness: ReadinessRegistry): Promise<void> {
    const ctx = await createServiceContext({
      service: 'bc-watcher',
      config: this.config.env,
      schema: WATCHER_SCHEMA,
      migrations: WATCHER_MIGRATIONS,
      readiness,
      logger: this.logger,
    });
    this.ctx = ctx;
    const now = this.overrides.now ?? Date.now;
    useMetricsClock(now);
    const state = new PgWatchStateStore(ctx.db);
    const deps: JobDeps = {
      resources: new ServiceConnectionResources(ctx),
      sink: ctx.producer,
      schedule: this.config.schedule,
      publicBaseUrl: this.config.env.PUBLIC_BASE_URL.replace(/\/+$/, ''),
      holder: this.config.instanceId,
      now,
      logger: this.logger,
    };
    const inScope = (id: string) => !this.config.connections || this.config.connections.includes(id);
    this.consumer = createRescanConsumer(ctx, state, {
      groupId: this.config.consumerGroup,
      watches: async (id) => inScope(id) && (await ctx.registry.get(id)) !== undefined,
      onCrash: this.overrides.onCrash,
    }) as ConsumerPipeline<unknown>;
    this.scheduler = new WatchScheduler({
      holder: this.config.instanceId,
      schedule: this.config.schedule,
      leases: new PgLeaseStore(ctx.db),
      state,
      connections: async () => (await ctx.registry.list()).map((c) => c.id).filter(inScope),
      registered: async () => (await ctx.registry.list()).map((c) => c.id),
      runners: this.runners(deps, state, ctx),
      logger: this.logger,
      now,
      onJob: this.overrides.onJob,
      onCrash: this.overrides.onCrash,
    });
    this.scheduler.start();
    // Joining the group can wait out a crashed member's session; the schedule must not wait for it.
    this.consumer.start().catch((err: unknown) => {
      this.logger.fatal({ err: describeError(err) }, 'rescan consumer failed to start');
      (this.overrides.onCrash ?? (() => process.exit(1)))(err);
    });
    this.ready = true;
    this.logger.info({ instance: this.config.instanceId, schedule: this.config.schedule }, 'bc-watcher started');
  }

  private runners(deps: JobDeps, state: PgWatchStateStore, ctx: ServiceContext): JobRunners {
    const watermarks = new PgWatermarkStore(ctx.db);
    const subscriptions = new SubscriptionKeeper(deps, state);
    const hooks = new HookKeeper(deps, state);
    const orders = new OrderPoll(deps, watermarks);
    const bc = new BcDeltaPoll(deps, watermarks);
    const scan = new StockScan(deps, new PgStockScanStore(ctx.db));
    return {
      subscriptions: (w) => subscriptions.check(w.connectionId),
      hooks: async (w) => {
        const gaps = await hooks.check(w.connectionId);
        if (gaps.some(isOrderScope)) w.clock.runSoon('poll-orders');
        return gaps.length;
      },
      'poll-orders': (w) => orders.run(w.connectionId),
      'poll-items': (w) => bc.run(w.connectionId, 'items'),
      'poll-customers': (w) => bc.run(w.connectionId, 'customers'),
      scan: async (w) => {
        const started = Date.now();
        const stats = await scan.run(w.connectionId);
        const level = stats.changes > 0 || stats.baseline ? 'info' : 'debug';
        this.logger[level]({ connectionId: w.connectionId, ...stats, ms: Date.now() - started }, 'stock scan done');
        return stats;
      },
    };
  }
}
