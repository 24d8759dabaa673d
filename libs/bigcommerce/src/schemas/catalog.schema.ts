import { z } from 'zod';
import { id, isoDateTime, v3Collection } from './common.schema';

/**
 * v3 catalog (products_catalog.v3.yml, product-variants_catalog.v3.yml). Prices are JSON numbers; a variant's
 * `price` is null when it inherits the product price; `sku_id` is the id that store/sku/* webhooks carry.
 */
export const inventoryTrackingSchema = z.enum(['none', 'product', 'variant']);

export const variantSchema = z.looseObject({
  id,
  product_id: id,
  sku: z.string(),
  sku_id: id.nullable().optional(),
  price: z.number().nullable().optional(),
  sale_price: z.number().nullable().optional(),
  calculated_price: z.number().optional(),
  inventory_level: z.number().int().nullable().optional(),
  purchasing_disabled: z.boolean().optional(),
  option_values: z
    .array(z.looseObject({ id: id.optional(), option_id: id.optional(), label: z.string().optional() }))
    .optional(),
});

export const productSchema = z.looseObject({
  id,
  name: z.string(),
  type: z.string().optional(),
  sku: z.string(),
  price: z.number(),
  sale_price: z.number().nullable().optional(),
  calculated_price: z.number().optional(),
  inventory_level: z.number().int().optional(),
  inventory_tracking: inventoryTrackingSchema,
  base_variant_id: id.nullable().optional(),
  is_visible: z.boolean().optional(),
  date_modified: isoDateTime.optional(),
  variants: z.array(variantSchema).optional(),
});

export const productCollectionSchema = v3Collection(productSchema);
export const variantCollectionSchema = v3Collection(variantSchema);

/** Batch PUT answers: 200 `{data, meta}` or 207 `{data, errors, meta}` (partial failure). */
const batchProblem = z.looseObject({
  status: z.number().int().optional(),
  title: z.string().optional(),
  errors: z.record(z.string(), z.unknown()).optional(),
});

export function batchUpdateSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    data: z.array(item),
    errors: z.union([batchProblem, z.array(batchProblem)]).optional(),
    meta: z.unknown().optional(),
  });
}

export type BigCommerceProduct = z.infer<typeof productSchema>;
export type BigCommerceVariant = z.infer<typeof variantSchema>;
export type InventoryTracking = z.infer<typeof inventoryTrackingSchema>;
