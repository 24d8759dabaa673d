import { InvalidMessageError } from '@mlc/platform-errors';
import { z } from 'zod';
import { describeIssues } from '../schemas/schema-validation';

/**
 * Webhook delivery payloads for the scopes the connector handles (docs/webhooks/callbacks in bigcommerce/docs):
 * `{scope, store_id, data, hash, created_at, producer}`. `store_id` is a string of digits (very old examples show a
 * number; both are read, as a string); `producer` is `stores/{store_hash}`; `hash` is stable across redeliveries;
 * `created_at` is unix seconds. Payloads are thin: they say what changed, never the new values. In store/sku/*
 * payloads `data.id` is the SKU id (variant `sku_id`), not the variant id.
 */
const positiveInt = z.number().int().nonnegative();

const orderData = z.looseObject({ type: z.literal('order'), id: positiveInt });
const productData = z.looseObject({
  type: z.literal('product'),
  id: positiveInt,
  properties: z.array(z.string()).optional(),
  context: z
    .looseObject({ channel_id: z.number().int().optional(), locale: z.string().nullable().optional() })
    .optional(),
});
const productInventory = z.looseObject({ product_id: positiveInt, method: z.string(), value: z.number().int() });
const skuRef = z.looseObject({ product_id: positiveInt, variant_id: positiveInt });
const skuData = z.looseObject({ type: z.literal('sku'), id: positiveInt, sku: skuRef });
const skuInventory = productInventory.extend({ variant_id: positiveInt });
const customerData = z.looseObject({
  type: z.literal('customer'),
  id: positiveInt,
  origin_channel_id: z.number().int().optional(),
  channel_ids: z.array(z.number().int()).optional(),
});

const DATA_BY_SCOPE = {
  'store/order/created': orderData,
  'store/order/updated': orderData,
  'store/order/archived': orderData,
  'store/order/statusUpdated': orderData.extend({
    status: z.looseObject({ previous_status_id: z.number().int(), new_status_id: z.number().int() }),
  }),
  'store/order/refund/created': orderData.extend({ refund: z.looseObject({ refund_id: positiveInt }) }),
  'store/product/created': productData,
  'store/product/updated': productData,
  'store/product/deleted': productData,
  'store/product/inventory/updated': productData.extend({ inventory: productInventory }),
  'store/product/inventory/order/updated': productData.extend({ inventory: productInventory }),
  'store/sku/created': skuData,
  'store/sku/updated': skuData,
  'store/sku/deleted': skuData,
  'store/sku/inventory/updated': skuData.omit({ sku: true }).extend({ inventory: skuInventory }),
  'store/sku/inventory/order/updated': skuData.omit({ sku: true }).extend({ inventory: skuInventory }),
  'store/customer/created': customerData,
  'store/customer/updated': customerData,
  'store/customer/deleted': customerData,
  'store/customer/address/created': customerData.extend({ address: z.looseObject({ customer_id: positiveInt }) }),
  'store/customer/address/updated': customerData.extend({ address: z.looseObject({ customer_id: positiveInt }) }),
  'store/customer/address/deleted': customerData.extend({ address: z.looseObject({ customer_id: positiveInt }) }),
} as const;

export type HandledWebhookScope = keyof typeof DATA_BY_SCOPE;
export const HANDLED_WEBHOOK_SCOPES = Object.keys(DATA_BY_SCOPE) as HandledWebhookScope[];

const envelope = {
  store_id: z
    .union([z.string().regex(/^\d+$/, 'expected a string of digits'), z.number().int().nonnegative()])
    .transform(String),
  producer: z.string().regex(/^stores\/\S+$/, 'expected "stores/{store_hash}"'),
  hash: z.string().min(1),
  created_at: z.number().int().nonnegative(),
};

function payloadFor<S extends HandledWebhookScope>(scope: S) {
  return z.looseObject({ scope: z.literal(scope), ...envelope, data: DATA_BY_SCOPE[scope] });
}

const schemas = Object.fromEntries(HANDLED_WEBHOOK_SCOPES.map((s) => [s, payloadFor(s)])) as {
  [S in HandledWebhookScope]: ReturnType<typeof payloadFor<S>>;
};

export type BigCommerceWebhookPayload = {
  [S in HandledWebhookScope]: z.output<(typeof schemas)[S]>;
}[HandledWebhookScope];

export function isHandledWebhookScope(scope: unknown): scope is HandledWebhookScope {
  return typeof scope === 'string' && Object.prototype.hasOwnProperty.call(DATA_BY_SCOPE, scope);
}

/**
 * Parses a delivery that has already been verified. Throws InvalidMessageError for a body that is not JSON, a scope
 * the connector does not handle, or a field that breaks its schema (naming the field path, never its value).
 */
export function parseWebhookPayload(rawBody: Uint8Array | string): BigCommerceWebhookPayload {
  const text = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InvalidMessageError('bigcommerce webhook body is not JSON');
  }
  const scope = (json as { scope?: unknown } | null)?.scope;
  if (!isHandledWebhookScope(scope)) {
    const shown = typeof scope === 'string' && /^[\w/.*-]{1,100}$/.test(scope) ? `"${scope}"` : 'missing or invalid';
    throw new InvalidMessageError(`bigcommerce webhook scope ${shown} is not handled`);
  }
  const result = schemas[scope].safeParse(json);
  if (!result.success)
    throw new InvalidMessageError(describeIssues(result.error.issues, `bigcommerce webhook ${scope}`));
  return result.data as BigCommerceWebhookPayload;
}

/** `abc123` from `stores/abc123`. */
export function storeHashOf(payload: Pick<BigCommerceWebhookPayload, 'producer'>): string {
  return payload.producer.slice('stores/'.length);
}

/** What a delivery is about, in the ids the connector keys its signals by. */
export type WebhookSubject =
  | { readonly kind: 'order'; readonly orderId: number; readonly refundId?: number }
  | { readonly kind: 'product'; readonly productId: number; readonly variantId?: number; readonly skuId?: number }
  | { readonly kind: 'customer'; readonly customerId: number };

export function webhookSubject(payload: BigCommerceWebhookPayload): WebhookSubject {
  switch (payload.scope) {
    case 'store/order/refund/created':
      return { kind: 'order', orderId: payload.data.id, refundId: payload.data.refund.refund_id };
    case 'store/sku/created':
    case 'store/sku/updated':
    case 'store/sku/deleted': {
      const { product_id, variant_id } = payload.data.sku;
      return { kind: 'product', productId: product_id, variantId: variant_id, skuId: payload.data.id };
    }
    case 'store/sku/inventory/updated':
    case 'store/sku/inventory/order/updated': {
      const { product_id, variant_id } = payload.data.inventory;
      return { kind: 'product', productId: product_id, variantId: variant_id, skuId: payload.data.id };
    }
    case 'store/customer/address/created':
    case 'store/customer/address/updated':
    case 'store/customer/address/deleted':
      return { kind: 'customer', customerId: payload.data.address.customer_id };
  }
  switch (payload.data.type) {
    case 'order':
      return { kind: 'order', orderId: payload.data.id };
    case 'product':
      return { kind: 'product', productId: payload.data.id };
    default:
      return { kind: 'customer', customerId: payload.data.id };
  }
}
