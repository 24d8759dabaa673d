import { SkuOutcome, StockOutcome } from './plan-outcome';
import { SkuMapEntry } from './sku-map';

/**
 * How the write that carried a SKU's part ended: `unknown` is a timeout, reset or 5xx after the request was sent
 * (the store may or may not have applied it).
 */
export type WriteResult = 'succeeded' | 'failed' | 'unknown';

export interface PushResults {
  /** Result of the price batch carrying the SKU; ignored unless its price changed. */
  readonly price?: WriteResult;
  /** Result of the inventory call carrying the SKU; ignored unless its stock changed. */
  readonly stock?: WriteResult;
}

/**
 * Whether a stock change counts as applied. Price writes and absolute levels are idempotent, so a failure is simply
 * planned again. A relative adjustment is not: after an unknown outcome a positive delta is assumed applied (if it
 * was not, the store offers too little until the next drift check) and a negative one assumed not applied (pushed
 * again; if it had landed, the store again offers too little). Either way an unknown outcome can never make the store
 * offer stock it does not have. A drift correction with an unknown outcome is assumed applied for the same reason:
 * the next relative delta then never rides on top of a correction twice. A first push with an unknown outcome is
 * assumed not applied: BigCommerce refuses relative adjustments before the first absolute one.
 */
function stockApplied(stock: StockOutcome, result: WriteResult | undefined): boolean {
  if (stock.status === 'unchanged') return true;
  if (stock.status !== 'changed' || result === undefined || result === 'failed') return false;
  if (result === 'succeeded') return true;
  return stock.mode === 'absolute' ? stock.why === 'drift-correction' : stock.delta > 0;
}

/**
 * The SKU map entry to persist after a plan ran: last pushed price and level and the new stock basis, for the parts
 * that are applied (see {@link stockApplied}). Unchanged stock moves the basis at once: there was nothing to send.
 */
export function recordPushResult(entry: SkuMapEntry, outcome: SkuOutcome, results: PushResults): SkuMapEntry {
  if (entry.sku !== outcome.sku) throw new RangeError(`outcome of ${outcome.sku} recorded on ${entry.sku}`);
  let next = entry;
  if (outcome.price.status === 'changed' && results.price === 'succeeded') {
    next = { ...next, lastPushedPrice: outcome.price.to };
  }
  const stock = outcome.stock;
  if ((stock.status === 'changed' || stock.status === 'unchanged') && stockApplied(stock, results.stock)) {
    next = { ...next, lastPushedLevel: stock.target, stockBasis: stock.nextBasis };
  }
  return next;
}

/** Which write results to pass to {@link recordPushResult} for every SKU, from the results of the plan's writes. */
export function resultsBySku(
  writes: ReadonlyArray<{ readonly kind: string; readonly skus: readonly string[] }>,
  results: readonly WriteResult[],
): Map<string, PushResults> {
  if (writes.length !== results.length) throw new RangeError('one result per write is required');
  const bySku = new Map<string, { price?: WriteResult; stock?: WriteResult }>();
  writes.forEach((write, i) => {
    const part = write.kind.endsWith('-prices') ? 'price' : 'stock';
    for (const sku of write.skus) bySku.set(sku, { ...bySku.get(sku), [part]: results[i] });
  });
  return bySku;
}
