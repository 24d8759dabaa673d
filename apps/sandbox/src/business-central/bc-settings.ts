import { z } from 'zod';

const decimalText = z.string().regex(/^\d+(\.\d+)?$/, 'a non-negative decimal string such as "8.25"');

/**
 * Tunables of the simulated environment, changed with `POST /__sandbox/business-central/settings`. Durations are
 * documented values in milliseconds; those marked "scaled" are divided by the sandbox time scale when applied.
 */
export const bcSettingsSchema = z
  .object({
    /** Percent per tax area code and tax group code (US sales tax); groups not listed are not taxed. */
    taxRates: z.record(z.string(), z.record(z.string(), decimalText)),
    /** Foreign currency units per 1 unit of local currency (USD). */
    exchangeRates: z.record(z.string(), decimalText),
    throttle: z
      .object({
        requestsPerWindow: z.number().int().positive(),
        windowMs: z.number().int().positive(),
        maxConcurrent: z.number().int().positive(),
        maxQueue: z.number().int().min(0),
        /** Scaled: a queued request waits at most this long, then gets 503. */
        queueTimeoutMs: z.number().int().positive(),
      })
      .strict(),
    /** Real milliseconds each API request holds its concurrency slot (simulated server work). */
    requestProcessingMs: z.number().int().min(0).max(600_000),
    /** Scaled: the notification sender job runs this long after the first queued change. */
    notificationDelayMs: z.number().int().min(0),
    /** More notifications than this for one subscription in one run become a single `collection` entry. */
    collectionThreshold: z.number().int().min(1),
    /** Real milliseconds the validation handshake may take. */
    handshakeTimeoutMs: z.number().int().positive(),
    /** Real milliseconds a notification POST may take before it counts as "no response". */
    deliveryTimeoutMs: z.number().int().positive(),
    /** Scaled: waits before each retry after a failed delivery (the 6th consecutive failure deletes). */
    retryScheduleMs: z.array(z.number().int().min(0)).min(1),
    subscriptionLimit: z.number().int().min(0),
    subscriptionLifetimeMs: z.number().int().positive(),
    /** Server page size when the client sends no `Prefer: odata.maxpagesize`. */
    maxPageSize: z.number().int().positive(),
    preventNegativeInventory: z.boolean(),
    tokenLifetimeSeconds: z.number().int().positive(),
  })
  .strict();

export type BcSettings = z.infer<typeof bcSettingsSchema>;

const MINUTE = 60_000;

export function defaultBcSettings(): BcSettings {
  return {
    taxRates: {
      'TX-AUSTIN': { TAXABLE: '8.25', FREIGHT: '8.25' },
      'CA-SANFRAN': { TAXABLE: '8.625' },
      'NY-NYC': { TAXABLE: '8.875', FREIGHT: '8.875' },
      EXEMPT: {},
    },
    exchangeRates: { EUR: '0.92', GBP: '0.79' },
    throttle: { requestsPerWindow: 6000, windowMs: 5 * MINUTE, maxConcurrent: 5, maxQueue: 95, queueTimeoutMs: 8 * MINUTE },
    requestProcessingMs: 0,
    notificationDelayMs: 30_000,
    collectionThreshold: 1000,
    handshakeTimeoutMs: 5000,
    deliveryTimeoutMs: 10_000,
    retryScheduleMs: [MINUTE, MINUTE, 10 * MINUTE, 100 * MINUTE, 1000 * MINUTE],
    subscriptionLimit: 200,
    subscriptionLifetimeMs: 3 * 24 * 60 * MINUTE,
    maxPageSize: 20_000,
    preventNegativeInventory: false,
    tokenLifetimeSeconds: 3599,
  };
}

/** Partial update: top-level keys replace, `throttle` merges. */
export const bcSettingsPatchSchema = bcSettingsSchema
  .omit({ throttle: true })
  .partial()
  .extend({ throttle: bcSettingsSchema.shape.throttle.partial().optional() })
  .strict();
