import { toRfc2822 } from '../http/bc-dates';
import type { Location, Order, ShippingAddress } from '../store/model';
import { STATUS_BY_ID } from '../store/order-statuses';
import { serializeAddress } from './address-serializer';
import { RevisionCache } from './revision-cache';
import { serializeConsignments } from './consignment-serializer';
import { money4, rate10, resourceRef } from './wire';

const ZERO4 = '0.0000';

export interface OrderView {
  /** `https://host/stores/{hash}` for resource references. */
  readonly apiBase: string;
  /** `consignments` (refs) or `consignments.line_items` (inline lines) with `consignment_structure=object`. */
  readonly consignments?: 'refs' | 'lines';
  readonly fees?: boolean;
  readonly currencyIds: (code: string) => number;
  readonly location: (id: number) => Location | undefined;
}

const cache = new RevisionCache<Order, Record<string, unknown>>();

/** A v2 order: money as 4-decimal strings, dates RFC 2822 UTC, sub-resources as `{url, resource}` references. */
export function serializeOrder(order: Order, view: OrderView): Record<string, unknown> {
  const currencies = `${view.currencyIds(order.currencyCode)}/${view.currencyIds(order.transactionalCurrencyCode)}`;
  const key = `${view.apiBase}|${view.consignments ?? ''}|${view.fees ? 1 : 0}|${currencies}`;
  return cache.get(order, key, () => buildOrder(order, view));
}

function buildOrder(order: Order, view: OrderView): Record<string, unknown> {
  const status = STATUS_BY_ID.get(order.statusId)!;
  const itemsTotal = order.lines.reduce((n, l) => n + l.quantity, 0);
  const itemsShipped = order.lines.reduce((n, l) => n + l.quantityShipped, 0);
  const body: Record<string, unknown> = {
    id: order.id,
    customer_id: order.customerId,
    date_created: toRfc2822(order.dateCreated),
    date_modified: toRfc2822(order.dateModified),
    date_shipped: order.statusId === 2 || order.statusId === 10 ? toRfc2822(order.dateModified) : '',
    status_id: order.statusId,
    status: status.name,
    custom_status: status.name,
    subtotal_ex_tax: money4(order.subtotalExTax),
    subtotal_inc_tax: money4(order.subtotalIncTax),
    subtotal_tax: money4(order.subtotalTax),
    base_shipping_cost: money4(order.baseShippingCost),
    shipping_cost_ex_tax: money4(order.shippingExTax),
    shipping_cost_inc_tax: money4(order.shippingIncTax),
    shipping_cost_tax: money4(order.shippingTax),
    shipping_cost_tax_class_id: 2,
    base_handling_cost: ZERO4,
    handling_cost_ex_tax: ZERO4,
    handling_cost_inc_tax: ZERO4,
    handling_cost_tax: ZERO4,
    handling_cost_tax_class_id: 2,
    base_wrapping_cost: ZERO4,
    wrapping_cost_ex_tax: ZERO4,
    wrapping_cost_inc_tax: ZERO4,
    wrapping_cost_tax: ZERO4,
    wrapping_cost_tax_class_id: 3,
    total_ex_tax: money4(order.totalExTax),
    total_inc_tax: money4(order.totalIncTax),
    total_tax: money4(order.totalTax),
    is_tax_inclusive_pricing: order.isTaxInclusivePricing,
    items_total: itemsTotal,
    items_shipped: itemsShipped,
    payment_method: 'Test Payment Gateway',
    payment_provider_id: '',
    payment_status: order.paymentStatus,
    refunded_amount: money4(order.refundedAmount),
    order_is_digital: order.lines.every((l) => l.type !== 'physical'),
    store_credit_amount: ZERO4,
    gift_certificate_amount: ZERO4,
    ip_address: '127.0.0.1',
    ip_address_v6: '',
    geoip_country: order.billingAddress.country,
    geoip_country_iso2: order.billingAddress.countryIso2,
    currency_id: view.currencyIds(order.currencyCode),
    currency_code: order.currencyCode,
    currency_exchange_rate: rate10(order.currencyExchangeRate),
    default_currency_id: view.currencyIds(order.transactionalCurrencyCode),
    default_currency_code: order.transactionalCurrencyCode,
    store_default_currency_code: order.multiCurrency ? order.storeCurrencyCode : '',
    store_default_to_transactional_exchange_rate: rate10(order.storeDefaultToTransactionalRate),
    staff_notes: order.staffNotes,
    customer_message: order.customerMessage,
    discount_amount: money4(order.discountAmount),
    coupon_discount: money4(order.couponDiscount),
    shipping_address_count: order.shippingAddresses.length,
    is_deleted: order.isDeleted,
    ebay_order_id: '0',
    cart_id: order.cartId,
    billing_address: { ...serializeAddress(order.billingAddress), form_fields: [] },
    is_email_opt_in: order.isEmailOptIn,
    credit_card_type: null,
    order_source: order.orderSource,
    channel_id: 1,
    external_source: null,
    consignments: resourceRef(view.apiBase, `/orders/${order.id}/consignments`),
    products: resourceRef(view.apiBase, `/orders/${order.id}/products`),
    shipping_addresses: resourceRef(view.apiBase, `/orders/${order.id}/shippingaddresses`),
    coupons: resourceRef(view.apiBase, `/orders/${order.id}/coupons`),
    external_id: null,
    external_merchant_id: null,
    tax_provider_id: 'BasicTaxProvider',
    customer_locale: 'en',
    external_order_id: order.externalOrderId,
  };
  if (view.consignments)
    body.consignments = serializeConsignments(order, view.apiBase, view.consignments === 'lines', view.location);
  if (view.fees) body.fees = [];
  return body;
}

export function serializeShippingAddress(
  order: Order,
  address: ShippingAddress,
  apiBase: string,
): Record<string, unknown> {
  const lines = order.lines.filter((l) => l.orderAddressId === address.id);
  return {
    id: address.id,
    order_id: order.id,
    ...serializeAddress(address),
    items_total: lines.reduce((n, l) => n + l.quantity, 0),
    items_shipped: lines.reduce((n, l) => n + l.quantityShipped, 0),
    shipping_method: address.shippingMethod,
    base_cost: money4(address.baseCost),
    cost_ex_tax: money4(address.costExTax),
    cost_inc_tax: money4(address.costIncTax),
    cost_tax: money4(address.costTax),
    cost_tax_class_id: 2,
    base_handling_cost: ZERO4,
    handling_cost_ex_tax: ZERO4,
    handling_cost_inc_tax: ZERO4,
    handling_cost_tax: ZERO4,
    handling_cost_tax_class_id: 2,
    shipping_zone_id: 1,
    shipping_zone_name: 'United States',
    shipping_quotes: resourceRef(apiBase, `/orders/${order.id}/shipping_addresses/${address.id}/shipping_quotes`),
    form_fields: [],
  };
}

export function serializeCoupon(order: Order, coupon: Order['coupons'][number]): Record<string, unknown> {
  return {
    id: coupon.id,
    coupon_id: coupon.couponId,
    order_id: order.id,
    code: coupon.code,
    amount: money4(coupon.amount),
    type: coupon.type,
    discount: coupon.discount.round(2).toWireNumber(),
  };
}
