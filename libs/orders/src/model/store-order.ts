import type { Decimal } from '@mlc/platform-money';

/**
 * What the domain knows about a storefront order, independent of BigCommerce's wire shape. Amounts are in the
 * transactional currency (`currency.transactional`), exact Decimals as the store computed them (4 places).
 */
export interface StoreOrder {
  readonly id: number;
  readonly statusId: number;
  readonly status: string;
  /** Archived (`is_deleted`) orders are treated like cancelled ones. */
  readonly isDeleted: boolean;
  /** UTC ISO instants. */
  readonly dateCreated: string;
  readonly dateModified: string;
  readonly currency: StoreCurrency;
  /** BigCommerce customer id; null for a guest checkout (`customer_id` 0). */
  readonly customerId: number | null;
  readonly billingAddress: StoreAddress;
  readonly shippingConsignments: readonly ShippingConsignment[];
  readonly pickupConsignments: readonly PickupConsignment[];
  /** Every line of every consignment kind, ordered by line id. */
  readonly lines: readonly StoreOrderLine[];
  readonly shipping: StoreCharge;
  readonly handling: StoreCharge;
  readonly wrapping: StoreCharge;
  readonly totals: StoreTotals;
  /** True when the store's prices include tax: the `_inc_tax` figures are the real ones, `_ex_tax` are estimates. */
  readonly taxInclusivePricing: boolean;
  readonly coupons: readonly AppliedCoupon[];
  readonly payments: StorePayments;
}

export interface StoreCurrency {
  /** The currency the shopper paid in (`default_currency_code`); every amount of the order is in it. */
  readonly transactional: string;
  /** The currency prices were displayed in (`currency_code`). */
  readonly display: string;
  /** The store's default currency (`store_default_currency_code`), when BigCommerce sends it. */
  readonly storeDefault: string | null;
  /** `store_default_to_transactional_exchange_rate` as sent (10 decimals), for the record. */
  readonly storeDefaultToTransactionalRate: string | null;
}

export interface StoreAddress {
  readonly firstName: string;
  readonly lastName: string;
  readonly company: string;
  readonly street1: string;
  readonly street2: string;
  readonly city: string;
  readonly state: string;
  readonly postalCode: string;
  readonly country: string;
  /** ISO 3166-1 alpha-2, the value BC's `country` code expects. */
  readonly countryIso2: string;
  readonly phone: string;
  readonly email: string;
}

export interface ShippingConsignment {
  readonly id: number;
  readonly address: StoreAddress;
  readonly shippingMethod: string;
  readonly costExTax: Decimal;
  readonly costIncTax: Decimal;
  readonly taxClassId: number | null;
}

export interface PickupConsignment {
  readonly id: number;
  readonly methodName: string;
  readonly locationName: string;
  readonly locationCode: string;
}

export type ConsignmentKind = 'shipping' | 'pickup' | 'download' | 'gift-certificate-email';

export interface StoreOrderLine {
  /** The order-product id (refunds and shipments refer to it). */
  readonly id: number;
  readonly productId: number;
  readonly variantId: number | null;
  /** As the store has it, untrimmed and case preserved; may be empty. */
  readonly sku: string;
  readonly name: string;
  readonly options: readonly { readonly name: string; readonly value: string }[];
  readonly type: 'physical' | 'digital' | 'giftcertificate';
  readonly consignment: ConsignmentKind;
  /** Shipping consignment id (= order address id) or pickup consignment id; null for downloads and gift certificates. */
  readonly consignmentId: number | null;
  readonly quantity: number;
  readonly priceExTax: Decimal;
  readonly priceIncTax: Decimal;
  readonly totalExTax: Decimal;
  readonly totalIncTax: Decimal;
  readonly totalTax: Decimal;
  /** Every discount the store applied to this line (its share of order-level ones included), exact. */
  readonly discounts: readonly LineDiscount[];
  readonly wrappingExTax: Decimal;
  /** Bundle children point at their parent line. */
  readonly parentLineId: number | null;
  readonly isBundledProduct: boolean;
  readonly upc: string;
  readonly quantityRefunded: number;
}

export interface LineDiscount {
  /** "manual-discount", a coupon id, or a promotion id. */
  readonly id: string;
  readonly code: string | null;
  readonly name: string;
  readonly amount: Decimal;
  readonly target: 'order' | 'product' | null;
}

export interface StoreCharge {
  readonly exTax: Decimal;
  readonly incTax: Decimal;
  readonly tax: Decimal;
  readonly taxClassId: number | null;
}

export interface StoreTotals {
  readonly subtotalExTax: Decimal;
  readonly subtotalIncTax: Decimal;
  readonly subtotalTax: Decimal;
  /** Manual and automatic discounts (`discount_amount`). */
  readonly discountAmount: Decimal;
  readonly couponDiscount: Decimal;
  readonly totalTax: Decimal;
  readonly totalExTax: Decimal;
  readonly totalIncTax: Decimal;
}

export interface AppliedCoupon {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly amount: Decimal;
}

/** Redemptions are payments against the order total, never document lines. */
export interface StorePayments {
  readonly method: string;
  readonly giftCertificateAmount: Decimal;
  readonly storeCreditAmount: Decimal;
  readonly refundedAmount: Decimal;
}
