import { z } from 'zod';
import { storeHashOf } from '@mlc/bigcommerce';
import type { Connection } from '@mlc/connections';

/**
 * The fields every BigCommerce delivery has, whatever its scope: enough to tell whose store sent it before deciding
 * whether the scope is one the connector handles.
 */
const envelopeSchema = z.object({
  scope: z.string().min(1).max(200),
  store_id: z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String),
  producer: z.string().regex(/^stores\/\S+$/),
  hash: z.string().min(1),
  created_at: z.number().int().nonnegative(),
  data: z.record(z.string(), z.unknown()),
});

export type WebhookEnvelope = z.output<typeof envelopeSchema>;

export type EnvelopeResult =
  | { readonly ok: true; readonly envelope: WebhookEnvelope }
  | { readonly ok: false; readonly reason: 'not-json' | 'malformed-payload' };

export function readEnvelope(text: string): EnvelopeResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  const parsed = envelopeSchema.safeParse(json);
  return parsed.success ? { ok: true, envelope: parsed.data } : { ok: false, reason: 'malformed-payload' };
}

/** A delivery belongs to the connection only when both its `store_id` and its producer's store hash are the store's. */
export function isFromConnectionStore(
  envelope: Pick<WebhookEnvelope, 'store_id' | 'producer'>,
  connection: Connection,
): boolean {
  return (
    envelope.store_id === connection.bigcommerce.storeId && storeHashOf(envelope) === connection.bigcommerce.storeHash
  );
}
