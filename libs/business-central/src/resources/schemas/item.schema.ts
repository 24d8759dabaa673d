import { z } from 'zod';
import { bcDecimal } from '../../client/wire';
import { bcEnum, bcGuid, optionalText, text, withEtag } from './common.schema';
import { bcEtag } from '../../client/wire';

/**
 * items (API page 30008). `inventory` is the total over all locations (a FlowField); `unitPrice` is Item."Unit Price"
 * only; `blocked` is a boolean here (unlike customers); `number` is Code[20] and `gtin` Code[14].
 */
export const itemFields = z.object({
  id: bcGuid,
  number: text,
  displayName: text,
  displayName2: optionalText,
  type: bcEnum(['Inventory', 'Service', 'Non-Inventory'] as const),
  itemCategoryId: bcGuid.optional(),
  itemCategoryCode: optionalText,
  blocked: z.boolean(),
  gtin: optionalText,
  inventory: bcDecimal,
  unitPrice: bcDecimal,
  priceIncludesTax: z.boolean().optional(),
  unitCost: bcDecimal.optional(),
  taxGroupId: bcGuid.optional(),
  taxGroupCode: optionalText,
  baseUnitOfMeasureId: bcGuid.optional(),
  baseUnitOfMeasureCode: optionalText,
  generalProductPostingGroupId: bcGuid.optional(),
  generalProductPostingGroupCode: optionalText,
  inventoryPostingGroupId: bcGuid.optional(),
  inventoryPostingGroupCode: optionalText,
  lastModifiedDateTime: text,
});

export const itemSchema = withEtag(itemFields);
export type BcItem = z.output<typeof itemSchema>;
export type BcItemField = keyof z.output<typeof itemFields>;
/** An item read with `$select`: only the chosen fields (and `id`, always selected). */
export type BcItemSelection<K extends BcItemField> = Pick<z.output<typeof itemFields>, K | 'id'> & {
  readonly etag?: string;
};

/** Schema for an item read with `$select=<fields>`; `id` is always included. */
export function itemSelectionSchema<K extends BcItemField>(fields: readonly K[]) {
  const mask = Object.fromEntries([...new Set<string>(['id', ...fields])].map((f) => [f, true as const]));
  return itemFields
    .pick(mask as { [F in BcItemField]?: true })
    .extend({ '@odata.etag': bcEtag.optional() })
    .transform((record) => {
      const { '@odata.etag': etag, ...rest } = record as Record<string, unknown> & { '@odata.etag'?: string };
      return { ...rest, ...(etag ? { etag } : {}) } as BcItemSelection<K>;
    });
}
