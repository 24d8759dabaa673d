import type { Decimal } from '@mlc/platform-money';

/** In-memory records of the simulated store. Money is Decimal; serializers turn it into the wire formats. */

export type InventoryTracking = 'none' | 'product' | 'variant';

export interface OptionValue {
  readonly id: number;
  readonly optionId: number;
  readonly label: string;
  readonly optionDisplayName: string;
}

export interface Variant {
  readonly id: number;
  readonly productId: number;
  sku: string;
  /** The v2 SKU id used by `store/sku/*` webhooks; null for a product's base variant. */
  readonly skuId: number | null;
  /** Null inherits the product's value. */
  price: Decimal | null;
  salePrice: Decimal | null;
  retailPrice: Decimal | null;
  costPrice: Decimal | null;
  weight: Decimal | null;
  purchasingDisabled: boolean;
  upc: string;
  inventoryWarningLevel: number;
  binPickingNumber: string;
  readonly optionValues: OptionValue[];
}

export interface Product {
  readonly id: number;
  /** Bumped on every change to the product or its variants; serializers cache by it. */
  revision: number;
  name: string;
  type: 'physical' | 'digital';
  sku: string;
  price: Decimal;
  salePrice: Decimal;
  retailPrice: Decimal;
  costPrice: Decimal;
  weight: Decimal;
  inventoryTracking: InventoryTracking;
  inventoryWarningLevel: number;
  isVisible: boolean;
  /** Sandbox-only: orders may take more than the stock (the level stops at 0, the rest is backordered). */
  allowBackorders: boolean;
  readonly dateCreated: number;
  dateModified: number;
  /** Option variants, or the single base variant of a product without options. */
  readonly variants: Variant[];
  readonly baseVariantId: number | null;
  readonly options: Array<{ id: number; displayName: string; values: Array<{ id: number; label: string }> }>;
}

export interface CustomerAddress {
  readonly id: number;
  firstName: string;
  lastName: string;
  company: string;
  address1: string;
  address2: string;
  city: string;
  stateOrProvince: string;
  postalCode: string;
  countryCode: string;
  phone: string;
  addressType: 'residential' | 'commercial';
}

export interface Customer {
  readonly id: number;
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  phone: string;
  notes: string;
  taxExemptCategory: string;
  customerGroupId: number;
  readonly dateCreated: number;
  dateModified: number;
  addresses: CustomerAddress[];
  acceptsMarketing: boolean;
  readonly originChannelId: number;
}

export interface PostalAddress {
  firstName: string;
  lastName: string;
  company: string;
  street1: string;
  street2: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  countryIso2: string;
  phone: string;
  email: string;
}

export interface AppliedDiscount {
  readonly id: string;
  readonly amount: Decimal;
  readonly name: string;
  readonly code: string | null;
  readonly target: 'order' | 'product';
}

export interface OrderLine {
  readonly id: number;
  readonly productId: number;
  readonly variantId: number;
  readonly sku: string;
  readonly name: string;
  readonly type: 'physical' | 'digital' | 'giftcertificate';
  readonly quantity: number;
  /** Shipping address id; 0 for pickup, digital and gift-certificate lines. */
  readonly orderAddressId: number;
  readonly pickupMethodId: number;
  readonly basePrice: Decimal;
  readonly priceExTax: Decimal;
  readonly priceIncTax: Decimal;
  readonly priceTax: Decimal;
  readonly totalExTax: Decimal;
  readonly totalIncTax: Decimal;
  readonly totalTax: Decimal;
  readonly discountedTotalIncTax: Decimal;
  readonly discountedTotalExTax: Decimal;
  readonly discountedTotalTax: Decimal;
  readonly costPrice: Decimal;
  readonly weight: Decimal;
  readonly appliedDiscounts: AppliedDiscount[];
  readonly productOptions: Array<{
    id: number;
    optionId: number;
    productOptionId: number;
    displayName: string;
    value: string;
    label: string;
  }>;
  readonly giftCertificateId: number | null;
  readonly recipientEmail: string;
  quantityRefunded: number;
  refundAmount: Decimal;
  refundTax: Decimal;
  quantityShipped: number;
}

export interface ShippingAddress extends PostalAddress {
  readonly id: number;
  readonly shippingMethod: string;
  readonly baseCost: Decimal;
  readonly costExTax: Decimal;
  readonly costIncTax: Decimal;
  readonly costTax: Decimal;
  /** Shipping already refunded, in the entered basis (with or without tax, as prices are entered). */
  refundedEntered: Decimal;
}

export interface PickupConsignment {
  readonly id: number;
  readonly pickupMethodId: number;
  readonly locationId: number;
}

export interface OrderCoupon {
  readonly id: number;
  readonly couponId: number;
  readonly code: string;
  readonly amount: Decimal;
  readonly type: number;
  readonly discount: Decimal;
}

export interface Order {
  readonly id: number;
  /** Bumped on every change; serializers cache by it. */
  revision: number;
  readonly customerId: number;
  readonly dateCreated: number;
  dateModified: number;
  statusId: number;
  readonly billingAddress: PostalAddress;
  readonly shippingAddresses: ShippingAddress[];
  readonly pickups: PickupConsignment[];
  readonly lines: OrderLine[];
  readonly coupons: OrderCoupon[];
  readonly subtotalExTax: Decimal;
  readonly subtotalIncTax: Decimal;
  readonly subtotalTax: Decimal;
  readonly baseShippingCost: Decimal;
  readonly shippingExTax: Decimal;
  readonly shippingIncTax: Decimal;
  readonly shippingTax: Decimal;
  readonly totalExTax: Decimal;
  readonly totalIncTax: Decimal;
  readonly totalTax: Decimal;
  readonly couponDiscount: Decimal;
  readonly discountAmount: Decimal;
  readonly isTaxInclusivePricing: boolean;
  readonly currencyCode: string;
  readonly currencyExchangeRate: Decimal;
  readonly transactionalCurrencyCode: string;
  readonly storeDefaultToTransactionalRate: Decimal;
  readonly multiCurrency: boolean;
  readonly storeCurrencyCode: string;
  paymentStatus: string;
  refundedAmount: Decimal;
  readonly cartId: string;
  staffNotes: string;
  customerMessage: string;
  externalOrderId: string;
  isDeleted: boolean;
  readonly isEmailOptIn: boolean;
  readonly orderSource: string;
}

export interface RefundItem {
  readonly itemType: 'PRODUCT' | 'GIFT_WRAPPING' | 'SHIPPING' | 'HANDLING' | 'ORDER' | 'FEE' | 'TAX';
  readonly itemId: number;
  readonly quantity?: number;
  readonly reason: string;
  readonly requestedAmount: Decimal | null;
}

export interface RefundPayment {
  readonly id: number;
  readonly providerId: string;
  readonly amount: Decimal;
  readonly offline: boolean;
  readonly transactionId: string;
}

export interface Refund {
  readonly id: number;
  readonly orderId: number;
  readonly created: number;
  readonly reason: string;
  readonly totalAmount: Decimal;
  readonly totalTax: Decimal;
  readonly usesMerchantOverride: boolean;
  readonly items: RefundItem[];
  readonly payments: RefundPayment[];
}

export interface Transaction {
  readonly id: number;
  readonly orderId: number;
  readonly event: 'purchase' | 'refund';
  readonly amount: Decimal;
  readonly currency: string;
  readonly dateCreated: number;
  readonly gatewayTransactionId: string;
  readonly referenceTransactionId: number | null;
}

export interface Location {
  readonly id: number;
  code: string;
  label: string;
  readonly createdAt: number;
  updatedAt: number;
}

export interface Hook {
  readonly id: number;
  readonly clientId: string;
  scope: string;
  destination: string;
  isActive: boolean;
  headers: Record<string, string> | null;
  readonly createdAt: number;
  updatedAt: number;
}
