import { z } from 'zod';
import { connectionId, isoDateTime, signalSource } from '../../common';
import { defineTopic } from '../../topic-contract';

/** A BC customer may have changed: bc-writer drops it from its customer cache. */
export const businesscentralCustomerChangedV1 = defineTopic({
  name: 'businesscentral.customer-changed.v1',
  description: 'A Business Central customer may have changed',
  schema: z.object({
    connectionId,
    customerId: z.guid(),
    changeType: z.enum(['created', 'updated', 'deleted']),
    source: signalSource,
    occurredAt: isoDateTime,
  }),
  key: (v) => `${v.connectionId}:${v.customerId}`,
});
