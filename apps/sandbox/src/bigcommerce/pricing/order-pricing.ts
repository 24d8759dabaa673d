import { Decimal } from '@mlc/platform-money';

/**
 * The store's own tax and discount arithmetic for an order. Prices are entered either excluding tax or including it
 * (`pricesIncludeTax`); the other side is derived at the store's 2 decimal places. Line totals are before
 * order-level discounts (as BigCommerce shows them); discounts are spread over discountable lines in proportion to
 * their entered totals and tax is charged on what remains. By construction every total is consistent:
 * `total_inc_tax = total_ex_tax + total_tax` for each line, the shipping and the order.
 */
export type CouponKind = 'per_item_discount' | 'percentage_discount' | 'per_total_discount';

export interface PricingInput {
  readonly lines: ReadonlyArray<{ unitPrice: Decimal; quantity: number; taxable: boolean; discountable: boolean }>;
  readonly shipping: Decimal;
  readonly taxRate: Decimal;
  readonly pricesIncludeTax: boolean;
  readonly taxShipping: boolean;
  readonly coupon?: { kind: CouponKind; amount: Decimal };
  readonly manualDiscount?: Decimal;
}

export interface Taxed {
  readonly ex: Decimal;
  readonly inc: Decimal;
  readonly tax: Decimal;
}

export interface PricedLine {
  readonly unit: Taxed;
  readonly total: Taxed;
  readonly discounted: Taxed;
  readonly couponDiscount: Decimal;
  readonly manualDiscount: Decimal;
}

export interface PricedOrder {
  readonly lines: PricedLine[];
  readonly subtotal: Taxed;
  readonly shipping: Taxed;
  readonly total: Taxed;
  readonly couponDiscount: Decimal;
  readonly manualDiscount: Decimal;
}

const cents = (d: Decimal) => d.round(2);

/** Splits an amount entered with or without tax into its three parts. */
export function taxAmount(entered: Decimal, rate: Decimal, inclusive: boolean, taxable: boolean, places = 2): Taxed {
  if (!taxable || rate.isZero()) return { ex: entered, inc: entered, tax: Decimal.ZERO };
  if (inclusive) {
    const ex = entered.dividedBy(Decimal.from(1).plus(rate)).round(places);
    return { ex, inc: entered, tax: entered.minus(ex) };
  }
  const tax = cents(entered.times(rate));
  return { ex: entered, inc: entered.plus(tax), tax };
}

/** Spreads `amount` over `weights` in proportion, in cents, the last share taking the rounding remainder. */
export function spread(amount: Decimal, weights: Decimal[]): Decimal[] {
  const total = Decimal.sum(weights);
  if (total.isZero() || amount.isZero()) return weights.map(() => Decimal.ZERO);
  let given = Decimal.ZERO;
  const lastIndex = weights.reduce((last, w, i) => (w.isZero() ? last : i), -1);
  return weights.map((w, i) => {
    if (i === lastIndex) return amount.minus(given);
    const share = cents(amount.times(w).dividedBy(total));
    given = given.plus(share);
    return share;
  });
}

function couponShares(input: PricingInput, entered: Decimal[]): Decimal[] {
  const coupon = input.coupon;
  if (!coupon) return entered.map(() => Decimal.ZERO);
  const discountable = input.lines.map((l, i) => (l.discountable ? entered[i]! : Decimal.ZERO));
  if (coupon.kind === 'per_item_discount') {
    return input.lines.map((l, i) =>
      l.discountable
        ? Decimal.min(Decimal.min(coupon.amount, l.unitPrice).times(l.quantity), discountable[i]!)
        : Decimal.ZERO,
    );
  }
  const base = Decimal.sum(discountable);
  const amount =
    coupon.kind === 'percentage_discount'
      ? cents(base.times(coupon.amount).dividedBy(100))
      : Decimal.min(coupon.amount, base);
  return spread(amount, discountable);
}

export function priceOrder(input: PricingInput): PricedOrder {
  const { taxRate: rate, pricesIncludeTax: inclusive } = input;
  const entered = input.lines.map((l) => l.unitPrice.times(l.quantity));
  const coupon = couponShares(input, entered);
  const afterCoupon = input.lines.map((l, i) => (l.discountable ? entered[i]!.minus(coupon[i]!) : Decimal.ZERO));
  const manualTotal = Decimal.min(input.manualDiscount ?? Decimal.ZERO, Decimal.sum(afterCoupon));
  const manual = spread(manualTotal, afterCoupon);
  const lines = input.lines.map((l, i): PricedLine => {
    const unit = taxAmount(l.unitPrice, rate, inclusive, l.taxable, 4);
    const total = taxAmount(entered[i]!, rate, inclusive, l.taxable);
    const discount = coupon[i]!.plus(manual[i]!);
    const discounted = discount.isZero() ? total : taxAmount(entered[i]!.minus(discount), rate, inclusive, l.taxable);
    return { unit, total, discounted, couponDiscount: coupon[i]!, manualDiscount: manual[i]! };
  });
  const shipping = taxAmount(input.shipping, rate, inclusive, input.taxShipping);
  const sum = (pick: (t: Taxed) => Decimal, parts: Taxed[]) => Decimal.sum(parts.map(pick));
  const totals = lines.map((l) => l.total);
  const discounted = [...lines.map((l) => l.discounted), shipping];
  return {
    lines,
    subtotal: { ex: sum((t) => t.ex, totals), inc: sum((t) => t.inc, totals), tax: sum((t) => t.tax, totals) },
    shipping,
    total: { ex: sum((t) => t.ex, discounted), inc: sum((t) => t.inc, discounted), tax: sum((t) => t.tax, discounted) },
    couponDiscount: Decimal.sum(coupon),
    manualDiscount: manualTotal,
  };
}
