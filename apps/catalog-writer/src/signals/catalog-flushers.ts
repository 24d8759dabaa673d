import { describeError, dispositionOf, PermanentError } from '@mlc/platform-errors';
import type { Logger } from '@mlc/platform-observability';
import type { SkuMapRepository } from '../persistence/sku-map.repository';
import type { CatalogPusher } from '../push/catalog-pusher';
import type { KeyedLock } from '../push/connection-locks';
import type { ConnectionRuntime, RuntimeProvider } from '../push/connection-runtime';
import type { FullSync } from '../sku-map/full-sync';
import type { SkuMapService } from '../sku-map/sku-map.service';
import type { DueSignals, FlushResult } from './durable-coalescer';

export interface FlusherDeps {
  readonly runtimes: RuntimeProvider;
  readonly locks: KeyedLock;
  readonly skuRepo: SkuMapRepository;
  readonly skuMaps: SkuMapService;
  readonly fullSync: FullSync;
  readonly pusher: CatalogPusher;
  readonly logger: Logger;
  /** Makes item signals pending (durably) for these BC items of the connection; their window pushes them. */
  readonly requeueItems: (connectionId: string, itemIds: readonly string[]) => Promise<void>;
}

/**
 * What a due window does, under the connection's lock. Items: re-read them from BC (signals carry ids only), learn
 * what the map may have missed, push. Products: re-read them from the store, re-classify their SKUs, give new SKUs a
 * first push. A connection whose map was never built gets a full sync instead, which covers every signal. Errors a
 * later attempt may fix keep the signals (`retry`); a permanent one is logged and the signals are dropped (the
 * periodic full sync catches up), like the consumer pipeline dead-letters.
 */
export class CatalogFlushers {
  constructor(private readonly deps: FlusherDeps) {}

  flushItems = (due: DueSignals): Promise<FlushResult> =>
    this.guarded(due, async (rt) => {
      await this.requeueRemapped(rt);
      const ids = due.signals.map((s) => s.ref);
      let entries = await this.deps.skuRepo.entriesForItems(rt.connectionId, ids);
      await this.deps.pusher.committed.readBack(rt, entries);
      const items = await rt.bc.readItems(ids);
      const fresh = await this.deps.skuMaps.learnItems(rt, items, new Set(entries.map((e) => e.bcItemId)));
      if (fresh.length > 0) entries = await this.deps.skuRepo.entriesForItems(rt.connectionId, ids);
      const observedAt = new Map(due.signals.map((s) => [s.ref, Date.parse(s.occurredAt)]));
      const summary = await this.deps.pusher.push(rt, { trigger: 'signals', items, entries, observedAt });
      return summary.retryable ? 'retry' : 'done';
    });

  flushProducts = (due: DueSignals): Promise<FlushResult> =>
    this.guarded(due, async (rt) => {
      const ids = due.signals.map((s) => Number(s.ref)).filter((id) => Number.isSafeInteger(id) && id > 0);
      const scans = await rt.store.productsByIds(ids);
      const fresh = await this.deps.skuMaps.refreshProducts(rt, ids, scans);
      if (fresh.length === 0) return 'done';
      await this.deps.pusher.committed.readBack(rt, fresh);
      const items = await rt.bc.readItems(fresh.map((e) => e.bcItemId));
      const summary = await this.deps.pusher.push(rt, { trigger: 'map-refresh', items, entries: fresh });
      return summary.retryable ? 'retry' : 'done';
    });

  /**
   * The mapping table changed (`ml-connector mappings sku set|import`, no signal): re-classify the map and make the
   * items of SKUs that are new or now point at another item pending, so their window pushes them (retried and kept
   * across restarts like any signal). Run periodically per connection; nothing happens before the map's first build.
   */
  flushMappings = (connectionId: string): Promise<FlushResult> =>
    this.guarded(
      { connectionId, signals: [] },
      async (rt) => {
        await this.requeueRemapped(rt);
        return 'done';
      },
      false,
    );

  private async requeueRemapped(rt: ConnectionRuntime): Promise<void> {
    const remapped = await this.deps.skuMaps.applyMappingChanges(rt);
    if (remapped.length === 0) return;
    await this.deps.requeueItems(rt.connectionId, [...new Set(remapped.map((e) => e.bcItemId))]);
    this.deps.logger.info({ connectionId: rt.connectionId, skus: remapped.length }, 'mapping table changed; remapped SKUs queued');
  }

  /** Runs `work` under the connection's lock; a map never built gets a full sync instead, unless `buildIfMissing` is false. */
  private async guarded(
    due: DueSignals,
    work: (rt: ConnectionRuntime) => Promise<FlushResult>,
    buildIfMissing = true,
  ): Promise<FlushResult> {
    const { connectionId } = due;
    try {
      const rt = await this.deps.runtimes.get(connectionId);
      return await this.deps.locks.run(connectionId, async () => {
        if (!(await this.deps.skuMaps.isBuilt(connectionId))) {
          if (!buildIfMissing) return 'done';
          const summary = await this.deps.fullSync.run(rt, { trigger: 'signals' });
          return summary.push.retryable ? 'retry' : 'done';
        }
        return work(rt);
      });
    } catch (err) {
      const disposition = dispositionOf(err);
      if (disposition === 'retry') throw err;
      if (disposition === 'crash') throw err;
      const gone = err instanceof PermanentError && err.code === 'NOT_FOUND';
      this.deps.logger.error(
        { connectionId, signals: due.signals.length, err: describeError(err) },
        gone ? 'signals of an unknown connection dropped' : 'coalesced push failed permanently; signals dropped',
      );
      return 'done';
    }
  }
}
