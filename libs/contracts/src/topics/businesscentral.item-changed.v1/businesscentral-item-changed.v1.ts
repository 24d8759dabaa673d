import { z } from 'zod';
import { connectionId, isoDateTime, signalSource } from '../../common';
import { defineTopic } from '../../topic-contract';

/** A BC item may have changed (notification, delta poll or stock scan): catalog-writer re-reads it. */
export const businesscentralItemChangedV1 = defineTopic({
  name: 'businesscentral.item-changed.v1',
  description: 'A Business Central item may have changed (price, stock or other fields)',
  schema: z.object({
    connectionId,
    itemId: z.guid(),
    changeType: z.enum(['created', 'updated', 'deleted', 'stock']),
    source: signalSource,
    occurredAt: isoDateTime,
  }),
  key: (v) => `${v.connectionId}:${v.itemId}`,
});
