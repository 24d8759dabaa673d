import {
  BcItemType,
  SKU_SKIP_REASONS,
  SkippedSku,
  SkuMap,
  SkuMapCounts,
  SkuMapEntry,
  SkuSkipReason,
  StoreSkuRow,
} from './sku-map';

/** The BC item fields the SKU map needs (`items?$select=id,number,gtin,type,blocked`). */
export interface BcItemRef {
  readonly id: string;
  readonly number: string;
  readonly gtin?: string;
  readonly type: BcItemType;
  readonly blocked: boolean;
}

/**
 * How a store SKU finds its BC item. `item-number` compares case-insensitively (BC stores numbers uppercase),
 * `gtin` compares exactly. Explicit links (the operator's mapping table: store SKU -> BC item id, or -> BC item
 * number while the id is not known yet) win over everything, then the link of the previous map (kept by item id, so
 * a renamed item keeps working), then the mode. In `mapping-table` mode the explicit links are the only way: a SKU
 * without one is `not-mapped`, and a link removed from the table unmaps its SKU (no kept link).
 */
export interface SkuMatchRule {
  readonly mode: 'item-number' | 'gtin' | 'mapping-table';
  /** Store SKU -> BC item id. */
  readonly explicit?: Readonly<Record<string, string>>;
  /** Store SKU -> BC item number, for links whose item id is not known yet (`explicit` wins for the same SKU). */
  readonly explicitNumbers?: Readonly<Record<string, string>>;
}

/** One row of the operator's mapping table (`ml-connector mappings sku set|import`). */
export interface SkuMappingRow {
  readonly sku: string;
  readonly itemId: string | null;
  readonly itemNumber: string;
}

/** The match rule of a connection: its mode plus the explicit links of its mapping table. */
export function skuMatchRule(mode: SkuMatchRule['mode'], rows: readonly SkuMappingRow[]): SkuMatchRule {
  const explicit: Record<string, string> = {};
  const explicitNumbers: Record<string, string> = {};
  for (const row of rows) {
    const sku = row.sku.trim();
    if (sku === '') continue;
    if (row.itemId) explicit[sku] = row.itemId.toLowerCase();
    else explicitNumbers[sku] = row.itemNumber.trim().toUpperCase();
  }
  return { mode, explicit, explicitNumbers };
}

/** The store SKUs whose BC item is named by the rule without a lookup by SKU: explicit ids and explicit numbers. */
export function explicitTargets(rule: SkuMatchRule, skus: readonly string[]): { ids: string[]; numbers: string[] } {
  const ids = new Set<string>();
  const numbers = new Set<string>();
  for (const sku of skus) {
    const id = rule.explicit?.[sku];
    const number = rule.explicitNumbers?.[sku];
    if (id !== undefined) ids.add(id);
    else if (number !== undefined) numbers.add(number);
  }
  return { ids: [...ids], numbers: [...numbers] };
}

/** Whether `item` could be the BC item of one of `rows` under `rule` (an item the map has not seen yet). */
export function itemMatchesAnyRow(rule: SkuMatchRule, rows: readonly StoreSkuRow[], item: BcItemRef): boolean {
  const number = item.number.toUpperCase();
  return rows.some((row) => {
    const id = rule.explicit?.[row.sku];
    if (id !== undefined) return id === item.id.toLowerCase();
    const explicitNumber = rule.explicitNumbers?.[row.sku];
    if (explicitNumber !== undefined) return explicitNumber === number;
    if (rule.mode === 'item-number') return row.sku.toUpperCase() === number;
    if (rule.mode === 'gtin') return item.gtin !== undefined && item.gtin === row.sku;
    return false;
  });
}

export interface BuildSkuMapInput {
  readonly rows: readonly StoreSkuRow[];
  readonly items: readonly BcItemRef[];
  readonly match: SkuMatchRule;
  /** The previous map's entries: their last pushed values carry over when store ids and BC item are unchanged. */
  readonly previous?: readonly SkuMapEntry[];
}

type Resolution = { item: BcItemRef } | { reason: SkuSkipReason };

interface ItemIndex {
  readonly byId: ReadonlyMap<string, BcItemRef>;
  readonly byNumber: ReadonlyMap<string, BcItemRef[]>;
  readonly byGtin: ReadonlyMap<string, BcItemRef[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexItems(items: readonly BcItemRef[]): ItemIndex {
  const byId = new Map<string, BcItemRef>();
  const byNumber = new Map<string, BcItemRef[]>();
  const byGtin = new Map<string, BcItemRef[]>();
  for (const item of items) {
    byId.set(item.id, item);
    byId.set(item.id.toLowerCase(), item);
    push(byNumber, item.number.toUpperCase(), item);
    if (item.gtin) push(byGtin, item.gtin, item);
  }
  return { byId, byNumber, byGtin };
}

function resolve(row: StoreSkuRow, index: ItemIndex, rule: SkuMatchRule, previous?: SkuMapEntry): Resolution {
  const explicitId = rule.explicit?.[row.sku];
  if (explicitId !== undefined) {
    const item = index.byId.get(explicitId) ?? index.byId.get(explicitId.toLowerCase());
    return item ? { item } : { reason: 'missing-in-bc' };
  }
  const explicitNumber = rule.explicitNumbers?.[row.sku];
  if (explicitNumber !== undefined) {
    const [only, ...others] = index.byNumber.get(explicitNumber.toUpperCase()) ?? [];
    if (only === undefined) return { reason: 'missing-in-bc' };
    return others.length > 0 ? { reason: 'duplicate-sku' } : { item: only };
  }
  if (rule.mode === 'mapping-table') return { reason: 'not-mapped' };
  const kept = previous ? index.byId.get(previous.bcItemId) : undefined;
  if (kept) return { item: kept };
  const candidates =
    rule.mode === 'item-number' ? index.byNumber.get(row.sku.toUpperCase()) : index.byGtin.get(row.sku);
  const [only, ...others] = candidates ?? [];
  if (only === undefined) return { reason: 'missing-in-bc' };
  return others.length > 0 ? { reason: 'duplicate-sku' } : { item: only };
}

function itemSkipReason(item: BcItemRef, row: StoreSkuRow): SkuSkipReason | undefined {
  if (item.type === 'Service') return 'bc-service-item';
  if (item.type === 'Non-Inventory') return 'bc-non-inventory-item';
  if (item.blocked) return 'bc-blocked';
  if (row.inventoryTracking === 'none') return 'store-not-tracked';
  return undefined;
}

function toEntry(row: StoreSkuRow, item: BcItemRef, previous?: SkuMapEntry): SkuMapEntry {
  const entry: SkuMapEntry = { ...row, bcItemId: item.id };
  const same =
    previous !== undefined &&
    previous.bcItemId === item.id &&
    previous.storeProductId === row.storeProductId &&
    previous.storeVariantId === row.storeVariantId &&
    previous.inventoryTracking === row.inventoryTracking;
  if (!same) return entry;
  return {
    ...entry,
    ...(previous.lastPushedPrice !== undefined && { lastPushedPrice: previous.lastPushedPrice }),
    ...(previous.lastPushedLevel !== undefined && { lastPushedLevel: previous.lastPushedLevel }),
    ...(previous.stockBasis !== undefined && { stockBasis: previous.stockBasis }),
  };
}

function skippedRow(row: StoreSkuRow, reason: SkuSkipReason, bcItemId?: string): SkippedSku {
  return {
    sku: row.sku,
    reason,
    storeProductId: row.storeProductId,
    ...(row.storeVariantId !== undefined && { storeVariantId: row.storeVariantId }),
    ...(bcItemId !== undefined && { bcItemId }),
  };
}

function countOf(entries: readonly SkuMapEntry[], skipped: readonly SkippedSku[]): SkuMapCounts {
  const counts = Object.fromEntries(SKU_SKIP_REASONS.map((r) => [r, 0])) as Record<SkuSkipReason, number>;
  for (const s of skipped) counts[s.reason] += 1;
  return { mapped: entries.length, ...counts };
}

/**
 * Joins the store's SKUs with BC items and classifies each SKU: mapped, or skipped with a reason from
 * {@link SKU_SKIP_REASONS}. A SKU on two store rows, a SKU matching two BC items, and two store SKUs feeding the
 * same BC item are all `duplicate-sku`: pushing one item's stock to two listings would sell it twice.
 */
export function buildSkuMap(input: BuildSkuMapInput): SkuMap {
  const index = indexItems(input.items);
  const previousBySku = new Map((input.previous ?? []).map((e) => [e.sku, e]));
  const rowsBySku = new Map<string, StoreSkuRow[]>();
  for (const row of input.rows) push(rowsBySku, row.sku, row);

  const skipped: SkippedSku[] = [];
  const resolved: Array<{ row: StoreSkuRow; item: BcItemRef }> = [];
  // Store rows per BC item, duplicates included: one item feeding two listings is a duplicate too.
  const rowsPerItem = new Map<string, number>();
  for (const [sku, [row, ...others]] of rowsBySku) {
    if (row === undefined) continue;
    const resolution = resolve(row, index, input.match, previousBySku.get(sku));
    const itemId = 'item' in resolution ? resolution.item.id : undefined;
    if (itemId !== undefined) rowsPerItem.set(itemId, (rowsPerItem.get(itemId) ?? 0) + 1 + others.length);
    if (others.length > 0) skipped.push(...[row, ...others].map((r) => skippedRow(r, 'duplicate-sku', itemId)));
    else if ('reason' in resolution) skipped.push(skippedRow(row, resolution.reason));
    else resolved.push({ row, item: resolution.item });
  }

  const entries: SkuMapEntry[] = [];
  for (const { row, item } of resolved) {
    const reason = (rowsPerItem.get(item.id) ?? 0) > 1 ? 'duplicate-sku' : itemSkipReason(item, row);
    if (reason) skipped.push(skippedRow(row, reason, item.id));
    else entries.push(toEntry(row, item, previousBySku.get(row.sku)));
  }
  for (const item of input.items) {
    if (!rowsPerItem.has(item.id)) skipped.push({ sku: item.number, reason: 'missing-in-store', bcItemId: item.id });
  }
  return { entries, skipped, counts: countOf(entries, skipped), storeRows: [...input.rows] };
}

/** One BC item that more than one store listing resolved to: none of them is pushed (see {@link buildSkuMap}). */
export interface SharedItem {
  readonly bcItemId: string;
  /** The BC item number, when the map knew the item. */
  readonly bcItemNumber?: string;
  /** The listings that resolved to it, in the order the map skipped them. */
  readonly listings: readonly SkippedSku[];
}

/**
 * The BC items a build refused because two or more store listings resolved to them (`duplicate-sku` rows that name
 * their item). Each needs an operator: the store cannot be given one item's stock twice.
 */
export function sharedItems(map: Pick<SkuMap, 'skipped'>, items: readonly BcItemRef[]): SharedItem[] {
  const numbers = new Map(items.map((i) => [i.id.toLowerCase(), i.number]));
  const byItem = new Map<string, SkippedSku[]>();
  for (const s of map.skipped) {
    if (s.reason === 'duplicate-sku' && s.bcItemId !== undefined) push(byItem, s.bcItemId, s);
  }
  return [...byItem]
    .filter(([, listings]) => listings.length > 1)
    .map(([bcItemId, listings]) => {
      const bcItemNumber = numbers.get(bcItemId.toLowerCase());
      return { bcItemId, ...(bcItemNumber !== undefined && { bcItemNumber }), listings };
    });
}
