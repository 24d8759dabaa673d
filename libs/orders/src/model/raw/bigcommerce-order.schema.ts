import { z } from 'zod';
import { moneyLoose, moneyString, notAReference, storeDate, text } from './wire-fields';

/**
 * The contract the domain consumes: the v2 order as returned by
 * `GET /v2/orders/{id}?include=consignments.line_items&consignment_structure=object` (orders.v2.oas2.yml
 * `order_Resp`, `orderConsignment_Get`, `orderProducts`). Only the fields the domain reads are declared; unknown
 * fields are dropped from the parsed value (the raw JSON is kept as the audit snapshot).
 */

const LINE_ITEMS_HINT = 'request include=consignments.line_items';

const appliedDiscount = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  amount: moneyString,
  name: text,
  code: z.string().nullish(),
  target: z.enum(['order', 'product']).optional(),
});

const productOption = z.object({
  display_name: text,
  display_value: text,
});

export const bigCommerceOrderProductSchema = z.object({
  id: z.number().int().positive(),
  order_id: z.number().int(),
  product_id: z.number().int(),
  variant_id: z.number().int().nullish(),
  order_address_id: z.number().int(),
  order_pickup_method_id: z.number().int().optional(),
  name: z.string(),
  name_merchant: z.string().optional(),
  sku: text,
  upc: text,
  type: z.enum(['physical', 'digital', 'giftcertificate']),
  quantity: z.number().int().min(0),
  base_price: moneyString.optional(),
  price_ex_tax: moneyString,
  price_inc_tax: moneyString,
  price_tax: moneyString,
  total_ex_tax: moneyString,
  total_inc_tax: moneyString,
  total_tax: moneyString,
  quantity_refunded: z.number().int().min(0).optional(),
  wrapping_name: z.string().nullish(),
  wrapping_cost_ex_tax: moneyString.optional(),
  wrapping_cost_inc_tax: moneyString.optional(),
  parent_order_product_id: z.number().int().nullish(),
  is_bundled_product: z.boolean().optional(),
  gift_certificate_id: z.number().int().nullish(),
  applied_discounts: z.array(appliedDiscount).default([]),
  product_options: z.array(productOption).default([]),
});

const lineItems = z.array(z.unknown().superRefine(notAReference(LINE_ITEMS_HINT)).pipe(bigCommerceOrderProductSchema));

const address = {
  first_name: text,
  last_name: text,
  company: text,
  street_1: text,
  street_2: text,
  city: text,
  state: text,
  zip: text,
  country: text,
  country_iso2: text,
  phone: text,
  email: text,
};

export const bigCommerceBillingAddressSchema = z.object(address);

const shippingConsignment = z.object({
  id: z.number().int(),
  ...address,
  shipping_method: text,
  line_items: lineItems,
  cost_ex_tax: moneyLoose,
  cost_inc_tax: moneyLoose,
  cost_tax: moneyLoose.optional(),
  cost_tax_class_id: z.number().int().nullish(),
});

const pickupConsignment = z.object({
  id: z.number().int(),
  pickup_method_id: z.number().int(),
  pickup_method_display_name: text,
  collection_instructions: text,
  location: z.object({ id: z.number().int(), name: text, code: text, city: text, country_alpha2: text }).optional(),
  line_items: lineItems,
});

const recipientConsignment = z.object({ recipient_email: text, line_items: lineItems });

const consignmentObject = z.object({
  shipping: z.array(shippingConsignment).default([]),
  pickups: z.array(pickupConsignment).default([]),
  downloads: z.array(recipientConsignment).default([]),
  email: z.object({ gift_certificates: z.array(recipientConsignment).default([]) }).default({ gift_certificates: [] }),
});

const consignments = z
  .unknown()
  .superRefine((value, ctx) => {
    if (Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: 'is an array (request consignment_structure=object)' });
    } else if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: `is missing (${LINE_ITEMS_HINT}&consignment_structure=object)` });
    } else {
      notAReference(`${LINE_ITEMS_HINT}&consignment_structure=object`)(value, ctx);
    }
  })
  .pipe(consignmentObject);

export const bigCommerceOrderSchema = z.object({
  id: z.number().int().positive(),
  customer_id: z.number().int().min(0),
  date_created: storeDate,
  date_modified: storeDate,
  status_id: z.number().int().min(0),
  status: text,
  is_deleted: z.boolean().default(false),
  is_tax_inclusive_pricing: z.boolean().default(false),
  subtotal_ex_tax: moneyString,
  subtotal_inc_tax: moneyString,
  subtotal_tax: moneyString,
  shipping_cost_ex_tax: moneyString,
  shipping_cost_inc_tax: moneyString,
  shipping_cost_tax: moneyString,
  shipping_cost_tax_class_id: z.number().int().nullish(),
  handling_cost_ex_tax: moneyString,
  handling_cost_inc_tax: moneyString,
  handling_cost_tax: moneyString,
  handling_cost_tax_class_id: z.number().int().nullish(),
  wrapping_cost_ex_tax: moneyString,
  wrapping_cost_inc_tax: moneyString,
  wrapping_cost_tax: moneyString,
  wrapping_cost_tax_class_id: z.number().int().nullish(),
  total_ex_tax: moneyString,
  total_inc_tax: moneyString,
  total_tax: moneyString,
  discount_amount: moneyString,
  coupon_discount: moneyString,
  gift_certificate_amount: moneyString,
  store_credit_amount: moneyString,
  refunded_amount: moneyString.optional(),
  payment_method: text,
  currency_code: z.string().length(3),
  default_currency_code: z.string().length(3),
  /** Blank on single-currency stores (orders.v2.oas2.yml examples): read as "not sent". */
  store_default_currency_code: z
    .union([z.literal(''), z.string().length(3)])
    .optional()
    .transform((code) => (code === '' ? undefined : code)),
  store_default_to_transactional_exchange_rate: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'expected a decimal string')
    .optional(),
  billing_address: bigCommerceBillingAddressSchema,
  consignments,
});

/** The parsed v2 order (unknown fields dropped). */
export type BigCommerceOrder = z.output<typeof bigCommerceOrderSchema>;
export type BigCommerceOrderProduct = z.output<typeof bigCommerceOrderProductSchema>;
export type BigCommerceBillingAddress = z.output<typeof bigCommerceBillingAddressSchema>;
