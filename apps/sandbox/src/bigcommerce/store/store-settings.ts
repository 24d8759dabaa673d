import { z } from 'zod';

/** OAuth scope families the simulated routes check; each exists as `<family>` (modify) and `<family>_read_only`. */
export const SCOPE_FAMILIES = [
  'store_v2_orders',
  'store_v2_transactions',
  'store_v2_products',
  'store_v2_customers',
  'store_inventory',
  'store_v2_information',
] as const;
export type ScopeFamily = (typeof SCOPE_FAMILIES)[number];

export const ALL_SCOPES: string[] = SCOPE_FAMILIES.flatMap((f) => [f, `${f}_read_only`]);

/** An API account: the token a client sends, the client id hooks belong to and the secret deliveries are signed with. */
export interface ApiAccount {
  readonly accessToken: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scopes: readonly string[];
}

const money = z.string().regex(/^\d+(\.\d{1,4})?$/, 'a decimal string such as "12.50"');
const rate = z.string().regex(/^\d+(\.\d{1,8})?$/, 'a decimal string with at most 8 decimals, such as "0.0825"');

/** Coupons a shopper may enter (`couponCode` on a control-API order). */
export const couponSchema = z
  .object({
    code: z.string().min(1),
    type: z.enum(['per_item_discount', 'percentage_discount', 'per_total_discount']),
    /** Percent for percentage coupons, a money amount otherwise. */
    amount: money,
    name: z.string().optional(),
  })
  .strict();
export type CouponSetting = z.infer<typeof couponSchema>;

/** `PUT /__sandbox/bigcommerce/settings` body: every field optional, unknown fields refused. */
export const settingsPatchSchema = z
  .object({
    rateLimitQuota: z.number().int().min(1).max(1_000_000).optional(),
    rateLimitWindowMs: z.number().int().min(1000).max(3_600_000).optional(),
    taxRate: rate.optional(),
    pricesIncludeTax: z.boolean().optional(),
    taxShipping: z.boolean().optional(),
    webhookDuplicateRate: z.number().min(0).max(1).optional(),
    webhookTimeoutMs: z.number().int().min(100).max(120_000).optional(),
    inventoryApplyDelayMs: z.number().int().min(0).max(60_000).optional(),
    refundLatencyMs: z.number().int().min(0).max(60_000).optional(),
    coupons: z.array(couponSchema).optional(),
    /** Exchange rates from the store's default currency, e.g. `{"EUR":"0.9200000000"}`; enables multi-currency. */
    currencies: z.record(z.string().regex(/^[A-Z]{3}$/), rate).optional(),
    timezone: z.string().min(1).optional(),
    storeName: z.string().min(1).optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The store's configuration; defaults describe a US store on the Standard plan. */
export interface StoreSettings {
  storeHash: string;
  storeId: number;
  storeName: string;
  currency: string;
  timezone: string;
  rateLimitQuota: number;
  rateLimitWindowMs: number;
  taxRate: string;
  pricesIncludeTax: boolean;
  taxShipping: boolean;
  webhookDuplicateRate: number;
  webhookTimeoutMs: number;
  inventoryApplyDelayMs: number;
  refundLatencyMs: number;
  coupons: CouponSetting[];
  currencies: Record<string, string>;
  accounts: ApiAccount[];
}

export const DEFAULT_STORE_HASH = 'sandbox';
export const DEFAULT_ACCESS_TOKEN = 'sandbox-token';
export const DEFAULT_CLIENT_ID = 'sandbox-client-id';
export const DEFAULT_CLIENT_SECRET = 'sandbox-client-secret';

export function defaultSettings(): StoreSettings {
  return {
    storeHash: DEFAULT_STORE_HASH,
    storeId: 1001234567,
    storeName: 'ML Sandbox Store',
    currency: 'USD',
    timezone: 'America/Chicago',
    rateLimitQuota: 150,
    rateLimitWindowMs: 30_000,
    taxRate: '0.0825',
    pricesIncludeTax: false,
    taxShipping: true,
    webhookDuplicateRate: 0,
    webhookTimeoutMs: 10_000,
    inventoryApplyDelayMs: 200,
    refundLatencyMs: 50,
    coupons: [
      { code: 'SAVE10', type: 'percentage_discount', amount: '10', name: '10% off' },
      { code: 'FIVEOFF', type: 'per_total_discount', amount: '5.00', name: '$5 off' },
    ],
    currencies: {},
    accounts: [
      {
        accessToken: DEFAULT_ACCESS_TOKEN,
        clientId: DEFAULT_CLIENT_ID,
        clientSecret: DEFAULT_CLIENT_SECRET,
        scopes: ALL_SCOPES.filter((s) => !s.endsWith('_read_only')),
      },
    ],
  };
}

export function applySettingsPatch(settings: StoreSettings, patch: SettingsPatch): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (settings as unknown as Record<string, unknown>)[key] = value;
  }
}

/** Whether an account may call a route needing one of `families` (read-only scopes satisfy reads only). */
export function accountAllows(account: ApiAccount, families: readonly ScopeFamily[], write: boolean): boolean {
  return families.some((f) => account.scopes.includes(f) || (!write && account.scopes.includes(`${f}_read_only`)));
}
