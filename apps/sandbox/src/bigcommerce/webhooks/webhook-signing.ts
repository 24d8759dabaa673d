import { createHash, createHmac } from 'node:crypto';

/**
 * The two signatures a delivery carries. BigCommerce's documented scheme is Standard Webhooks: `webhook-signature`
 * = `v1,` + base64 HMAC-SHA256 over `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed by the app's client secret
 * bytes. `X-BC-Signature` is this project's own convention (not a BigCommerce header): hex HMAC-SHA256 of the raw
 * body under the same secret.
 */
export function standardWebhookSignature(
  clientSecret: string,
  webhookId: string,
  timestamp: number,
  body: string,
): string {
  const mac = createHmac('sha256', Buffer.from(clientSecret, 'utf8')).update(`${webhookId}.${timestamp}.${body}`);
  return `v1,${mac.digest('base64')}`;
}

export function xBcSignature(clientSecret: string, body: string): string {
  return createHmac('sha256', Buffer.from(clientSecret, 'utf8')).update(body).digest('hex');
}

/** The payload `hash`: 40-hex SHA-1 of the event, identical on every redelivery of it. */
export function payloadHash(canonical: string): string {
  return createHash('sha1').update(canonical).digest('hex');
}
