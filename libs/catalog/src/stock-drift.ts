import { Decimal } from '@mlc/platform-money';
import { CommittedIndex } from './committed-stock';
import { SkuMapEntry, StockBasis } from './sku-map';

/**
 * The stock model.
 *
 * The store must show `target = max(0, I - C)`, floored to whole units, where `I` is BC's `inventory` and `C` the
 * committed quantity (store orders BigCommerce has deducted but BC does not reflect yet). BigCommerce deducts an
 * order the moment it is placed, and that same order raises `C` when its event arrives, so orders move the store
 * level and the target together: the store level drifts from the target only by BC-side changes (receipts,
 * adjustments, other BC sales). Hence every push is a RELATIVE adjustment:
 *
 *     delta = target(I_now, C) - target(I_basis, C)
 *
 * where `I_basis` is the BC inventory the store was last brought in line with (the SKU's {@link StockBasis}) and
 * both targets use today's knowledge of orders. An order placed, cancelled, posted or shipped therefore never
 * produces a push of its own; a posting or shipment that BC absorbed between the two reads is counted in the old
 * read's `C` (see `committedFor(.., asOf)`), so its drop in `I` cancels out instead of being deducted twice. And
 * because the store applies a delta to its current level, orders placed while the request is in flight are kept:
 * sold stock is never re-opened.
 *
 * Absolute levels are written only (a) on the first push of a SKU (BigCommerce refuses a relative adjustment before
 * any absolute one) and (b) to correct drift, and (b) only when no order is in flight for the SKU: nothing
 * committed, no open order, no order event for `quietMs`. Drift is `storeLevel - expected`, where `expected` is the
 * target at the basis: what the store should show before this push.
 */
export const MAX_STORE_LEVEL = 2_147_483_647;

/** `max(0, inventory - committed)` in whole units (rounded down), capped at the store's maximum. */
export function stockTarget(inventory: Decimal, committed: Decimal): number {
  const free = inventory.minus(committed);
  if (!free.gt(0)) return 0;
  const whole = Number(free.round(0, 'down').toString());
  return Math.min(whole, MAX_STORE_LEVEL);
}

export interface StockDecisionInput {
  readonly entry: SkuMapEntry;
  readonly inventory: Decimal;
  /** When the BC inventory was read (epoch ms, start of the request). */
  readonly observedAt: number;
  readonly committed: CommittedIndex;
  /** The store's current level at the configured location, when it was read for a drift check. */
  readonly storeLevel?: number;
  readonly now: number;
  readonly driftAlarmThreshold: number;
  readonly driftCorrectionQuietMs: number;
}

/** Drift of one SKU, when its store level was read. */
export interface DriftReport {
  readonly sku: string;
  readonly storeLevel: number;
  readonly expected: number;
  /** `storeLevel - expected`: positive means the store offers more than it should. */
  readonly drift: number;
  readonly alarm: boolean;
  readonly corrected: boolean;
  /** Why a non-zero drift was not corrected. */
  readonly notCorrectedBecause?: 'order-in-flight';
}

export type StockAction =
  | { readonly action: 'absolute'; readonly level: number; readonly why: 'first-push' | 'drift-correction' }
  | { readonly action: 'relative'; readonly delta: number }
  | { readonly action: 'none' };

export interface StockDecision {
  readonly target: number;
  readonly change: StockAction;
  /** The basis to record once the change is applied (or at once when there is none). */
  readonly nextBasis: StockBasis;
  readonly drift?: DriftReport;
}

function orderInFlight(input: StockDecisionInput): boolean {
  const { committed, entry } = input;
  if (!committed.committedFor(entry.sku, input.observedAt).isZero()) return true;
  if (committed.hasOpenOrders(entry.sku)) return true;
  const last = committed.lastActivityAt(entry.sku);
  return last !== undefined && input.now - last < input.driftCorrectionQuietMs;
}

function driftOf(input: StockDecisionInput, expected: number): DriftReport | undefined {
  if (input.storeLevel === undefined) return undefined;
  const drift = input.storeLevel - expected;
  const blocked = drift !== 0 && orderInFlight(input);
  return {
    sku: input.entry.sku,
    storeLevel: input.storeLevel,
    expected,
    drift,
    alarm: Math.abs(drift) >= input.driftAlarmThreshold,
    corrected: drift !== 0 && !blocked,
    ...(blocked && { notCorrectedBecause: 'order-in-flight' as const }),
  };
}

/** Decides the stock change of one mapped SKU for one BC inventory reading (see the model above). */
export function decideStock(input: StockDecisionInput): StockDecision {
  const { entry, committed } = input;
  const target = stockTarget(input.inventory, committed.committedFor(entry.sku, input.observedAt));
  const nextBasis: StockBasis = { inventory: input.inventory.toString(), observedAt: input.observedAt };
  const basis = entry.stockBasis;
  if (basis === undefined) {
    return { target, nextBasis, change: { action: 'absolute', level: target, why: 'first-push' } };
  }
  const expected = stockTarget(Decimal.parse(basis.inventory), committed.committedFor(entry.sku, basis.observedAt));
  const drift = driftOf(input, expected);
  const withDrift = drift === undefined ? {} : { drift };
  if (drift?.corrected) {
    return { target, nextBasis, ...withDrift, change: { action: 'absolute', level: target, why: 'drift-correction' } };
  }
  const delta = target - expected;
  return { target, nextBasis, ...withDrift, change: delta === 0 ? { action: 'none' } : { action: 'relative', delta } };
}
