import { z } from 'zod';
import { connectionId, isoDateTime } from '../../common';
import { defineTopic } from '../../topic-contract';

/** Every verified BigCommerce delivery, as received (audit). The payload carries ids only, never personal data. */
export const bigcommerceWebhookReceivedV1 = defineTopic({
  name: 'bigcommerce.webhook-received.v1',
  description: 'Every verified BigCommerce webhook delivery (audit trail)',
  schema: z.object({
    connectionId,
    scope: z.string().min(1),
    resourceId: z.string().min(1),
    storeId: z.string(),
    hash: z.string().optional(),
    webhookId: z.string().optional(),
    verifiedBy: z.enum(['custom-header', 'standard-webhooks', 'x-bc-signature']),
    createdAt: z.number().int().optional(),
    receivedAt: isoDateTime,
    duplicate: z.boolean(),
    data: z.record(z.string(), z.unknown()),
  }),
  key: (v) => `${v.connectionId}:${v.scope}:${v.resourceId}`,
});
