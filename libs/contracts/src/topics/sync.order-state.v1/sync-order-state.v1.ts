import { z } from 'zod';
import { connectionId, decimalString, isoDateTime } from '../../common';
import { defineTopic } from '../../topic-contract';

export const ORDER_SYNC_STATES = [
  'RECEIVED',
  'CUSTOMER_RESOLVED',
  'DOCUMENT_CREATED',
  'POSTED',
  'NEEDS_MAPPING',
  'PARKED',
  'CONFLICT',
  'FAILED',
  'CANCELLED',
  'SKIPPED',
] as const;

/**
 * Every state change of an order's (or a refund's) sync, with the line SKUs and quantities: catalog-writer derives
 * committed stock from it; audit and reconcile read it. `sequence` grows per order so replays are recognisable.
 */
export const syncOrderStateV1 = defineTopic({
  name: 'sync.order-state.v1',
  description: 'State changes of order and refund syncs, with line SKUs and quantities',
  schema: z.object({
    connectionId,
    orderId: z.number().int().positive(),
    refundId: z.number().int().positive().optional(),
    state: z.enum(ORDER_SYNC_STATES),
    previousState: z.enum(ORDER_SYNC_STATES).optional(),
    documentType: z.enum(['salesInvoice', 'salesOrder', 'salesCreditMemo']),
    bcDocumentId: z.guid().optional(),
    bcDocumentNumber: z.string().optional(),
    lines: z.array(z.object({ sku: z.string(), quantity: decimalString, shippedQuantity: decimalString.optional() })),
    reason: z.string().optional(),
    sequence: z.number().int().nonnegative(),
    settingsVersion: z.number().int().positive(),
    occurredAt: isoDateTime,
  }),
  key: (v) => `${v.connectionId}:${v.orderId}`,
});
