import { Decimal } from '@mlc/platform-money';
import { CommittedIndex, CommittedStockState, indexCommitted } from './committed-stock';
import {
  PartCounts,
  PlanWarning,
  PriceOutcome,
  SkuOutcome,
  StockOutcome,
  UnmatchedItem,
  countParts,
  itemSkipReason,
} from './plan-outcome';
import { PriceFacts, storePriceOf } from './price-conversion';
import { CatalogSyncSettings } from './settings';
import { BcItemType, SkuMapEntry } from './sku-map';
import { DriftReport, decideStock } from './stock-drift';
import {
  InventoryAdjustmentItem,
  InventoryItemRef,
  Keyed,
  PriceUpdate,
  StoreWrite,
  absoluteStockWrites,
  productPriceWrites,
  relativeStockWrites,
  variantPriceWrites,
} from './store-writes';

/** A BC item as read (`items?$select=id,number,type,blocked,inventory,unitPrice,priceIncludesTax`). */
export interface BcItemSnapshot {
  readonly id: string;
  readonly number: string;
  readonly type: BcItemType;
  readonly blocked: boolean;
  /**
   * Total over all BC locations; may be fractional or negative. BC sends JSON numbers: convert them with
   * `Decimal.fromWireNumber` (a non-integer JS number is refused).
   */
  readonly inventory: Decimal | string | number;
  readonly unitPrice: Decimal | string;
  readonly priceIncludesTax: boolean;
  /** When the item was read (epoch ms, the start of the BC request): orders BC absorbed later still commit. */
  readonly observedAt: number;
}

/** Everything a plan depends on; nothing is read from the outside. */
export interface PlanCatalogInput {
  /** Fresh snapshots of the items to push (changed items, or all for a backfill). */
  readonly items: readonly BcItemSnapshot[];
  /** Mapped SKUs (`SkuMap.entries`). */
  readonly entries: readonly SkuMapEntry[];
  readonly committed: CommittedStockState | CommittedIndex;
  readonly settings: CatalogSyncSettings;
  readonly prices: PriceFacts;
  /**
   * Store levels at the configured location, by SKU, read for a drift check while no adjustment of that SKU was
   * pending (inventory writes apply asynchronously). SKUs without a level get no drift check.
   */
  readonly storeLevels?: Readonly<Record<string, number>>;
  readonly now: number;
  readonly adjustmentReason?: string;
}

/**
 * The plan: requests in the order to send them, one at a time (catalog price batches first, inventory calls after,
 * never an inventory call beside a bulk catalog call), and what happens to each SKU.
 */
export interface CatalogPlan {
  readonly writes: readonly StoreWrite[];
  readonly outcomes: readonly SkuOutcome[];
  readonly unmatchedItems: readonly UnmatchedItem[];
  readonly drift: readonly DriftReport[];
  readonly warnings: readonly PlanWarning[];
  readonly counts: { readonly price: PartCounts; readonly stock: PartCounts };
}

interface Collector {
  readonly variantPrices: Keyed<PriceUpdate>[];
  readonly productPrices: Keyed<PriceUpdate>[];
  readonly absolute: Keyed<InventoryAdjustmentItem>[];
  readonly relative: Keyed<InventoryAdjustmentItem>[];
  readonly warnings: Map<string, PlanWarning>;
}

function latestSnapshots(items: readonly BcItemSnapshot[]): BcItemSnapshot[] {
  const byId = new Map<string, BcItemSnapshot>();
  for (const item of items) {
    const seen = byId.get(item.id);
    if (!seen || item.observedAt >= seen.observedAt) byId.set(item.id, item);
  }
  return [...byId.values()];
}

function planPrice(entry: SkuMapEntry, item: BcItemSnapshot, input: PlanCatalogInput, out: Collector): PriceOutcome {
  if (!input.settings.pushPrices) return { status: 'skipped', reason: 'push-prices-disabled' };
  const result = storePriceOf(Decimal.from(item.unitPrice), item.priceIncludesTax, input.prices, input.settings);
  if (!result.ok) {
    const seen = out.warnings.get(result.warning);
    out.warnings.set(result.warning, { reason: result.reason, message: result.warning, count: (seen?.count ?? 0) + 1 });
    return { status: 'skipped', reason: result.reason, warning: result.warning };
  }
  const to = result.price.toString();
  if (entry.lastPushedPrice !== undefined && result.price.eq(entry.lastPushedPrice)) {
    return { status: 'unchanged', price: to };
  }
  const price = result.price.toWireNumber();
  if (entry.kind === 'variant' && entry.storeVariantId !== undefined) {
    out.variantPrices.push({ sku: entry.sku, value: { id: entry.storeVariantId, price } });
  } else {
    out.productPrices.push({ sku: entry.sku, value: { id: entry.storeProductId, price } });
  }
  return { status: 'changed', to, ...(entry.lastPushedPrice !== undefined && { from: entry.lastPushedPrice }) };
}

/** The inventory item reference for the SKU's tracking mode, or why its stock is not pushed. */
function inventoryRefOf(entry: SkuMapEntry, settings: CatalogSyncSettings): InventoryItemRef | StockOutcome {
  if (!settings.pushStock) return { status: 'skipped', reason: 'push-stock-disabled' };
  if (entry.inventoryTracking === 'none') return { status: 'skipped', reason: 'store-not-tracked' };
  if (entry.inventoryTracking === 'product') {
    return entry.kind === 'variant'
      ? { status: 'skipped', reason: 'tracked-by-product' }
      : { product_id: entry.storeProductId };
  }
  if (entry.storeVariantId === undefined) return { status: 'skipped', reason: 'missing-variant-id' };
  return { variant_id: entry.storeVariantId };
}

function planStock(
  entry: SkuMapEntry,
  item: BcItemSnapshot,
  input: PlanCatalogInput,
  committed: CommittedIndex,
  out: Collector,
): { stock: StockOutcome; drift?: DriftReport } {
  const ref = inventoryRefOf(entry, input.settings);
  if ('status' in ref) return { stock: ref };
  const storeLevel = input.storeLevels?.[entry.sku];
  const decision = decideStock({
    entry,
    inventory: Decimal.from(item.inventory),
    observedAt: item.observedAt,
    committed,
    ...(storeLevel !== undefined && { storeLevel }),
    now: input.now,
    driftAlarmThreshold: input.settings.driftAlarmThreshold,
    driftCorrectionQuietMs: input.settings.driftCorrectionQuietMs,
  });
  const drift = decision.drift === undefined ? {} : { drift: decision.drift };
  const { target, nextBasis, change } = decision;
  const location_id = input.settings.bigcommerceLocationId;
  if (change.action === 'absolute') {
    out.absolute.push({ sku: entry.sku, value: { ...ref, location_id, quantity: change.level } });
    return {
      stock: { status: 'changed', mode: 'absolute', why: change.why, level: change.level, target, nextBasis },
      ...drift,
    };
  }
  if (change.action === 'relative') {
    out.relative.push({ sku: entry.sku, value: { ...ref, location_id, quantity: change.delta } });
    return { stock: { status: 'changed', mode: 'relative', delta: change.delta, target, nextBasis }, ...drift };
  }
  return { stock: { status: 'unchanged', target, nextBasis }, ...drift };
}

function planEntry(
  entry: SkuMapEntry,
  item: BcItemSnapshot,
  input: PlanCatalogInput,
  committed: CommittedIndex,
  out: Collector,
): SkuOutcome {
  const base = { sku: entry.sku, bcItemId: item.id };
  const reason = itemSkipReason(item.type, item.blocked);
  if (reason) return { ...base, price: { status: 'skipped', reason }, stock: { status: 'skipped', reason } };
  const price = planPrice(entry, item, input, out);
  return { ...base, price, ...planStock(entry, item, input, committed, out) };
}

/**
 * Plans the store writes for fresh BC item snapshots: prices where they differ from the last pushed, stock as
 * relative adjustments (absolute only for a first push or a drift correction with no order in flight; the model is
 * described in `stock-drift.ts`), batched to the API limits. Pure: the caller sends `writes` in order, then records
 * each SKU with `recordPushResult`.
 */
export function planCatalogUpdates(input: PlanCatalogInput): CatalogPlan {
  const committed = 'orders' in input.committed ? indexCommitted(input.committed) : input.committed;
  const entriesByItem = new Map<string, SkuMapEntry[]>();
  for (const e of input.entries) {
    const list = entriesByItem.get(e.bcItemId);
    if (list) list.push(e);
    else entriesByItem.set(e.bcItemId, [e]);
  }
  const out: Collector = { variantPrices: [], productPrices: [], absolute: [], relative: [], warnings: new Map() };
  const outcomes: SkuOutcome[] = [];
  const unmatchedItems: UnmatchedItem[] = [];
  for (const item of latestSnapshots(input.items)) {
    const entries = entriesByItem.get(item.id);
    if (!entries) unmatchedItems.push({ bcItemId: item.id, number: item.number, reason: 'missing-in-store' });
    for (const entry of entries ?? []) outcomes.push(planEntry(entry, item, input, committed, out));
  }
  const writes: StoreWrite[] = [
    ...variantPriceWrites(out.variantPrices),
    ...productPriceWrites(out.productPrices),
    ...absoluteStockWrites(out.absolute, input.adjustmentReason),
    ...relativeStockWrites(out.relative, input.adjustmentReason),
  ];
  return {
    writes,
    outcomes,
    unmatchedItems,
    drift: outcomes.flatMap((o) => (o.drift ? [o.drift] : [])),
    warnings: [...out.warnings.values()],
    counts: { price: countParts(outcomes.map((o) => o.price)), stock: countParts(outcomes.map((o) => o.stock)) },
  };
}
