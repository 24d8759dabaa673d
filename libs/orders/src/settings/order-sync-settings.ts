import { z } from 'zod';
import { Decimal } from '@mlc/platform-money';
import { formatIssues } from '../model/raw/format-issues';

/**
 * BigCommerce order status ids (GET /v2/order_statuses): 11 Awaiting Fulfillment, 9 Awaiting Shipment, 8 Awaiting
 * Pickup, 3 Partially Shipped, 2 Shipped, 10 Completed, 14 Partially Refunded, 4 Refunded.
 */
export const DEFAULT_SYNCABLE_STATUSES = [11, 9, 8, 3, 2, 10, 14, 4] as const;

/** BC `Code[20]` values (G/L account numbers, customer numbers, tax codes) are stored uppercase. */
const bcCode = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(20, 'BC codes hold at most 20 characters')
  .transform((value) => value.toUpperCase());

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');

const decimalString = z
  .string()
  .regex(/^\d+(\.\d{1,4})?$/, 'must be a non-negative decimal string such as "0.01"')
  .refine((value) => Decimal.parse(value).round(2).eq(value), 'must have at most 2 decimal places');

const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as "Europe/Berlin"');

/** The externalDocumentNumber is Code[35]: prefix + order id (<= 10 digits) + "-R" + refund id (<= 10 digits). */
const externalDocumentPrefix = z
  .string()
  .max(12, 'at most 12 characters, so prefix + order id + refund id fit in 35')
  .regex(/^[A-Za-z0-9._/-]*$/, 'letters, digits and . _ / - only')
  .transform((value) => value.toUpperCase());

const customerSettings = z.object({
  /** Match shoppers to BC customers by email; when false every order goes to `defaultCustomerNumber`. */
  matchByEmail: z.boolean().default(true),
  onMultipleMatches: z.enum(['first-non-blocked', 'park']).default('first-non-blocked'),
  guests: z.enum(['match-billing-email', 'default-customer']).default('match-billing-email'),
  defaultCustomerNumber: bcCode.optional(),
  /** Values for customers the connector creates; posting groups come from BC's own customer template. */
  defaults: z
    .object({
      currencyCode: z
        .string()
        .regex(/^[A-Za-z]{3}$/, 'must be a 3-letter currency code')
        .transform((c) => c.toUpperCase())
        .optional(),
      taxAreaId: guid.optional(),
      /** BC charges sales tax only to Tax Liable customers; absent = liable exactly when a tax area is given. */
      taxLiable: z.boolean().optional(),
      paymentTermsId: guid.optional(),
    })
    .default({}),
});

const accounts = z
  .object({
    shipping: bcCode.optional(),
    handling: bcCode.optional(),
    wrapping: bcCode.optional(),
    giftCertificateLiability: bcCode.optional(),
    refunds: bcCode.optional(),
    storeTax: bcCode.optional(),
    /** When set, order-level discounts become one negative line on this account instead of line discounts. */
    discounts: bcCode.optional(),
  })
  .default({});

const taxGroups = z
  .object({
    /** BigCommerce tax class id -> BC tax code (US: tax group code; VAT countries: VAT identifier). */
    byTaxClassId: z.record(z.string().regex(/^\d+$/, 'tax class ids are digits'), bcCode).default({}),
    /** Tax code for item lines in bc-calculates mode; absent = BC uses the item's own tax group. */
    items: bcCode.optional(),
    /** A tax code BC treats as not taxable; every line carries it in store-tax-line mode. */
    nonTaxable: bcCode.optional(),
  })
  .default({ byTaxClassId: {} });

export const orderSyncSettingsSchema = z
  .object({
    version: z.literal(1),
    documentType: z.enum(['salesInvoice', 'salesOrder']).default('salesInvoice'),
    postInvoices: z.boolean().default(true),
    syncableStatuses: z
      .array(z.number().int().min(0))
      .min(1)
      .default([...DEFAULT_SYNCABLE_STATUSES]),
    customer: customerSettings.default({
      matchByEmail: true,
      onMultipleMatches: 'first-non-blocked',
      guests: 'match-billing-email',
      defaults: {},
    }),
    skuMapping: z.enum(['item-number', 'gtin', 'mapping-table']).default('item-number'),
    externalDocumentPrefix: externalDocumentPrefix.default('BC-'),
    accounts,
    taxMode: z.enum(['bc-calculates', 'store-tax-line']).default('bc-calculates'),
    taxGroups,
    totalsTolerance: decimalString.default('0.01'),
    onTotalMismatch: z.enum(['accept', 'hold-draft']).default('hold-draft'),
    timeZone: timeZone.default('UTC'),
    refundLines: z.enum(['gl-account', 'item-return']).default('gl-account'),
  })
  .superRefine((settings, ctx) => {
    if (settings.taxMode === 'store-tax-line') {
      if (!settings.accounts.storeTax) {
        ctx.addIssue({
          code: 'custom',
          path: ['accounts', 'storeTax'],
          message: "required when taxMode is 'store-tax-line'",
        });
      }
      if (!settings.taxGroups.nonTaxable) {
        ctx.addIssue({
          code: 'custom',
          path: ['taxGroups', 'nonTaxable'],
          message: "required when taxMode is 'store-tax-line'",
        });
      }
    }
    const needsDefault = !settings.customer.matchByEmail || settings.customer.guests === 'default-customer';
    if (needsDefault && !settings.customer.defaultCustomerNumber) {
      ctx.addIssue({
        code: 'custom',
        path: ['customer', 'defaultCustomerNumber'],
        message: "required when guests is 'default-customer' or matchByEmail is false",
      });
    }
  });

/** Per-connection settings of the order sync, after defaults. */
export type OrderSyncSettings = z.output<typeof orderSyncSettingsSchema>;
/** What an operator writes: every field with a default may be left out. */
export type OrderSyncSettingsInput = z.input<typeof orderSyncSettingsSchema>;

export type SettingsParseResult = { ok: true; settings: OrderSyncSettings } | { ok: false; errors: string[] };

/**
 * Validates settings and applies defaults. Errors name the field: `orderSync.taxGroups.nonTaxable: required when
 * taxMode is 'store-tax-line'`.
 */
export function parseOrderSyncSettings(input: unknown): SettingsParseResult {
  const parsed = orderSyncSettingsSchema.safeParse(input);
  if (parsed.success) return { ok: true, settings: parsed.data };
  return { ok: false, errors: formatIssues(parsed.error.issues, 'orderSync') };
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
