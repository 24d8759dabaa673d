import { z } from 'zod';
import { PermanentError } from '@mlc/platform-errors';

const positiveDecimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a decimal string such as "1.0825"')
  .refine((s) => /[1-9]/.test(s), 'must be greater than zero');

const percentDecimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a percentage as a decimal string such as "20" or "8.25"');

/**
 * Per-connection settings of the catalog push (BC prices and stock to BigCommerce), version 1.
 *
 * - `priceConversion`: used only when the store's currency differs from BC's local currency; either skip the price
 *   with a warning or multiply BC's price by a fixed `rate` (store units per BC unit).
 * - `taxInclusionMismatch`: used only when BC's `priceIncludesTax` differs from the store's tax-inclusive pricing;
 *   `convert` adds or removes `taxRatePercent`.
 * - `quotaShare` / `reserveForOrderReads`: this service's slice of the store-wide 30-second request quota, and the
 *   requests per window always left for order reads.
 * - `driftAlarmThreshold`: |store level - expected level| in units at or above which drift is alarmed.
 * - `driftCorrectionQuietMs`: no order event for the SKU during this long before an absolute correction is allowed.
 */
export const CatalogSyncSettings = z
  .object({
    version: z.literal(1),
    bigcommerceLocationId: z.number().int().positive().default(1),
    pushPrices: z.boolean().default(true),
    pushStock: z.boolean().default(true),
    priceConversion: z
      .union([z.literal('skip-with-warning'), z.object({ rate: positiveDecimal }).strict()])
      .default('skip-with-warning'),
    taxInclusionMismatch: z.enum(['skip-with-warning', 'convert']).default('skip-with-warning'),
    taxRatePercent: percentDecimal.optional(),
    coalesceWindowMs: z.number().int().min(0).max(60_000).default(2000),
    quotaShare: z.number().gt(0).max(1).default(0.6),
    reserveForOrderReads: z.number().int().min(0).default(20),
    driftAlarmThreshold: z.number().int().min(1).default(5),
    driftCorrectionQuietMs: z.number().int().min(0).default(300_000),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.taxInclusionMismatch === 'convert' && s.taxRatePercent === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['taxRatePercent'],
        message: 'is required when taxInclusionMismatch is "convert"',
      });
    }
  });

export type CatalogSyncSettings = z.infer<typeof CatalogSyncSettings>;

/** Input accepted by {@link parseCatalogSyncSettings}: every field with a default may be left out. */
export type CatalogSyncSettingsInput = z.input<typeof CatalogSyncSettings>;

/**
 * Validates settings (as stored in the connection registry) and fills defaults. Throws a `PermanentError` with code
 * `CONFIG` whose message names every failing field, e.g. `catalog settings: quotaShare: ...; taxRatePercent: ...`.
 */
export function parseCatalogSyncSettings(input: unknown): CatalogSyncSettings {
  const result = CatalogSyncSettings.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `${field}: ${issue.message}`;
  });
  throw new PermanentError('CONFIG', `catalog settings: ${problems.join('; ')}`);
}

/** The settings a connection gets when it declares none. */
export function defaultCatalogSyncSettings(): CatalogSyncSettings {
  return parseCatalogSyncSettings({ version: 1 });
}
