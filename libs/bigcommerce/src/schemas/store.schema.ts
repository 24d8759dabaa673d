import { z } from 'zod';

/**
 * GET /v2/store (store_information.v2.yml). `id` is the store hash; `store_id` is the numeric store id that webhook
 * payloads carry (as a string) in their `store_id`.
 */
export const storeInformationSchema = z.looseObject({
  id: z.string().min(1),
  store_id: z.number().int().positive(),
  name: z.string().optional(),
  domain: z.string().optional(),
  secure_url: z.string().optional(),
  status: z.string().optional(),
  currency: z.string().min(1),
  decimal_places: z.number().int().optional(),
  is_price_entered_with_tax: z.boolean().optional(),
  plan_name: z.string().optional(),
  plan_level: z.string().optional(),
  default_channel_id: z.number().int().optional(),
  timezone: z.looseObject({
    name: z.string().min(1),
    raw_offset: z.number().optional(),
    dst_offset: z.number().optional(),
    dst_correction: z.boolean().optional(),
  }),
});

export type BigCommerceStoreInformation = z.infer<typeof storeInformationSchema>;
