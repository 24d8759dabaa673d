import { createHmac } from 'node:crypto';

/**
 * Signs webhook deliveries the way BigCommerce (Standard Webhooks headers) and our X-BC-Signature convention do, for
 * tests of receivers. Not used by the verifier itself.
 */
export interface StandardWebhookInput {
  /** The app client secret (raw), or a `whsec_<base64>` key. */
  readonly secret: string;
  readonly id: string;
  readonly timestampSeconds: number;
  readonly body: string;
}

export function signStandardWebhook(input: StandardWebhookInput): Record<string, string> {
  const key = input.secret.startsWith('whsec_')
    ? Buffer.from(input.secret.slice(6), 'base64')
    : Buffer.from(input.secret);
  const signature = createHmac('sha256', key)
    .update(`${input.id}.${input.timestampSeconds}.${input.body}`)
    .digest('base64');
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestampSeconds),
    'webhook-signature': `v1,${signature}`,
  };
}

export function signBcSignature(
  body: string,
  secret: string,
  encoding: 'hex' | 'base64' = 'hex',
): Record<string, string> {
  return { 'x-bc-signature': createHmac('sha256', secret).update(body).digest(encoding) };
}

export interface WebhookBodyOptions {
  readonly storeId?: string;
  readonly storeHash?: string;
  readonly hash?: string;
  readonly createdAt?: number;
}

/** A delivery body with the documented keys: scope, store_id, data, hash, created_at, producer. */
export function webhookBody(scope: string, data: Record<string, unknown>, options: WebhookBodyOptions = {}): string {
  return JSON.stringify({
    scope,
    store_id: options.storeId ?? '1025646',
    data,
    hash:
      options.hash ??
      createHmac('sha1', 'fixture')
        .update(`${scope}:${JSON.stringify(data)}`)
        .digest('hex'),
    created_at: options.createdAt ?? 1561479335,
    producer: `stores/${options.storeHash ?? 'abc123'}`,
  });
}
