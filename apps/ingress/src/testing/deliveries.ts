import { randomBytes } from 'node:crypto';
import { signBcSignature, signStandardWebhook, webhookBody } from '@mlc/bigcommerce/testing';
import { HOOK_SECRET_HEADER, WebhookScheme } from '@mlc/connections';
import type { TestConnection } from './ingress-harness';

export interface Delivery {
  readonly body: string;
  readonly headers: Record<string, string>;
}

export interface DeliveryOptions {
  readonly scheme?: WebhookScheme;
  readonly webhookId?: string;
  readonly timestampSeconds?: number;
  readonly hash?: string;
  /** Overrides the store the body claims to come from. */
  readonly storeId?: string;
  readonly storeHash?: string;
}

/** A BigCommerce delivery for the connection's store, signed (or carrying the secret header) per `scheme`. */
export function delivery(
  conn: TestConnection,
  scope: string,
  data: Record<string, unknown>,
  options: DeliveryOptions = {},
): Delivery {
  const body = webhookBody(scope, data, {
    storeId: options.storeId ?? conn.storeId,
    storeHash: options.storeHash ?? conn.storeHash,
    hash: options.hash ?? randomBytes(20).toString('hex'),
    createdAt: Math.floor(Date.now() / 1000),
  });
  return { body, headers: { 'content-type': 'application/json', ...credentialsFor(conn, body, options) } };
}

/** The headers that authenticate `body` under one scheme (standard-webhooks by default). */
export function credentialsFor(
  conn: TestConnection,
  body: string,
  options: DeliveryOptions = {},
): Record<string, string> {
  switch (options.scheme ?? 'standard-webhooks') {
    case 'custom-header':
      return { [HOOK_SECRET_HEADER]: conn.hookSecret };
    case 'x-bc-signature':
      return signBcSignature(body, conn.clientSecret);
    case 'standard-webhooks':
      return signStandardWebhook({
        secret: conn.clientSecret,
        id: options.webhookId ?? `msg_${randomBytes(8).toString('hex')}`,
        timestampSeconds: options.timestampSeconds ?? Math.floor(Date.now() / 1000),
        body,
      });
  }
}

/** POSTs a delivery and returns the status, headers and parsed error body (if any). */
export async function post(url: string, d: Delivery): Promise<{ status: number; headers: Headers; json: unknown }> {
  // Bytes, not a string: fetch would otherwise add a text/plain content type of its own.
  const res = await fetch(url, { method: 'POST', headers: d.headers, body: Buffer.from(d.body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? safeJson(text) : undefined };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
