import {
  buildSkuMap,
  replaceProductRows,
  SkuMap,
  SkuMapEntry,
  StoreProductScan,
  StoreSkuRow,
} from '@mlc/catalog';
import type { Logger } from '@mlc/platform-observability';
import { BcItemRead, itemRefOf } from '../gateways/bc-item-source.port';
import type { SkuMapRepository } from '../persistence/sku-map.repository';
import type { ConnectionRuntime } from '../push/connection-runtime';

/**
 * Keeps each connection's SKU map (`@mlc/catalog` `buildSkuMap`): built from a full store scan and a full BC item
 * read, then re-classified in memory from the stored rows and item refs when a product signal or a newly seen item
 * changes part of it. Last pushed values carry over for SKUs whose store ids and BC item stay the same.
 */
export class SkuMapService {
  constructor(
    private readonly repo: SkuMapRepository,
    private readonly logger: Logger,
  ) {}

  /** Builds the map from complete scans; persisted unless `dryRun`. */
  async rebuild(
    rt: ConnectionRuntime,
    rows: readonly StoreSkuRow[],
    items: readonly BcItemRead[],
    dryRun = false,
  ): Promise<SkuMap> {
    const previous = await this.repo.entries(rt.connectionId);
    const refs = items.map(itemRefOf);
    const map = buildSkuMap({ rows, items: refs, match: rt.match, previous });
    if (!dryRun) await this.repo.replaceMap(rt.connectionId, map, refs);
    this.logger.info({ connectionId: rt.connectionId, counts: map.counts, dryRun }, 'SKU map built');
    return map;
  }

  async isBuilt(connectionId: string): Promise<boolean> {
    return (await this.repo.lastBuild(connectionId)) !== undefined;
  }

  /**
   * Applies fresh scans of products (a requested id missing from `scans` was deleted) and returns the entries that
   * are new or now point elsewhere: they need a first push.
   */
  async refreshProducts(
    rt: ConnectionRuntime,
    productIds: readonly number[],
    scans: readonly StoreProductScan[],
  ): Promise<SkuMapEntry[]> {
    const { connectionId } = rt;
    let rows = await this.repo.storeRows(connectionId);
    const before = JSON.stringify(rows);
    const byId = new Map(scans.map((s) => [s.id, s]));
    for (const id of new Set(productIds)) rows = replaceProductRows(rows, id, byId.get(id) ?? null);
    const keys = scans.flatMap((s) => rows.filter((r) => r.storeProductId === s.id).map((r) => r.sku));
    const found = keys.length > 0 ? await rt.bc.findByKeys(rt.match.mode, keys) : [];
    await this.repo.upsertItemRefs(connectionId, found.map(itemRefOf));
    if (JSON.stringify(rows) === before && found.length === 0) return [];
    return this.reclassify(rt, rows);
  }

  /**
   * Items read for a push refresh their stored refs; an item no entry uses but a stored store row matches (created
   * after the last build, or renumbered) re-classifies the map. Returns entries that are new or remapped.
   */
  async learnItems(rt: ConnectionRuntime, items: readonly BcItemRead[], used: ReadonlySet<string>) {
    if (items.length === 0) return [];
    await this.repo.upsertItemRefs(rt.connectionId, items.map(itemRefOf));
    const unused = items.filter((i) => !used.has(i.id));
    if (unused.length === 0) return [];
    const rows = await this.repo.storeRows(rt.connectionId);
    const keyOf = (i: BcItemRead) => (rt.match.mode === 'gtin' ? (i.gtin ?? '') : i.number.toUpperCase());
    const rowKeys = new Set(rows.map((r) => (rt.match.mode === 'gtin' ? r.sku : r.sku.toUpperCase())));
    if (!unused.some((i) => rowKeys.has(keyOf(i)))) return [];
    return this.reclassify(rt, rows);
  }

  private async reclassify(rt: ConnectionRuntime, rows: readonly StoreSkuRow[]): Promise<SkuMapEntry[]> {
    const previous = await this.repo.entries(rt.connectionId);
    const refs = await this.repo.itemRefs(rt.connectionId);
    const map = buildSkuMap({ rows, items: refs, match: rt.match, previous });
    await this.repo.replaceMap(rt.connectionId, map, []);
    const old = new Map(previous.map((e) => [e.sku, e]));
    const fresh = map.entries.filter((e) => {
      const was = old.get(e.sku);
      return (
        !was ||
        was.bcItemId !== e.bcItemId ||
        was.storeProductId !== e.storeProductId ||
        was.storeVariantId !== e.storeVariantId ||
        was.inventoryTracking !== e.inventoryTracking
      );
    });
    this.logger.info({ connectionId: rt.connectionId, counts: map.counts, fresh: fresh.length }, 'SKU map updated');
    return fresh;
  }
}
