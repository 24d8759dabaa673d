import { createHash, createHmac, createSecretKey, KeyObject, timingSafeEqual } from 'node:crypto';
import { HeaderBag, headerValue } from '../rate-limit/rate-limit-headers';

/**
 * Verifies a BigCommerce webhook delivery before anything parses it (DESIGN.md 7). A delivery is accepted when one
 * configured scheme verifies:
 * - `custom-header`: the secret header the connector sets on the hooks it creates (BigCommerce's documented way to
 *   authenticate callbacks: hook `headers` are sent on every delivery);
 * - `standard-webhooks`: BigCommerce's signature, which follows the Standard Webhooks spec: `webhook-id`,
 *   `webhook-timestamp` (unix seconds, 5 minutes' tolerance both ways) and `webhook-signature`, a space-separated
 *   list of `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. The key is the app's client secret as raw bytes
 *   (BigCommerce's sample base64-encodes it for the standardwebhooks library, which decodes it again); a
 *   `whsec_<base64>` secret is decoded as the Standard Webhooks spec says;
 * - `x-bc-signature`: this connector's convention, HMAC-SHA256 of the raw body keyed by the client secret, hex or
 *   base64 (not a BigCommerce header; kept for senders that use it).
 * Comparisons are constant-time on equal-length buffers. Results name the scheme or a reason code, never a value.
 */
export type WebhookScheme = 'custom-header' | 'standard-webhooks' | 'x-bc-signature';

export type WebhookFailureReason =
  | 'not-configured'
  | 'body-too-large'
  | 'missing-headers'
  | 'malformed-header'
  | 'stale-timestamp'
  | 'future-timestamp'
  | 'bad-signature'
  | 'bad-secret';

export interface WebhookVerifierConfig {
  readonly customHeader?: { readonly name: string; readonly value: string };
  readonly standardWebhooks?: { readonly secret: string; readonly toleranceSeconds?: number };
  readonly bcSignature?: { readonly secret: string };
  /** Deliveries above this are refused unread (64 KiB by default). */
  readonly maxBodyBytes?: number;
}

export interface WebhookDelivery {
  readonly headers: HeaderBag;
  /** Exactly the bytes received: any re-serialisation breaks the signature. */
  readonly rawBody: Uint8Array | string;
}

export interface SchemeFailure {
  readonly scheme: WebhookScheme;
  readonly reason: WebhookFailureReason;
}

export type WebhookVerification =
  | { readonly verified: true; readonly scheme: WebhookScheme }
  | { readonly verified: false; readonly reason: WebhookFailureReason; readonly failures: readonly SchemeFailure[] };

export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

type Check = WebhookScheme | WebhookFailureReason;

export class WebhookVerifier {
  /** The schemes' checks, with their keys made once: createHmac with a raw key costs several times more per call. */
  private readonly checks: ReadonlyArray<readonly [WebhookScheme, (headers: HeaderBag, body: Buffer) => Check]>;

  constructor(
    private readonly config: WebhookVerifierConfig,
    private readonly now: () => number = Date.now,
  ) {
    const { customHeader, standardWebhooks, bcSignature } = config;
    const checks: Array<[WebhookScheme, (headers: HeaderBag, body: Buffer) => Check]> = [];
    if (customHeader) {
      const expected = sha256(customHeader.value);
      checks.push(['custom-header', (h) => checkCustomHeader(h, customHeader.name, expected)]);
    }
    if (standardWebhooks) {
      const tolerance = standardWebhooks.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
      const key = createSecretKey(standardKey(standardWebhooks.secret));
      checks.push(['standard-webhooks', (h, b) => checkStandard(h, b, key, tolerance, this.now())]);
    }
    if (bcSignature) {
      const key = createSecretKey(Buffer.from(bcSignature.secret, 'utf8'));
      checks.push(['x-bc-signature', (h, b) => checkBcSignature(h, b, key)]);
    }
    this.checks = checks;
  }

  verify(delivery: WebhookDelivery): WebhookVerification {
    const raw = delivery.rawBody;
    const body =
      typeof raw === 'string'
        ? Buffer.from(raw, 'utf8')
        : Buffer.isBuffer(raw)
          ? raw
          : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    if (body.length > (this.config.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES)) {
      return { verified: false, reason: 'body-too-large', failures: [] };
    }
    const failures: SchemeFailure[] = [];
    for (const [scheme, check] of this.checks) {
      const outcome = check(delivery.headers, body);
      if (outcome === scheme) return { verified: true, scheme };
      failures.push({ scheme, reason: outcome as WebhookFailureReason });
    }
    const telling = failures.find((f) => f.reason !== 'missing-headers') ?? failures[0];
    return { verified: false, reason: telling?.reason ?? 'not-configured', failures };
  }
}

/** One-shot form of WebhookVerifier. */
export function verifyWebhook(
  delivery: WebhookDelivery,
  config: WebhookVerifierConfig,
  nowMs = Date.now(),
): WebhookVerification {
  return new WebhookVerifier(config, () => nowMs).verify(delivery);
}

function checkCustomHeader(headers: HeaderBag, name: string, expected: Buffer): Check {
  const actual = header(headers, name);
  if (actual === undefined) return 'missing-headers';
  // Digests give equal lengths, so neither the comparison time nor its refusal reveals the secret's length.
  return timingSafeEqual(sha256(actual), expected) ? 'custom-header' : 'bad-secret';
}

function checkStandard(headers: HeaderBag, body: Buffer, key: KeyObject, toleranceS: number, nowMs: number): Check {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) return 'missing-headers';
  if (!/^\d{1,12}$/.test(timestamp.trim())) return 'malformed-header';
  const skew = Math.floor(nowMs / 1000) - Number(timestamp.trim());
  if (skew > toleranceS) return 'stale-timestamp';
  if (-skew > toleranceS) return 'future-timestamp';
  const expected = createHmac('sha256', key).update(`${id}.${timestamp.trim()}.`, 'utf8').update(body).digest();
  const candidates = signatures
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice(3), 'base64'));
  if (candidates.length === 0) return 'malformed-header';
  return candidates.some((c) => sameBytes(c, expected)) ? 'standard-webhooks' : 'bad-signature';
}

function standardKey(secret: string): Buffer {
  return secret.startsWith('whsec_')
    ? Buffer.from(secret.slice('whsec_'.length), 'base64')
    : Buffer.from(secret, 'utf8');
}

function checkBcSignature(headers: HeaderBag, body: Buffer, key: KeyObject): Check {
  const value = header(headers, 'x-bc-signature');
  if (value === undefined || value.trim() === '') return 'missing-headers';
  const given = decodeDigest(value.trim().replace(/^sha256=/i, ''));
  if (!given) return 'malformed-header';
  const expected = createHmac('sha256', key).update(body).digest();
  return sameBytes(given, expected) ? 'x-bc-signature' : 'bad-signature';
}

/** Node's request headers are keyed in lower case: look there first, then case-insensitively. */
function header(headers: HeaderBag, name: string): string | undefined {
  const direct = headers[name];
  if (typeof direct === 'string') return direct;
  return headerValue(headers, name);
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** A SHA-256 digest written as 64 hex characters or as base64 (standard or URL-safe). */
function decodeDigest(text: string): Buffer | undefined {
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return undefined;
  const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
