import {
  BcItemRef,
  buildSkuMap,
  explicitTargets,
  itemMatchesAnyRow,
  replaceProductRows,
  sharedItems,
  SkuMap,
  SkuMapEntry,
  SkuMatchRule,
  skuMatchRule,
  StoreProductScan,
  StoreSkuRow,
} from '@mlc/catalog';
import { describeError } from '@mlc/platform-errors';
import type { Logger } from '@mlc/platform-observability';
import { BcItemRead, itemRefOf } from '../gateways/bc-item-source.port';
import type { SkuMappingsSource } from '../persistence/sku-mappings.repository';
import type { SkuMapRepository } from '../persistence/sku-map.repository';
import type { ConnectionRuntime } from '../push/connection-runtime';
import type { OutcomeSink } from '../push/outcome-sink';
import { sharedItemOutcomes } from './shared-items';

interface Rule {
  readonly rule: SkuMatchRule;
  /** Identifies the mapping table's content the rule was made from. */
  readonly key: string;
}

/**
 * Keeps each connection's SKU map (`@mlc/catalog` `buildSkuMap`): built from a full store scan and a full BC item
 * read, then re-classified in memory from the stored rows and item refs when a product signal or a newly seen item
 * changes part of it. Last pushed values carry over for SKUs whose store ids and BC item stay the same.
 *
 * The match rule is the connection's `orders.skuMapping` mode plus the operator's mapping table (read on every use,
 * so catalog-writer maps a SKU to the item its orders go to): explicit links win in every mode, and are the only way
 * in `mapping-table` mode. A change of the table re-classifies the map ({@link applyMappingChanges}).
 */
export class SkuMapService {
  /** The mapping table content each connection's stored map was last classified with (this process). */
  private readonly appliedKeys = new Map<string, string>();
  /** Per connection, the shared items last reported (so a map build that finds the same ones says nothing new). */
  private readonly reportedShared = new Map<string, string>();

  constructor(
    private readonly repo: SkuMapRepository,
    private readonly mappings: SkuMappingsSource,
    private readonly logger: Logger,
    /** Where listings that need an operator (one BC item linked to two listings) are reported. */
    private readonly attention?: OutcomeSink,
    private readonly now: () => number = Date.now,
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
    const { rule, key } = await this.rule(rt);
    const map = buildSkuMap({ rows, items: refs, match: rule, previous });
    if (!dryRun) {
      await this.repo.replaceMap(rt.connectionId, map, refs);
      this.appliedKeys.set(rt.connectionId, key);
      await this.reportShared(rt.connectionId, map, refs, true);
    }
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
    const skus = scans.flatMap((s) => rows.filter((r) => r.storeProductId === s.id).map((r) => r.sku));
    const rule = await this.rule(rt);
    const found = await this.itemsFor(rt, rule.rule, skus);
    await this.repo.upsertItemRefs(connectionId, found.map(itemRefOf));
    if (JSON.stringify(rows) === before && found.length === 0) return [];
    return this.reclassify(rt, rows, rule);
  }

  /**
   * Re-classifies the map when the mapping table changed since this process last classified it (`mappings sku
   * set|import` sends no signal). Items a link names that the map has not seen are read from BC first. Returns the
   * entries that are new or now point elsewhere: they need a first push. Nothing happens before the first build.
   */
  async applyMappingChanges(rt: ConnectionRuntime): Promise<SkuMapEntry[]> {
    const rule = await this.rule(rt);
    if (this.appliedKeys.get(rt.connectionId) === rule.key) return [];
    if (!(await this.isBuilt(rt.connectionId))) return [];
    const rows = await this.repo.storeRows(rt.connectionId);
    const known = await this.repo.itemRefs(rt.connectionId);
    const ids = new Set(known.map((i) => i.id.toLowerCase()));
    const numbers = new Set(known.map((i) => i.number.toUpperCase()));
    const targets = explicitTargets(
      rule.rule,
      rows.map((r) => r.sku),
    );
    const missingIds = targets.ids.filter((id) => !ids.has(id.toLowerCase()));
    const missingNumbers = targets.numbers.filter((n) => !numbers.has(n));
    const found = [
      ...(missingIds.length > 0 ? await rt.bc.readItems(missingIds) : []),
      ...(missingNumbers.length > 0 ? await rt.bc.findByKeys('item-number', missingNumbers) : []),
    ];
    await this.repo.upsertItemRefs(rt.connectionId, found.map(itemRefOf));
    return this.reclassify(rt, rows, rule);
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
    const rule = await this.rule(rt);
    if (!unused.some((i) => itemMatchesAnyRow(rule.rule, rows, itemRefOf(i)))) return [];
    return this.reclassify(rt, rows, rule);
  }

  /** The connection's match rule: its mode and its mapping table as it is now. */
  private async rule(rt: ConnectionRuntime): Promise<Rule> {
    const rows = await this.mappings.rows(rt.connectionId);
    return { rule: skuMatchRule(rt.match.mode, rows), key: JSON.stringify(rows) };
  }

  /**
   * BC items that store SKUs may map to: the items their links name (by id, or by number), and for SKUs without a
   * link the items found by the mode's key (none in `mapping-table` mode).
   */
  private async itemsFor(rt: ConnectionRuntime, rule: SkuMatchRule, skus: readonly string[]): Promise<BcItemRead[]> {
    if (skus.length === 0) return [];
    const targets = explicitTargets(rule, skus);
    const unlinked = skus.filter((s) => rule.explicit?.[s] === undefined && rule.explicitNumbers?.[s] === undefined);
    const found: BcItemRead[] = [];
    if (targets.ids.length > 0) found.push(...(await rt.bc.readItems(targets.ids)));
    if (targets.numbers.length > 0) found.push(...(await rt.bc.findByKeys('item-number', targets.numbers)));
    if (unlinked.length > 0 && rule.mode !== 'mapping-table') found.push(...(await rt.bc.findByKeys(rule.mode, unlinked)));
    return found;
  }

  private async reclassify(rt: ConnectionRuntime, rows: readonly StoreSkuRow[], rule: Rule): Promise<SkuMapEntry[]> {
    const previous = await this.repo.entries(rt.connectionId);
    const refs = await this.repo.itemRefs(rt.connectionId);
    const map = buildSkuMap({ rows, items: refs, match: rule.rule, previous });
    await this.repo.replaceMap(rt.connectionId, map, []);
    this.appliedKeys.set(rt.connectionId, rule.key);
    await this.reportShared(rt.connectionId, map, refs);
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

  /**
   * Reports every BC item that two or more store listings resolved to (the map pushes none of them): a warning, and
   * a `skipped` outcome per listing naming the other listings and the fix. A full build (backfill, drift check) always
   * reports them; the frequent incremental re-classifications (any product webhook) only when the set changes.
   */
  private async reportShared(connectionId: string, map: SkuMap, refs: readonly BcItemRef[], always = false): Promise<void> {
    const shared = sharedItems(map, refs);
    const fingerprint = JSON.stringify(shared.map((s) => [s.bcItemId, s.listings.map((l) => l.sku).sort()]).sort());
    if (!always && fingerprint === (this.reportedShared.get(connectionId) ?? '[]')) return;
    if (shared.length === 0) {
      this.reportedShared.delete(connectionId);
      return;
    }
    const outcomes = sharedItemOutcomes(connectionId, shared, new Date(this.now()).toISOString());
    for (const s of shared) {
      const skus = s.listings.map((l) => l.sku);
      this.logger.warn({ connectionId, bcItemId: s.bcItemId, skus }, 'one BC item linked to several store listings: none pushed');
    }
    try {
      await this.attention?.publish(outcomes);
      this.reportedShared.set(connectionId, fingerprint);
    } catch (err) {
      // The map is saved and its new entries must still be pushed: the next build that finds it reports it again.
      this.logger.warn({ connectionId, err: describeError(err) }, 'listings needing attention not published');
    }
  }
}
