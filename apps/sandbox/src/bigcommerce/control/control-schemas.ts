import { z } from 'zod';
import { ALL_SCOPES } from '../store/store-settings';

const price = z.string().regex(/^\d+(\.\d{1,4})?$/, 'a decimal string such as "19.99"');

/** `POST /__sandbox/bigcommerce/products`: a product as the merchant would create it in the control panel. */
export const newProductSchema = z
  .object({
    name: z.string().min(1).max(250),
    sku: z.string().min(1).max(255),
    price,
    type: z.enum(['physical', 'digital']).default('physical'),
    inventory: z.number().int().min(0).max(2_147_483_647).default(0),
    inventoryTracking: z.enum(['none', 'product', 'variant']).optional(),
    allowBackorders: z.boolean().default(false),
    variants: z
      .array(
        z
          .object({
            sku: z.string().min(1),
            price: price.optional(),
            inventory: z.number().int().min(0).default(0),
            optionLabel: z.string().min(1),
          })
          .strict(),
      )
      .default([]),
  })
  .strict()
  .refine((p) => p.variants.length > 0 || p.inventoryTracking !== 'variant', {
    message: 'inventoryTracking "variant" needs variants',
  });

/** `PATCH /__sandbox/bigcommerce/skus/{sku}`: merchant-side changes to one sellable SKU. */
export const skuPatchSchema = z
  .object({
    allowBackorders: z.boolean().optional(),
    purchasingDisabled: z.boolean().optional(),
    /** On-hand at the default location, as a control-panel stock edit (fires the inventory webhook). */
    stock: z.number().int().min(0).max(2_147_483_647).optional(),
    safetyStock: z.number().int().min(0).optional(),
  })
  .strict();

export const newAccountSchema = z
  .object({
    accessToken: z.string().min(8),
    clientId: z.string().min(1),
    clientSecret: z.string().min(8).optional(),
    scopes: z.array(z.enum(ALL_SCOPES as [string, ...string[]])).optional(),
  })
  .strict();

export const newLocationSchema = z
  .object({ code: z.string().min(1).max(50), label: z.string().min(1).max(255) })
  .strict();
