import { Decimal } from '@mlc/platform-money';
import { priceOrder, PricedLine } from '../pricing/order-pricing';
import type { BigCommerceState } from '../store/bigcommerce-state';
import type { AppliedDiscount, Order, OrderLine, PostalAddress, ShippingAddress } from '../store/model';
import type { CouponSetting } from '../store/store-settings';
import type { CartLine } from './checkout-lines';
import type { PlaceOrderRequest } from './order-request';

const COUPON_TYPES = { per_item_discount: 0, percentage_discount: 1, per_total_discount: 2 } as const;

export interface OrderDraft {
  readonly id: number;
  readonly now: number;
  readonly customerId: number;
  readonly billing: PostalAddress;
  readonly cart: CartLine[];
  readonly coupon?: { setting: CouponSetting; id: number };
  readonly currency: { transactional: string; display: string; rate: Decimal; displayRate: Decimal };
  readonly pickupLocationId?: number;
  readonly cartId: string;
}

interface LineSource {
  readonly cart?: CartLine;
  readonly gift?: { amount: Decimal; recipientEmail: string };
}

/** Prices a draft with the store's tax and discount rules and assembles the v2 order record. */
export function buildOrder(state: BigCommerceState, req: PlaceOrderRequest, draft: OrderDraft): Order {
  const settings = state.settings;
  const sources: LineSource[] = [
    ...draft.cart.map((cart) => ({ cart })),
    ...req.giftCertificates.map((g) => ({
      gift: { amount: Decimal.parse(g.amount), recipientEmail: g.recipientEmail },
    })),
  ];
  const shipsPhysical = req.fulfillment === 'shipping' && draft.cart.some((c) => c.product.type === 'physical');
  const shipping = shipsPhysical ? Decimal.parse(req.shippingCost ?? '10.00') : Decimal.ZERO;
  const priced = priceOrder({
    lines: sources.map((s) =>
      s.cart
        ? {
            unitPrice: s.cart.unitPrice.times(draft.currency.rate).round(2),
            quantity: s.cart.quantity,
            taxable: true,
            discountable: true,
          }
        : { unitPrice: s.gift!.amount, quantity: 1, taxable: false, discountable: false },
    ),
    shipping,
    taxRate: Decimal.parse(settings.taxRate),
    pricesIncludeTax: settings.pricesIncludeTax,
    taxShipping: settings.taxShipping,
    coupon: draft.coupon
      ? { kind: draft.coupon.setting.type, amount: Decimal.parse(draft.coupon.setting.amount) }
      : undefined,
    manualDiscount: req.manualDiscount ? Decimal.parse(req.manualDiscount) : undefined,
  });
  const shippingAddresses: ShippingAddress[] = shipsPhysical
    ? [
        {
          ...draft.billing,
          id: state.ids.orderAddress.take(),
          shippingMethod: 'Flat Rate',
          baseCost: shipping,
          costExTax: priced.shipping.ex,
          costIncTax: priced.shipping.inc,
          costTax: priced.shipping.tax,
          refundedEntered: Decimal.ZERO,
        },
      ]
    : [];
  const pickups =
    req.fulfillment === 'pickup'
      ? [{ id: state.ids.pickup.take(), pickupMethodId: 1, locationId: draft.pickupLocationId ?? 1 }]
      : [];
  const lines = sources.map((s, i) =>
    buildLine(state, draft, s, priced.lines[i]!, shippingAddresses[0]?.id ?? 0, pickups[0]?.pickupMethodId ?? 0),
  );
  const multiCurrency = Object.keys(settings.currencies).length > 0;
  return {
    id: draft.id,
    revision: 0,
    customerId: draft.customerId,
    dateCreated: draft.now,
    dateModified: draft.now,
    statusId: req.statusId,
    billingAddress: draft.billing,
    shippingAddresses,
    pickups,
    lines,
    coupons: draft.coupon
      ? [
          {
            id: state.ids.coupon.take(),
            couponId: draft.coupon.id,
            code: draft.coupon.setting.code,
            amount: Decimal.parse(draft.coupon.setting.amount),
            type: COUPON_TYPES[draft.coupon.setting.type],
            discount: priced.couponDiscount,
          },
        ]
      : [],
    subtotalExTax: priced.subtotal.ex,
    subtotalIncTax: priced.subtotal.inc,
    subtotalTax: priced.subtotal.tax,
    baseShippingCost: shipping,
    shippingExTax: priced.shipping.ex,
    shippingIncTax: priced.shipping.inc,
    shippingTax: priced.shipping.tax,
    totalExTax: priced.total.ex,
    totalIncTax: priced.total.inc,
    totalTax: priced.total.tax,
    couponDiscount: priced.couponDiscount,
    discountAmount: priced.manualDiscount,
    isTaxInclusivePricing: settings.pricesIncludeTax,
    currencyCode: draft.currency.display,
    currencyExchangeRate: draft.currency.displayRate,
    transactionalCurrencyCode: draft.currency.transactional,
    storeDefaultToTransactionalRate: draft.currency.rate,
    multiCurrency,
    storeCurrencyCode: settings.currency,
    paymentStatus: paymentStatusFor(req.statusId),
    refundedAmount: Decimal.ZERO,
    cartId: draft.cartId,
    staffNotes: '',
    customerMessage: req.customerMessage ?? '',
    externalOrderId: '',
    isDeleted: false,
    isEmailOptIn: false,
    orderSource: 'www',
  };
}

/** What a new order's payment looks like for its starting status. */
export function paymentStatusFor(statusId: number): string {
  if (statusId === 0) return '';
  if (statusId === 1 || statusId === 7) return 'pending';
  if (statusId === 6) return 'declined';
  return 'captured';
}

function buildLine(
  state: BigCommerceState,
  draft: OrderDraft,
  source: LineSource,
  priced: PricedLine,
  addressId: number,
  pickupMethodId: number,
): OrderLine {
  const id = state.ids.orderLine.take();
  const discounts: AppliedDiscount[] = [];
  if (draft.coupon && !priced.couponDiscount.isZero()) {
    const c = draft.coupon.setting;
    discounts.push({
      id: String(draft.coupon.id),
      amount: priced.couponDiscount,
      name: c.name ?? c.code,
      code: c.code,
      target: 'order',
    });
  }
  if (!priced.manualDiscount.isZero()) {
    discounts.push({
      id: 'manual-discount',
      amount: priced.manualDiscount,
      name: 'Manual Discount',
      code: null,
      target: 'order',
    });
  }
  const cart = source.cart;
  const type = cart ? cart.product.type : 'giftcertificate';
  const options = cart?.variant?.optionValues ?? [];
  return {
    id,
    productId: cart?.product.id ?? 0,
    variantId: cart?.variant?.id ?? 0,
    sku: cart ? (cart.variant?.sku ?? cart.product.sku) : '',
    name: cart ? cart.product.name : `${source.gift!.amount.toFixed(2)} Gift Certificate`,
    type,
    quantity: cart?.quantity ?? 1,
    orderAddressId: type === 'physical' ? addressId : 0,
    pickupMethodId: type === 'physical' ? pickupMethodId : 0,
    basePrice: state.settings.pricesIncludeTax ? priced.unit.inc : priced.unit.ex,
    priceExTax: priced.unit.ex,
    priceIncTax: priced.unit.inc,
    priceTax: priced.unit.tax,
    totalExTax: priced.total.ex,
    totalIncTax: priced.total.inc,
    totalTax: priced.total.tax,
    discountedTotalIncTax: priced.discounted.inc,
    discountedTotalExTax: priced.discounted.ex,
    discountedTotalTax: priced.discounted.tax,
    costPrice: cart ? (cart.variant?.costPrice ?? cart.product.costPrice) : Decimal.ZERO,
    weight: cart ? (cart.variant?.weight ?? cart.product.weight) : Decimal.ZERO,
    appliedDiscounts: discounts,
    productOptions: options.map((o, i) => ({
      id: id * 10 + i,
      optionId: o.optionId,
      productOptionId: o.optionId,
      displayName: o.optionDisplayName,
      value: String(o.id),
      label: o.label,
    })),
    giftCertificateId: cart ? null : state.ids.giftCertificate.take(),
    recipientEmail: source.gift?.recipientEmail ?? '',
    quantityRefunded: 0,
    refundAmount: Decimal.ZERO,
    refundTax: Decimal.ZERO,
    quantityShipped: 0,
  };
}
