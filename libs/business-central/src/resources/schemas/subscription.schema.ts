import { z } from 'zod';
import { optionalText, text, withEtag } from './common.schema';

/**
 * subscriptions: environment-level webhook registrations keyed by a string `subscriptionId` (32 hex characters);
 * `expirationDateTime` is set by BC to about three days after creation or renewal.
 */
export const subscriptionSchema = withEtag(
  z.object({
    subscriptionId: text,
    notificationUrl: text,
    resource: text,
    clientState: optionalText,
    expirationDateTime: text,
    lastModifiedDateTime: optionalText,
    userId: optionalText,
    timestamp: z.union([z.number(), z.string()]).optional(),
  }),
);

export type BcSubscription = z.output<typeof subscriptionSchema>;

export interface BcSubscriptionChanges {
  readonly notificationUrl?: string;
  readonly clientState?: string;
}

export interface BcSubscriptionCreate {
  readonly notificationUrl: string;
  /** Relative resource, e.g. `/api/v2.0/companies(<id>)/items` (see `subscriptionResource`). */
  readonly resource: string;
  /** Opaque secret echoed in every notification. */
  readonly clientState?: string;
}
