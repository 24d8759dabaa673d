import { z } from 'zod';
import { connectionId, isoDateTime, signalSource } from '../../common';
import { defineTopic } from '../../topic-contract';

/** A store product or SKU was created, changed or deleted: catalog-writer refreshes its SKU map for it. */
export const bigcommerceCatalogSignalV1 = defineTopic({
  name: 'bigcommerce.catalog-signal.v1',
  description: 'A BigCommerce product or SKU may have changed',
  schema: z.object({
    connectionId,
    productId: z.number().int().positive(),
    variantId: z.number().int().positive().optional(),
    scope: z.string(),
    source: signalSource,
    occurredAt: isoDateTime,
  }),
  key: (v) => `${v.connectionId}:${v.productId}`,
});
