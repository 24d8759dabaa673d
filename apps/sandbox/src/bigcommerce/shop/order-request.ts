import { z } from 'zod';

const money = z.string().regex(/^\d+(\.\d{1,2})?$/, 'a money string such as "12.50"');

/**
 * `POST /__sandbox/bigcommerce/orders`: an order placed the way a shopper would, through the storefront.
 * Without `customerEmail` (or with `guest: true`) it is a guest order (`customer_id` 0); an unknown email
 * registers a new customer at checkout.
 */
export const placeOrderSchema = z
  .object({
    customerEmail: z.string().email().optional(),
    guest: z.boolean().default(false),
    lines: z
      .array(z.object({ sku: z.string().min(1), quantity: z.number().int().min(1).max(1_000_000) }).strict())
      .default([]),
    giftCertificates: z
      .array(
        z.object({ amount: money, recipientEmail: z.string().email(), recipientName: z.string().optional() }).strict(),
      )
      .default([]),
    couponCode: z.string().min(1).optional(),
    manualDiscount: money.optional(),
    /** Entered like product prices (with or without tax per the store setting); default 10.00 for shipped orders. */
    shippingCost: money.optional(),
    fulfillment: z.enum(['shipping', 'pickup']).default('shipping'),
    pickupLocationId: z.number().int().positive().optional(),
    statusId: z.number().int().min(0).max(14).default(11),
    /** Transactional currency (the one the shopper pays in); must be the store's or one of `settings.currencies`. */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    /** Display currency when it differs from the transactional one. */
    displayCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    customerMessage: z.string().max(2000).optional(),
  })
  .strict()
  .refine((o) => o.lines.length + o.giftCertificates.length > 0, {
    message: 'an order needs lines or giftCertificates',
  })
  .refine((o) => o.fulfillment === 'pickup' || o.pickupLocationId === undefined, {
    message: 'pickupLocationId needs fulfillment "pickup"',
  });

export type PlaceOrderRequest = z.infer<typeof placeOrderSchema>;

export const changeStatusSchema = z.object({ statusId: z.number().int().min(0).max(14) }).strict();

/** `POST /__sandbox/bigcommerce/orders/{id}/refunds`: items by SKU and/or an order-level amount; empty = refund all. */
export const controlRefundSchema = z
  .object({
    items: z.array(z.object({ sku: z.string().min(1), quantity: z.number().int().min(1) }).strict()).optional(),
    amount: money.optional(),
    reason: z.string().max(1000).optional(),
  })
  .strict();
export type ControlRefundRequest = z.infer<typeof controlRefundSchema>;
