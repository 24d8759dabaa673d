import { PriceSkipReason } from './price-conversion';
import { BcItemType, SkuSkipReason, StockBasis } from './sku-map';
import { DriftReport } from './stock-drift';

/** An item that was mappable when the map was built but no longer is (its type or blocked flag changed). */
export type ItemSkipReason = Extract<SkuSkipReason, 'bc-service-item' | 'bc-non-inventory-item' | 'bc-blocked'>;

/** Why a SKU's price is not part of a plan. */
export type PricePlanSkipReason = PriceSkipReason | 'push-prices-disabled' | ItemSkipReason;

/** Why a SKU's stock is not part of a plan. */
export type StockPlanSkipReason =
  | 'push-stock-disabled'
  | 'store-not-tracked'
  /** An option variant of a product tracked at product level: one level shared by several BC items. */
  | 'tracked-by-product'
  /** Tracked by variant but the map has no variant id for it. */
  | 'missing-variant-id'
  | ItemSkipReason;

export type PriceOutcome =
  | { readonly status: 'changed'; readonly from?: string; readonly to: string }
  | { readonly status: 'unchanged'; readonly price: string }
  | { readonly status: 'skipped'; readonly reason: PricePlanSkipReason; readonly warning?: string };

/** The stock part of a SKU's outcome; `nextBasis` is what `recordPushResult` stores once applied. */
export type StockOutcome =
  | {
      readonly status: 'changed';
      readonly mode: 'absolute';
      readonly why: 'first-push' | 'drift-correction';
      readonly level: number;
      readonly target: number;
      readonly nextBasis: StockBasis;
    }
  | {
      readonly status: 'changed';
      readonly mode: 'relative';
      readonly delta: number;
      readonly target: number;
      readonly nextBasis: StockBasis;
    }
  | { readonly status: 'unchanged'; readonly target: number; readonly nextBasis: StockBasis }
  | { readonly status: 'skipped'; readonly reason: StockPlanSkipReason };

/** What the plan does for one mapped SKU. */
export interface SkuOutcome {
  readonly sku: string;
  readonly bcItemId: string;
  readonly price: PriceOutcome;
  readonly stock: StockOutcome;
  readonly drift?: DriftReport;
}

/** A BC item in the input that no mapped SKU uses. */
export interface UnmatchedItem {
  readonly bcItemId: string;
  readonly number: string;
  readonly reason: 'missing-in-store';
}

export interface PartCounts {
  readonly changed: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly bySkipReason: Readonly<Record<string, number>>;
}

export interface PlanWarning {
  readonly reason: PriceSkipReason;
  readonly message: string;
  readonly count: number;
}

/** Why an item is no longer pushable, or undefined when it is. */
export function itemSkipReason(type: BcItemType, blocked: boolean): ItemSkipReason | undefined {
  if (type === 'Service') return 'bc-service-item';
  if (type === 'Non-Inventory') return 'bc-non-inventory-item';
  if (blocked) return 'bc-blocked';
  return undefined;
}

/** Changed / unchanged / skipped counts of one part (price or stock) over all SKUs, skips by reason. */
export function countParts(parts: ReadonlyArray<PriceOutcome | StockOutcome>): PartCounts {
  let changed = 0;
  let unchanged = 0;
  const bySkipReason: Record<string, number> = {};
  for (const p of parts) {
    if (p.status === 'changed') changed += 1;
    else if (p.status === 'unchanged') unchanged += 1;
    else bySkipReason[p.reason] = (bySkipReason[p.reason] ?? 0) + 1;
  }
  return { changed, unchanged, skipped: parts.length - changed - unchanged, bySkipReason };
}

/**
 * One SKU's outcome in the shape of `sync.catalog-outcome.v1` (without connection and time): `changed` when either
 * part changes, `unchanged` when neither changes but one was compared, else `skipped` with the price's reason (or
 * the stock's).
 */
export function catalogOutcomeOf(o: SkuOutcome): {
  outcome: 'changed' | 'unchanged' | 'skipped';
  reason?: string;
  price?: string;
  level?: number;
  drift?: number;
} {
  const price = o.price.status === 'changed' ? o.price.to : o.price.status === 'unchanged' ? o.price.price : undefined;
  const level = o.stock.status === 'changed' || o.stock.status === 'unchanged' ? o.stock.target : undefined;
  const facts = {
    ...(price !== undefined && { price }),
    ...(level !== undefined && { level }),
    ...(o.drift !== undefined && { drift: o.drift.drift }),
  };
  if (o.price.status === 'changed' || o.stock.status === 'changed') return { outcome: 'changed', ...facts };
  if (o.price.status === 'unchanged' || o.stock.status === 'unchanged') return { outcome: 'unchanged', ...facts };
  return { outcome: 'skipped', reason: o.price.status === 'skipped' ? o.price.reason : o.stock.reason, ...facts };
}
