import { z } from 'zod';
import { moneyLoose, storeDate, text } from './wire-fields';

/**
 * The refund contract (orders.v3.yml `Refund`): one element of `data` from
 * `GET /v3/orders/{id}/payment_actions/refunds`. Amounts are JSON numbers rounded to 2 places.
 */
export const bigCommerceRefundItemSchema = z.object({
  item_type: z.enum(['PRODUCT', 'GIFT_WRAPPING', 'SHIPPING', 'HANDLING', 'ORDER', 'FEE', 'TAX']),
  item_id: z.number().int(),
  reason: text,
  quantity: z.number().int().min(0).nullish(),
  requested_amount: moneyLoose.nullish(),
  adjustments: z
    .array(z.object({ amount: moneyLoose, description: text }))
    .nullish()
    .transform((value) => value ?? []),
});

export const bigCommerceRefundSchema = z.object({
  id: z.number().int().positive(),
  order_id: z.number().int().positive(),
  created: storeDate,
  reason: text,
  total_amount: moneyLoose,
  total_tax: moneyLoose,
  uses_merchant_override_values: z.boolean().default(false),
  items: z.array(bigCommerceRefundItemSchema),
  payments: z
    .array(
      z.object({
        id: z.number().int().optional(),
        provider_id: z.string(),
        amount: moneyLoose,
        offline: z.boolean().default(false),
        is_declined: z.boolean().default(false),
      }),
    )
    .min(1),
});

/** The collection response `{data: Refund[], meta}`. */
export const bigCommerceRefundCollectionSchema = z.object({ data: z.array(bigCommerceRefundSchema) });

export type BigCommerceRefund = z.output<typeof bigCommerceRefundSchema>;
