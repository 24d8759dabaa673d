import { z } from 'zod';
import { id, moneyString, rfc2822Date, rfc2822DateOrEmpty, resourceRef, wireMoney } from './common.schema';

/**
 * v2 orders (orders.v2.oas2.yml): money as 4-decimal strings, dates RFC 2822 UTC, ids as numbers. Loose objects:
 * the orders domain reads the fields named here; everything else passes through untouched for the audit snapshot.
 */
export const appliedDiscountSchema = z.looseObject({
  id: z.union([z.string(), z.number()]),
  amount: wireMoney,
  name: z.string().optional(),
  code: z.string().nullable().optional(),
  target: z.string().optional(),
});

export const orderProductSchema = z.looseObject({
  id,
  order_id: id.optional(),
  product_id: id,
  variant_id: id.nullable().optional(),
  order_address_id: id.optional(),
  name: z.string(),
  sku: z.string(),
  type: z.string().optional(),
  quantity: z.number().int(),
  base_price: moneyString.optional(),
  price_ex_tax: moneyString,
  price_inc_tax: moneyString,
  price_tax: moneyString.optional(),
  total_ex_tax: moneyString,
  total_inc_tax: moneyString,
  total_tax: moneyString.optional(),
  discounted_total_inc_tax: moneyString.optional(),
  is_refunded: z.boolean().optional(),
  quantity_refunded: z.number().optional(),
  parent_order_product_id: id.nullable().optional(),
  gift_certificate_id: id.nullable().optional(),
  applied_discounts: z.array(appliedDiscountSchema).optional(),
});

const lineItems = z.array(orderProductSchema);

const shippingConsignment = z.looseObject({
  id: id.optional(),
  line_items: lineItems,
  shipping_method: z.string().optional(),
  base_cost: wireMoney.optional(),
  cost_ex_tax: wireMoney.optional(),
  cost_inc_tax: wireMoney.optional(),
  cost_tax: wireMoney.optional(),
});

const otherConsignment = z.looseObject({ line_items: lineItems });

/** `consignments` as sent with `include=consignments.line_items&consignment_structure=object`. */
export const orderConsignmentsSchema = z.looseObject({
  shipping: z.array(shippingConsignment).optional(),
  pickups: z.array(otherConsignment).optional(),
  downloads: z.array(otherConsignment).optional(),
  email: z.looseObject({ gift_certificates: z.array(otherConsignment).optional() }).optional(),
});

export const billingAddressSchema = z.looseObject({
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  company: z.string().optional(),
  street_1: z.string().optional(),
  street_2: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  zip: z.string().optional(),
  country: z.string().optional(),
  country_iso2: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
});

const orderFields = {
  id,
  customer_id: z.number().int().nonnegative(),
  date_created: rfc2822Date,
  date_modified: rfc2822Date,
  date_shipped: rfc2822DateOrEmpty.optional(),
  status_id: z.number().int(),
  status: z.string().optional(),
  subtotal_ex_tax: moneyString,
  subtotal_inc_tax: moneyString,
  subtotal_tax: moneyString.optional(),
  base_shipping_cost: moneyString.optional(),
  shipping_cost_ex_tax: moneyString,
  shipping_cost_inc_tax: moneyString,
  shipping_cost_tax: moneyString.optional(),
  base_handling_cost: moneyString.optional(),
  handling_cost_ex_tax: moneyString,
  handling_cost_inc_tax: moneyString,
  handling_cost_tax: moneyString.optional(),
  base_wrapping_cost: wireMoney.optional(),
  wrapping_cost_ex_tax: moneyString,
  wrapping_cost_inc_tax: moneyString,
  wrapping_cost_tax: moneyString.optional(),
  total_ex_tax: moneyString,
  total_inc_tax: moneyString,
  total_tax: moneyString.optional(),
  discount_amount: moneyString.optional(),
  coupon_discount: moneyString.optional(),
  refunded_amount: moneyString.optional(),
  store_credit_amount: moneyString.optional(),
  gift_certificate_amount: moneyString.optional(),
  is_tax_inclusive_pricing: z.boolean().optional(),
  currency_code: z.string().optional(),
  currency_exchange_rate: z.string().optional(),
  default_currency_code: z.string().optional(),
  store_default_currency_code: z.string().optional(),
  store_default_to_transactional_exchange_rate: z.string().optional(),
  payment_method: z.string().optional(),
  payment_status: z.string().optional(),
  channel_id: z.number().int().optional(),
  is_deleted: z.boolean().optional(),
  billing_address: billingAddressSchema,
  products: resourceRef.optional(),
};

/** GET /v2/orders/{id}?include=consignments.line_items&consignment_structure=object: lines inline. */
export const orderSchema = z.looseObject({ ...orderFields, consignments: orderConsignmentsSchema });

/** One row of GET /v2/orders (no include): what a poll needs to emit signals. */
export const orderSummarySchema = z.looseObject({
  id,
  date_modified: rfc2822Date,
  status_id: z.number().int(),
  is_deleted: z.boolean().optional(),
});

export const orderSummaryListSchema = z.array(orderSummarySchema);
export const orderProductListSchema = z.array(orderProductSchema);

export type BigCommerceOrder = z.infer<typeof orderSchema>;
export type BigCommerceOrderProduct = z.infer<typeof orderProductSchema>;
export type BigCommerceOrderSummary = z.infer<typeof orderSummarySchema>;
export type BigCommerceOrderConsignments = z.infer<typeof orderConsignmentsSchema>;

/** Every line of an order, whatever consignment carries it (shipping, pickup, download, gift certificate email). */
export function orderLineItems(order: BigCommerceOrder): BigCommerceOrderProduct[] {
  const c = order.consignments;
  const groups = [
    ...(c.shipping ?? []),
    ...(c.pickups ?? []),
    ...(c.downloads ?? []),
    ...(c.email?.gift_certificates ?? []),
  ];
  const byId = new Map<number, BigCommerceOrderProduct>();
  for (const group of groups) for (const line of group.line_items) byId.set(line.id, line);
  return [...byId.values()];
}
