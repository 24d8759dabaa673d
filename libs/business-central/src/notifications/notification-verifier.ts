import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { InvalidMessageError } from '@mlc/platform-errors';

/*
 * BC webhook notifications (API Webhook Notification Send, cu 6154): one POST per notificationUrl, JSON
 * `{"value":[{subscriptionId, clientState, expirationDateTime, resource, changeType, lastModifiedDateTime}]}` with no
 * entity data. Creating or renewing a subscription first calls the URL with `?validationToken=<token>`, which must be
 * answered 200 with the token as the body. Any answer other than 2xx/408/429/5xx deletes every subscription of the
 * URL, so receivers drop bad entries and still answer 2xx.
 */

export const BC_CHANGE_TYPES = ['created', 'updated', 'deleted', 'collection'] as const;
export type BcChangeType = (typeof BC_CHANGE_TYPES)[number];

export const bcNotificationEntrySchema = z.object({
  subscriptionId: z.string().min(1),
  clientState: z.string().optional(),
  expirationDateTime: z.string(),
  resource: z.string().min(1),
  changeType: z.enum(BC_CHANGE_TYPES),
  lastModifiedDateTime: z.string(),
});

export const bcNotificationSchema = z.object({ value: z.array(z.unknown()) });

export type BcNotificationEntry = z.output<typeof bcNotificationEntrySchema>;

export interface BcNotificationBatch {
  readonly entries: BcNotificationEntry[];
  /** Entries that did not match the schema: position and first failing field, never their content. */
  readonly invalid: Array<{ readonly index: number; readonly field: string }>;
}

/** Splits a decoded body into valid entries and invalid ones; a body without a `value` array is InvalidMessageError. */
export function readBcNotification(body: unknown): BcNotificationBatch {
  const outer = bcNotificationSchema.safeParse(body);
  if (!outer.success) throw new InvalidMessageError('BC notification body must be an object with a "value" array');
  const entries: BcNotificationEntry[] = [];
  const invalid: Array<{ index: number; field: string }> = [];
  outer.data.value.forEach((raw, index) => {
    const parsed = bcNotificationEntrySchema.safeParse(raw);
    if (parsed.success) entries.push(parsed.data);
    else invalid.push({ index, field: parsed.error.issues[0]?.path.map(String).join('.') || '(entry)' });
  });
  return { entries, invalid };
}

const MAX_VALIDATION_TOKEN_LENGTH = 4096;

/**
 * The handshake token when this request is BC's validation call, else undefined. Accepts the request URL (absolute
 * or path with query), URLSearchParams, or a parsed query object such as Express `req.query`.
 */
export function validationTokenOf(
  query: string | URLSearchParams | Readonly<Record<string, unknown>>,
): string | undefined {
  let value: unknown;
  if (typeof query === 'string') value = new URL(query, 'http://localhost').searchParams.get('validationToken');
  else if (query instanceof URLSearchParams) value = query.get('validationToken');
  else value = query.validationToken;
  if (Array.isArray(value)) value = value[0];
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_VALIDATION_TOKEN_LENGTH) return undefined;
  return value;
}

/** Constant-time check of a notification's clientState against the expected secret (digests hide the length). */
export function clientStateMatches(received: string | undefined, expected: string): boolean {
  if (!received || !expected) return false;
  const a = createHash('sha256').update(received, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** Keeps the entries whose clientState verifies; the rest are counted by the caller and dropped. */
export function partitionByClientState(
  entries: readonly BcNotificationEntry[],
  expected: string,
): { accepted: BcNotificationEntry[]; rejected: BcNotificationEntry[] } {
  const accepted: BcNotificationEntry[] = [];
  const rejected: BcNotificationEntry[] = [];
  for (const entry of entries) (clientStateMatches(entry.clientState, expected) ? accepted : rejected).push(entry);
  return { accepted, rejected };
}
