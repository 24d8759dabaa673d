import { Decimal } from '@mlc/platform-money';
import type { StoreOrder, StoreOrderLine } from '../model/store-order';
import { allocateDiscount } from './discount-allocation';

export type OrderDiscountShares =
  | {
      readonly ok: true;
      /** Cents of discount per store line id (product lines with a quantity). */
      readonly perLine: ReadonlyMap<number, Decimal>;
      /** What the line discounts add up to. */
      readonly onLines: Decimal;
      /** The order-level part kept off the lines (only when `productLevelOnly`). */
      readonly offLines: Decimal;
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly detail: string };

/**
 * Splits the order's discounts (`discount_amount` + `coupon_discount`, rounded to the cent) into per-line cents.
 * With `productLevelOnly`, only discounts targeted at products go to the lines and the rest is returned as
 * `offLines`. Gift certificate lines never carry a discount.
 */
export function orderDiscountShares(order: StoreOrder, productLevelOnly: boolean): OrderDiscountShares {
  const total = order.totals.discountAmount.plus(order.totals.couponDiscount).round(2);
  const products = discountableLines(order);
  const storeShare = (l: StoreOrderLine) =>
    Decimal.sum(l.discounts.filter((d) => !productLevelOnly || d.target === 'product').map((d) => d.amount));
  const onLines = productLevelOnly ? Decimal.sum(products.map(storeShare)).round(2) : total;
  const allocation = allocateDiscount(
    products.map((l) => ({ id: l.id, gross: grossAmount(l), storeDiscount: storeShare(l) })),
    onLines,
  );
  if (!allocation.ok) return allocation;
  return { ok: true, perLine: allocation.perLine, onLines, offLines: total.minus(onLines), notes: allocation.notes };
}

/** Product lines that can carry a discount: not gift certificates, quantity above 0. */
export function discountableLines(order: StoreOrder): StoreOrderLine[] {
  return order.lines.filter((l) => l.type !== 'giftcertificate' && l.quantity > 0);
}

/** BC's line amount before discount: round2(quantity x unit price at 5 places). */
export function grossAmount(line: StoreOrderLine, quantity: number = line.quantity): Decimal {
  return Decimal.from(quantity).times(line.priceExTax.round(5)).round(2);
}
