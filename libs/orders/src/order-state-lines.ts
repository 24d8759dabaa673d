import type { StoreOrder } from './model/store-order';

/** One SKU's quantity on an order, as carried by `sync.order-state.v1`. */
export interface OrderStateLine {
  readonly sku: string;
  readonly quantity: number;
}

/**
 * The stock-relevant lines of an order: product lines (bundle parents and children alike, since the store deducts
 * both) summed per SKU, sorted by SKU. Gift certificates carry no stock and lines without a SKU cannot be matched to a
 * catalog entry, so both are left out. Quantities already refunded are not subtracted: an API refund does not
 * restock the store.
 */
export function orderStateLines(order: StoreOrder): OrderStateLine[] {
  const bySku = new Map<string, number>();
  for (const line of order.lines) {
    if (line.type === 'giftcertificate' || line.sku.trim() === '' || line.quantity === 0) continue;
    bySku.set(line.sku, (bySku.get(line.sku) ?? 0) + line.quantity);
  }
  return [...bySku]
    .map(([sku, quantity]) => ({ sku, quantity }))
    .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}
