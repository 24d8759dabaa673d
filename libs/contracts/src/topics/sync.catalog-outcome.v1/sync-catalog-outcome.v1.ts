import { z } from 'zod';
import { connectionId, decimalString, isoDateTime } from '../../common';
import { defineTopic } from '../../topic-contract';

/** What catalog-writer did for one SKU: pushed, left unchanged, skipped (with why) or failed. */
export const syncCatalogOutcomeV1 = defineTopic({
  name: 'sync.catalog-outcome.v1',
  description: 'Outcome of pushing a BC price or stock level to one store SKU',
  schema: z.object({
    connectionId,
    sku: z.string().min(1),
    outcome: z.enum(['changed', 'unchanged', 'skipped', 'failed']),
    reason: z.string().optional(),
    price: decimalString.optional(),
    level: z.number().int().optional(),
    drift: z.number().int().optional(),
    occurredAt: isoDateTime,
  }),
  key: (v) => `${v.connectionId}:${v.sku}`,
});
