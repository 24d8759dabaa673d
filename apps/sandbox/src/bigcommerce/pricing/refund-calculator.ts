import { Decimal } from '@mlc/platform-money';
import type { Order, OrderLine } from '../store/model';
import { taxAmount } from './order-pricing';

/**
 * Refund quotes: what each requested item gives back, by the documented item rules. PRODUCT and GIFT_WRAPPING take
 * a `quantity` (any amount is ignored) of an order product; SHIPPING and HANDLING an `amount` of a shipping address,
 * with tax recalculated; ORDER an amount without tax; TAX an amount that is all tax. Amounts are rounded to cents.
 */
export interface RefundItemRequest {
  readonly itemType: 'PRODUCT' | 'GIFT_WRAPPING' | 'SHIPPING' | 'HANDLING' | 'ORDER' | 'FEE' | 'TAX';
  readonly itemId: number;
  readonly quantity?: number;
  readonly amount?: Decimal;
  readonly reason?: string;
}

export interface QuotedItem {
  readonly request: RefundItemRequest;
  readonly amount: Decimal;
  readonly tax: Decimal;
  /** For SHIPPING: the entered amount the shipping address gives up. */
  readonly shippingEntered?: Decimal;
}

export interface RefundQuote {
  readonly items: QuotedItem[];
  readonly total: Decimal;
  readonly tax: Decimal;
  readonly orderLevel: Decimal;
}

export interface RefundRules {
  readonly taxRate: Decimal;
  readonly pricesIncludeTax: boolean;
  readonly taxShipping: boolean;
}

export type Quoted = { ok: true; quote: RefundQuote } | { ok: false; title: string };

/** The part of a line's discounted total that `quantity` of its not yet refunded units carry. */
export function refundableShare(line: OrderLine, quantity: number): { inc: Decimal; tax: Decimal } {
  const remaining = line.quantity - line.quantityRefunded;
  if (quantity >= remaining) {
    return {
      inc: line.discountedTotalIncTax.minus(line.refundAmount),
      tax: line.discountedTotalTax.minus(line.refundTax),
    };
  }
  const per = (d: Decimal) => d.times(quantity).dividedBy(line.quantity).round(2);
  return { inc: per(line.discountedTotalIncTax), tax: per(line.discountedTotalTax) };
}

function quoteItem(order: Order, item: RefundItemRequest, rules: RefundRules): QuotedItem | string {
  const amount = item.amount?.round(2);
  switch (item.itemType) {
    case 'PRODUCT': {
      const line = order.lines.find((l) => l.id === item.itemId);
      if (!line) return `Order product ${item.itemId} does not exist on order ${order.id}.`;
      const quantity = item.quantity ?? 0;
      if (quantity < 1) return `A quantity is required to refund order product ${item.itemId}.`;
      if (quantity > line.quantity - line.quantityRefunded)
        return `The quantity to refund for order product ${item.itemId} exceeds the refundable quantity.`;
      const share = refundableShare(line, quantity);
      return { request: item, amount: share.inc, tax: share.tax };
    }
    case 'SHIPPING': {
      const address = order.shippingAddresses.find((a) => a.id === item.itemId);
      if (!address) return `Shipping address ${item.itemId} does not exist on order ${order.id}.`;
      if (!amount || !amount.gt(0)) return 'A positive amount is required to refund shipping.';
      if (amount.gt(address.baseCost.minus(address.refundedEntered)))
        return 'The shipping amount exceeds the refundable shipping cost.';
      const taxed = taxAmount(amount, rules.taxRate, rules.pricesIncludeTax, rules.taxShipping);
      return { request: item, amount: taxed.inc, tax: taxed.tax, shippingEntered: amount };
    }
    case 'ORDER':
    case 'TAX':
      if (!amount || !amount.gt(0)) return `A positive amount is required for a ${item.itemType} refund item.`;
      return { request: item, amount, tax: item.itemType === 'TAX' ? amount : Decimal.ZERO };
    case 'HANDLING':
    case 'GIFT_WRAPPING':
      return `There is no ${item.itemType === 'HANDLING' ? 'handling cost' : 'gift wrapping'} to refund on order ${order.id}.`;
    case 'FEE':
      return `Fee ${item.itemId} does not exist on order ${order.id}.`;
  }
}

/** `overridden`: a merchant override will replace the totals, so the available-amount check is the caller's. */
export function quoteRefund(
  order: Order,
  items: RefundItemRequest[],
  rules: RefundRules,
  taxAdjustment?: Decimal,
  overridden = false,
): Quoted {
  const quoted: QuotedItem[] = [];
  for (const item of items) {
    const result = quoteItem(order, item, rules);
    if (typeof result === 'string') return { ok: false, title: result };
    quoted.push(result);
  }
  const adjustment = taxAdjustment?.round(2) ?? Decimal.ZERO;
  const total = Decimal.sum(quoted.map((q) => q.amount)).plus(adjustment);
  const tax = Decimal.sum(quoted.map((q) => q.tax)).plus(adjustment);
  if (!total.gt(0)) return { ok: false, title: 'The refund amount must be greater than zero.' };
  if (!overridden && total.gt(order.totalIncTax.minus(order.refundedAmount))) {
    return { ok: false, title: 'The refund amount exceeds the amount available to refund on this order.' };
  }
  const orderLevel = Decimal.sum(quoted.filter((q) => q.request.itemType === 'ORDER').map((q) => q.amount));
  return { ok: true, quote: { items: quoted, total, tax, orderLevel } };
}
