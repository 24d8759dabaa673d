import { z } from 'zod';
import { id, v3Collection, v3Single } from './common.schema';

/** v3 hooks (webhooks.v3.yml `webhook_Full`): timestamps are unix seconds; `headers` is a string map or null. */
export const hookSchema = z.looseObject({
  id,
  client_id: z.string().optional(),
  store_hash: z.string().optional(),
  scope: z.string(),
  destination: z.string(),
  is_active: z.boolean(),
  headers: z.record(z.string(), z.string()).nullable().optional(),
  created_at: z.number().int().optional(),
  updated_at: z.number().int().optional(),
});

export const hookCollectionSchema = v3Collection(hookSchema);
export const hookSingleSchema = v3Single(hookSchema);

export type BigCommerceHook = z.infer<typeof hookSchema>;
