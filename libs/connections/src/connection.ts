import { z } from 'zod';
import { parseOrderSyncSettings, OrderSyncSettings } from '@mlc/orders';
import { CatalogSyncSettings, parseCatalogSyncSettings } from '@mlc/catalog';
import { PermanentError } from '@mlc/platform-errors';

export const WEBHOOK_SCHEMES = ['custom-header', 'standard-webhooks', 'x-bc-signature'] as const;
export type WebhookScheme = (typeof WEBHOOK_SCHEMES)[number];

export const connectionIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'connection ids are lowercase letters, digits and dashes (max 63)');

/** Everything a connection is configured with, besides its credentials. Versioned: every change bumps the version. */
export interface ConnectionSettings {
  readonly orders: OrderSyncSettings;
  readonly catalog: CatalogSyncSettings;
  readonly webhooks: { readonly schemes: WebhookScheme[] };
}

export interface Connection {
  readonly id: string;
  readonly name: string;
  readonly bigcommerce: { readonly storeHash: string; readonly storeId: string };
  readonly businessCentral: {
    readonly tenantId: string;
    readonly environment: string;
    readonly companyId: string;
    readonly clientId: string;
  };
  readonly settings: ConnectionSettings;
  readonly settingsVersion: number;
  readonly source: 'cli' | 'env';
}

/** Secrets of one connection; only ever held in memory, sealed at rest. */
export interface ConnectionCredentials {
  readonly bigcommerceAccessToken: string;
  readonly bigcommerceClientSecret: string;
  readonly bcClientSecret: string;
  /** Random 32 bytes (base64): the key that derives the hook header secret and the BC clientState. */
  readonly webhookKey: string;
}

export const credentialsSchema = z.object({
  bigcommerceAccessToken: z.string().min(1),
  bigcommerceClientSecret: z.string().min(1),
  bcClientSecret: z.string().min(1),
  webhookKey: z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'webhookKey must be 32 bytes (base64)'),
});

const webhooksSchema = z
  .object({ schemes: z.array(z.enum(WEBHOOK_SCHEMES)).min(1, 'at least one webhook scheme').default([...WEBHOOK_SCHEMES]) })
  .default({ schemes: [...WEBHOOK_SCHEMES] });

/** Validates settings input (partial input gets defaults); throws PermanentError('CONFIG') naming every bad field. */
export function parseConnectionSettings(input: unknown): ConnectionSettings {
  const raw = z
    .object({ orders: z.unknown().default({}), catalog: z.unknown().default({}), webhooks: webhooksSchema })
    .strict()
    .safeParse(input ?? {});
  if (!raw.success) {
    throw new PermanentError('CONFIG', `settings: ${raw.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const orders = parseOrderSyncSettings(withVersion(raw.data.orders));
  if (!orders.ok) throw new PermanentError('CONFIG', `settings.orders: ${orders.errors.join('; ')}`);
  const catalog = parseCatalogSyncSettings(withVersion(raw.data.catalog));
  return { orders: orders.settings, catalog, webhooks: raw.data.webhooks };
}

/** Each part carries its own schema version; input without one is taken as the current version (1). */
function withVersion(part: unknown): unknown {
  return part && typeof part === 'object' && !Array.isArray(part) ? { version: 1, ...part } : (part ?? { version: 1 });
}

/**
 * Applies a JSON merge patch (RFC 7386: objects merged, `null` removes the key so its default applies again,
 * everything else replaced) and re-validates.
 */
export function patchSettings(current: ConnectionSettings, patch: Record<string, unknown>): ConnectionSettings {
  return parseConnectionSettings(merge(current as unknown as Record<string, unknown>, patch));
}

function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete out[key];
      continue;
    }
    const current = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object' && !Array.isArray(current)
        ? merge(current as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}
