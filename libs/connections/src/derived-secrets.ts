import { deriveSecret, safeEqual } from '@mlc/platform-crypto';
import type { ConnectionCredentials } from './connection';

/** The custom header the connector sets on the BigCommerce hooks it creates. */
export const HOOK_SECRET_HEADER = 'x-ml-connector-secret';

const key = (creds: ConnectionCredentials) => Buffer.from(creds.webhookKey, 'base64');

/**
 * Secrets derived from the connection's webhook key, so ingress can verify deliveries with nothing but the registry:
 * the hook header value and the BC subscription clientState are HMACs of the connection id.
 */
export function hookSecret(connectionId: string, creds: ConnectionCredentials): string {
  return deriveSecret(key(creds), 'bigcommerce-hook', connectionId);
}

/** BC echoes clientState (max 2048 chars) in every notification. */
export function subscriptionClientState(connectionId: string, creds: ConnectionCredentials): string {
  return deriveSecret(key(creds), 'bc-client-state', connectionId);
}

export function verifyClientState(connectionId: string, creds: ConnectionCredentials, received: string | undefined): boolean {
  return received !== undefined && safeEqual(subscriptionClientState(connectionId, creds), received);
}
