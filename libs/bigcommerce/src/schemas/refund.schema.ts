import { z } from 'zod';
import { id, isoDateTime, v3Collection, wireMoney } from './common.schema';

/** v3 refunds (orders.v3.yml `Refund`): amounts are JSON numbers, `created` is ISO 8601. */
export const refundItemSchema = z.looseObject({
  item_type: z.string(),
  item_id: id,
  quantity: z.number().int().nullable().optional(),
  requested_amount: wireMoney.nullable().optional(),
  reason: z.string().optional(),
});

export const refundPaymentSchema = z.looseObject({
  id: id.optional(),
  provider_id: z.string(),
  amount: wireMoney,
  offline: z.boolean().optional(),
  is_declined: z.boolean().optional(),
  declined_message: z.string().optional(),
  transaction_id: z.string().optional(),
});

export const refundSchema = z.looseObject({
  id,
  order_id: id,
  created: isoDateTime,
  reason: z.string().optional(),
  total_amount: wireMoney,
  total_tax: wireMoney.optional(),
  uses_merchant_override_values: z.boolean().optional(),
  items: z.array(refundItemSchema),
  payments: z.array(refundPaymentSchema).optional(),
});

export const refundCollectionSchema = v3Collection(refundSchema);

export type BigCommerceRefund = z.infer<typeof refundSchema>;
