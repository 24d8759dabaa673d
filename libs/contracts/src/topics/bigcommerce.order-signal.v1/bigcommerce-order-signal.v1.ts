import { z } from 'zod';
import { connectionId, isoDateTime, signalSource } from '../../common';
import { defineTopic } from '../../topic-contract';

/**
 * "Order N (or one of its refunds) may have changed": ids only, the handler re-reads the order. Refunds share the
 * order's key, so a refund is never handled before its order nor beside another refund of the same order.
 */
export const bigcommerceOrderSignalV1 = defineTopic({
  name: 'bigcommerce.order-signal.v1',
  description: 'An order or refund of a BigCommerce order may have changed',
  schema: z
    .object({
      connectionId,
      orderId: z.number().int().positive(),
      kind: z.enum(['order', 'refund']),
      refundId: z.number().int().positive().optional(),
      scope: z.string().optional(),
      source: signalSource,
      occurredAt: isoDateTime,
    })
    .refine((v) => v.kind === 'order' || v.refundId !== undefined || v.source !== 'webhook', {
      message: 'a refund signal from a webhook carries its refundId',
      path: ['refundId'],
    }),
  key: (v) => `${v.connectionId}:${v.orderId}`,
});
