import { z } from 'zod';
import { id, v3Collection } from './common.schema';

/** v3 inventory (inventory.v3.yml, locations.v3.yml). */
export const adjustmentResponseSchema = z.looseObject({ transaction_id: z.string().min(1) });

export const locationSchema = z.looseObject({
  id,
  code: z.string().optional(),
  label: z.string().optional(),
  enabled: z.boolean().optional(),
  type_id: z.string().optional(),
  managed_by_external_source: z.boolean().optional(),
});

export const locationCollectionSchema = v3Collection(locationSchema);

export type BigCommerceLocation = z.infer<typeof locationSchema>;
