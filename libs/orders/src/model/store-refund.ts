import type { Decimal } from '@mlc/platform-money';

/** One refund of a storefront order, as the domain sees it. Amounts are exact (2 places, as BigCommerce rounds). */
export interface StoreRefund {
  readonly id: number;
  readonly orderId: number;
  /** UTC ISO instant. */
  readonly createdAt: string;
  readonly reason: string;
  /** What the shopper got back, tax included. */
  readonly totalAmount: Decimal;
  readonly totalTax: Decimal;
  /** Amounts were typed by the merchant: the items do not price the refund. */
  readonly usesMerchantOverride: boolean;
  readonly items: readonly StoreRefundItem[];
  readonly payments: readonly StoreRefundPayment[];
}

export type StoreRefundItemType = 'PRODUCT' | 'GIFT_WRAPPING' | 'SHIPPING' | 'HANDLING' | 'ORDER' | 'FEE' | 'TAX';

export interface StoreRefundItem {
  readonly type: StoreRefundItemType;
  /** Order-product id (PRODUCT, GIFT_WRAPPING), order address id (SHIPPING, HANDLING), order id (ORDER) or fee id. */
  readonly itemId: number;
  readonly quantity: number | null;
  readonly requestedAmount: Decimal | null;
  /** Sum of the (negative) adjustments that lower a PRODUCT refund. */
  readonly adjustment: Decimal;
  readonly reason: string;
}

export interface StoreRefundPayment {
  readonly providerId: string;
  readonly amount: Decimal;
  readonly offline: boolean;
  readonly declined: boolean;
}
