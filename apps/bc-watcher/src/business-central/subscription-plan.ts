import type { BcSubscription, BcSubscriptionChanges } from '@mlc/business-central';
import type { SubscriptionState } from '../persistence/watcher-state.port';

/** The subscription a connection should have for one entity set. */
export interface DesiredSubscription {
  /** As BC expects it, e.g. `/api/v2.0/companies(<id>)/items`. */
  readonly resource: string;
  readonly notificationUrl: string;
  readonly clientState: string;
}

export type SubscriptionAction =
  | { readonly kind: 'create'; readonly recreated: boolean }
  | { readonly kind: 'renew'; readonly subscription: BcSubscription; readonly changes: BcSubscriptionChanges }
  | { readonly kind: 'keep'; readonly subscription: BcSubscription };

export interface SubscriptionPlan {
  readonly action: SubscriptionAction;
  /** Further subscriptions of ours for the same resource and URL (e.g. after a lost create answer). */
  readonly duplicates: readonly BcSubscription[];
}

/**
 * Decides what to do with one resource's subscription. Ours are those on our notification URL, or the one we
 * recorded (it may still point at an old PUBLIC_BASE_URL, and is moved rather than left to expire). A recorded
 * subscription that BC no longer lists was deleted by BC (expiry, failed deliveries, a 4xx answer): it is recreated
 * and the gap must be covered by a rescan. Renewal happens once less than `renewBeforeMs` is left, or at once when the
 * URL or clientState must change (key rotation).
 */
export function planSubscription(
  desired: DesiredSubscription,
  listed: readonly BcSubscription[],
  recorded: SubscriptionState | undefined,
  nowMs: number,
  renewBeforeMs: number,
): SubscriptionPlan {
  const ours = listed.filter(
    (s) =>
      sameResource(s.resource, desired.resource) &&
      (s.notificationUrl === desired.notificationUrl || s.subscriptionId === recorded?.subscriptionId),
  );
  if (ours.length === 0) return { action: { kind: 'create', recreated: recorded !== undefined }, duplicates: [] };
  const chosen =
    ours.find((s) => s.subscriptionId === recorded?.subscriptionId) ??
    ours.reduce((best, s) => (Date.parse(s.expirationDateTime) > Date.parse(best.expirationDateTime) ? s : best));
  const duplicates = ours.filter((s) => s !== chosen && s.notificationUrl === desired.notificationUrl);
  const changes: { notificationUrl?: string; clientState?: string } = {};
  if (chosen.notificationUrl !== desired.notificationUrl) changes.notificationUrl = desired.notificationUrl;
  if (chosen.clientState !== desired.clientState) changes.clientState = desired.clientState;
  const left = Date.parse(chosen.expirationDateTime) - nowMs;
  if (Object.keys(changes).length > 0 || !(left > renewBeforeMs)) {
    return { action: { kind: 'renew', subscription: chosen, changes }, duplicates };
  }
  return { action: { kind: 'keep', subscription: chosen }, duplicates };
}

/** `/api/v2.0/companies(X)/items`, `companies(X)/items` and case differences name the same resource. */
export function sameResource(a: string, b: string): boolean {
  return normalise(a) === normalise(b);
}

function normalise(resource: string): string {
  const path = resource.replace(/\?.*$/, '').toLowerCase().replace(/\/+$/, '');
  const at = path.indexOf('companies(');
  return at >= 0 ? path.slice(at) : path;
}
