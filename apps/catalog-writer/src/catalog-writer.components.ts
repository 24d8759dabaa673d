import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { PgParkingLot } from '@mlc/platform-kafka';
import type { ServiceContext } from '@mlc/service-kit';
import { BackfillService } from './backfill/backfill.service';
import type { CatalogWriterConfig } from './config';
import { DriftCheckJob } from './drift/drift-check.job';
import { CommittedRepository } from './persistence/committed.repository';
import { PgDriftLeases } from './persistence/drift-leases.repository';
import { PendingSignalsRepository } from './persistence/pending-signals.repository';
import { PushLogRepository } from './persistence/push-log.repository';
import { SkuMapRepository } from './persistence/sku-map.repository';
import { SkuMappingsRepository } from './persistence/sku-mappings.repository';
import { CatalogPusher } from './push/catalog-pusher';
import { CommittedSource } from './push/committed-source';
import { ConnectionLocks } from './push/connection-locks';
import { ConnectionRuntimes } from './push/connection-runtimes';
import { KafkaOutcomeSink } from './push/outcome-sink';
import { PushRecorder } from './push/push-recorder';
import { CatalogFlushers } from './signals/catalog-flushers';
import { catalogSignalsPipeline } from './signals/catalog-signals.consumer';
import { DurableCoalescer } from './signals/durable-coalescer';
import { itemChangesPipeline } from './signals/item-changes.consumer';
import { orderStatesPipeline } from './signals/order-states.consumer';
import { FullSync } from './sku-map/full-sync';
import { MappingsWatch } from './sku-map/mappings-watch';
import { SkuMapService } from './sku-map/sku-map.service';

/** An inventory call takes at most 2000 items: a window that holds that many is pushed at once. */
const ITEMS_PER_WINDOW = 2000;

/** The object graph of the service, built once from its context. */
export function buildComponents(ctx: ServiceContext, config: CatalogWriterConfig, onCrash: (err: unknown) => void) {
  const { db, logger, registry } = ctx;
  const serves = (connectionId: string) => config.CATALOG_WRITER_CONNECTIONS?.has(connectionId) ?? true;
  const skuRepo = new SkuMapRepository(db);
  const committedRepo = new CommittedRepository(db);
  const pendingRepo = new PendingSignalsRepository(db);
  const pushLog = new PushLogRepository(db);
  // Every store call of this service is a catalog call: it gets the connection's catalog share, and leaves the
  // connection's reserve (requests per window, on any plan) to order reads.
  ctx.clients.limitBigCommerceBy((connection) => ({
    share: connection.settings.catalog.quotaShare,
    catalogReserveRequests: connection.settings.catalog.reserveForOrderReads,
  }));
  const runtimes = new ConnectionRuntimes(
    registry,
    ctx.clients,
    { fullReadThreshold: config.CATALOG_BC_FULL_READ_THRESHOLD, bcLocalCurrency: config.BC_LOCAL_CURRENCY },
    logger,
  );
  const locks = new ConnectionLocks(db);
  const outcomes = new KafkaOutcomeSink(ctx.producer);
  const recorder = new PushRecorder(skuRepo, pushLog, outcomes, logger);
  const committed = new CommittedSource(committedRepo, config.CATALOG_SALES_ORDER_READ_INTERVAL_MS);
  const pusher = new CatalogPusher(committed, recorder);
  const mappings = new SkuMappingsRepository(db, config.CATALOG_SKU_MAPPINGS_SCHEMA, (schema) =>
    logger.warn({ schema }, 'the SKU mapping table does not exist yet (bc-writer creates it): no explicit SKU links'),
  );
  const skuMaps = new SkuMapService(skuRepo, mappings, logger, outcomes);
  const fullSync = new FullSync(skuMaps, skuRepo, pusher, {
    settleMs: config.CATALOG_ADJUSTMENT_SETTLE_MS,
    stableMs: config.CATALOG_LEVELS_STABLE_MS,
  });
  const flushers = new CatalogFlushers({
    runtimes,
    locks,
    skuRepo,
    skuMaps,
    fullSync,
    pusher,
    logger,
    // Called only once the service runs, after `items` below exists.
    requeueItems: async (connectionId, itemIds) => {
      const at = new Date().toISOString();
      for (const itemId of itemIds) await items.add(connectionId, itemId.toLowerCase(), at);
    },
  });
  const windowMsOf = async (connectionId: string) => (await runtimes.get(connectionId)).settings.coalesceWindowMs;
  const coalescer = (kind: 'item' | 'product', flush: CatalogFlushers['flushItems']) =>
    new DurableCoalescer({
      kind,
      repo: pendingRepo,
      windowMsOf,
      maxItems: ITEMS_PER_WINDOW,
      burst: { quietMs: config.CATALOG_BURST_QUIET_MS, maxWindows: config.CATALOG_BURST_MAX_WINDOWS },
      flush,
      tickMs: config.CATALOG_FLUSH_TICK_MS,
      retry: { baseMs: config.CATALOG_RETRY_BASE_MS, maxMs: config.CATALOG_RETRY_MAX_MS },
      logger,
      onCrash,
    });
  const items = coalescer('item', flushers.flushItems);
  const products = coalescer('product', flushers.flushProducts);
  const replicaId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const servedConnections = async () => (await registry.list()).filter((c) => serves(c.id)).map((c) => c.id);
  const pipelineDeps = {
    kafka: ctx.kafka,
    serde: ctx.serde,
    producer: ctx.producer,
    parking: new PgParkingLot(db),
    logger,
    groupSuffix: config.CATALOG_WRITER_GROUP_SUFFIX,
    serves,
    exists: async (connectionId: string) => (await registry.get(connectionId)) !== undefined,
    onCrash,
  };
  return {
    items,
    products,
    pipelines: [
      itemChangesPipeline(pipelineDeps, items),
      orderStatesPipeline(pipelineDeps, committedRepo),
      catalogSignalsPipeline(pipelineDeps, products),
    ],
    mappingsWatch: new MappingsWatch({
      connections: servedConnections,
      apply: flushers.flushMappings,
      intervalMs: config.CATALOG_MAPPINGS_CHECK_MS,
      logger,
    }),
    drift: new DriftCheckJob(
      { list: async () => (await registry.list()).filter((c) => serves(c.id)) },
      runtimes,
      locks,
      fullSync,
      committedRepo,
      new PgDriftLeases(db),
      {
        intervalMs: config.CATALOG_DRIFT_CHECK_INTERVAL_MS,
        committedRetentionMs: config.CATALOG_COMMITTED_RETENTION_MS,
        holder: replicaId,
      },
      logger,
    ),
    backfill: new BackfillService(runtimes, locks, fullSync),
    repositories: { skuRepo, committedRepo, pendingRepo, pushLog },
  };
}

export type CatalogWriterComponents = ReturnType<typeof buildComponents>;
