import { SkuMapCounts, SkuMapEntry, storeRowsOfCatalog, StoreSkuRow } from '@mlc/catalog';
import type { BcItemRead } from '../gateways/bc-item-source.port';
import { inventoryKeyOf } from '../gateways/store-gateway.port';
import type { PushTrigger } from '../persistence/push-log.repository';
import type { SkuMapRepository } from '../persistence/sku-map.repository';
import type { CatalogPusher } from '../push/catalog-pusher';
import type { ConnectionRuntime } from '../push/connection-runtime';
import type { PushSummary } from '../push/push-outcomes';
import type { SkuMapService } from './sku-map.service';

export type SyncPhase = 'scan-store' | 'read-bc' | 'map' | 'read-levels' | 'push' | 'done';

/** Progress of a full sync: the phase, and within it what is done of how much (when known). */
export interface SyncProgress {
  readonly phase: SyncPhase;
  readonly done: number;
  readonly total?: number;
}

export interface FullSyncOptions {
  readonly trigger: PushTrigger;
  readonly dryRun?: boolean;
  /** Read store levels and let the plan measure and correct drift. */
  readonly withLevels?: boolean;
  readonly onProgress?: (progress: SyncProgress) => void;
}

export interface FullSyncSummary {
  readonly map: SkuMapCounts;
  readonly push: PushSummary;
}

/**
 * Everything once: scan the store's products, read every BC item, rebuild the SKU map, read the store's levels
 * (leaving out SKUs adjusted too recently for the store to show it) and push. Used by the backfill command and by the
 * periodic drift check. The caller holds the connection's lock.
 */
export class FullSync {
  constructor(
    private readonly skuMaps: SkuMapService,
    private readonly skuRepo: SkuMapRepository,
    private readonly pusher: CatalogPusher,
    private readonly timing: { readonly settleMs: number; readonly stableMs: number },
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}


  async run(rt: ConnectionRuntime, options: FullSyncOptions): Promise<FullSyncSummary> {
    const report = options.onProgress ?? (() => undefined);
    const rows: StoreSkuRow[] = [];
    let products = 0;
    for await (const page of rt.store.scanProducts()) {
      products += page.length;
      rows.push(...storeRowsOfCatalog(page));
      report({ phase: 'scan-store', done: products });
    }
    await this.pusher.committed.readBack(rt, await this.skuRepo.entries(rt.connectionId));
    const items: BcItemRead[] = [];
    for await (const page of rt.bc.readAll()) {
      items.push(...page);
      report({ phase: 'read-bc', done: items.length });
    }
    report({ phase: 'map', done: 0 });
    const map = await this.skuMaps.rebuild(rt, rows, items, options.dryRun ?? false);
    const storeLevels = options.withLevels ? await this.levels(rt, map.entries, report) : undefined;
    const push = await this.pusher.push(rt, {
      trigger: options.trigger,
      items,
      entries: map.entries,
      ...(storeLevels && { storeLevels }),
      dryRun: options.dryRun ?? false,
      onProgress: (done, total) => report({ phase: 'push', done, total }),
    });
    report({ phase: 'done', done: 1, total: 1 });
    return { map: map.counts, push };
  }

  /**
   * Store levels for the drift check, read twice `stableMs` apart: a SKU whose level moved in between has an order in
   * flight whose event may not have arrived yet, so it is left out (an absolute correction would re-open the stock
   * that order took). SKUs adjusted within `settleMs` are left out too: the store applies adjustments asynchronously.
   */
  private async levels(
    rt: ConnectionRuntime,
    entries: readonly SkuMapEntry[],
    report: (p: SyncProgress) => void,
  ): Promise<Record<string, number>> {
    const first = await this.readLevels(rt, report);
    if (this.timing.stableMs > 0) await this.sleep(this.timing.stableMs);
    const second = this.timing.stableMs > 0 ? await this.readLevels(rt, report) : first;
    const unsettled = await this.skuRepo.recentlyAdjusted(rt.connectionId, new Date(this.now() - this.timing.settleMs));
    const levels: Record<string, number> = {};
    for (const entry of entries) {
      const key = inventoryKeyOf(entry);
      if (key === undefined || unsettled.has(entry.sku)) continue;
      const level = second.get(key);
      if (level !== undefined && level === first.get(key)) levels[entry.sku] = level;
    }
    return levels;
  }

  private async readLevels(rt: ConnectionRuntime, report: (p: SyncProgress) => void): Promise<Map<string, number>> {
    const onHand = new Map<string, number>();
    for await (const page of rt.store.levels(rt.settings.bigcommerceLocationId)) {
      for (const level of page) {
        onHand.set(`p${level.productId}`, level.onHand);
        if (level.variantId !== undefined) onHand.set(`v${level.variantId}`, level.onHand);
      }
      report({ phase: 'read-levels', done: onHand.size });
    }
    return onHand;
  }
}
