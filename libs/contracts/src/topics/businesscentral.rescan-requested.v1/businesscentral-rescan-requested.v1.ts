import { z } from 'zod';
import { connectionId, isoDateTime } from '../../common';
import { defineTopic } from '../../topic-contract';

/** BC said "many records changed" (a `collection` notification), or an operator asked: rescan now. */
export const businesscentralRescanRequestedV1 = defineTopic({
  name: 'businesscentral.rescan-requested.v1',
  description: 'Rescan a Business Central resource now',
  schema: z.object({
    connectionId,
    resource: z.enum(['items', 'customers']),
    reason: z.enum(['collection-notification', 'operator', 'subscription-recreated']),
    occurredAt: isoDateTime,
  }),
  key: (v) => `${v.connectionId}:${v.resource}`,
});
