import { BusinessCentralClient } from '../client/business-central-client';
import { SubscriptionsPort } from '../business-central.port';
import { BcPath, guidKey } from '../odata/odata-path';
import { deleteIfPresent } from './delete-if-present';
import {
  BcSubscription,
  BcSubscriptionChanges,
  BcSubscriptionCreate,
  subscriptionSchema,
} from './schemas/subscription.schema';

/*
 * API subscriptions are environment-level (`{root}/subscriptions`), keyed by a quoted string
 * (`subscriptions('<id>')`). Create and every renewal make BC call the notificationUrl with `?validationToken=`;
 * renewal is a PATCH with If-Match that moves expirationDateTime about three days ahead.
 */

const subscriptions = BcPath.environment('subscriptions');

/** The resource string for a company-scoped entity set, as BC expects it in a subscription. */
export function subscriptionResource(companyId: string, entitySet: string): string {
  return `/api/v2.0/companies(${guidKey(companyId)})/${BcPath.collection(entitySet).path}`;
}

export class SubscriptionsResource implements SubscriptionsPort {
  constructor(private readonly client: BusinessCentralClient) {}

  async list(): Promise<BcSubscription[]> {
    return this.client.list(subscriptions, subscriptionSchema).toArray();
  }

  async get(subscriptionId: string): Promise<BcSubscription | undefined> {
    return this.client.find(BcPath.environmentEntity('subscriptions', subscriptionId), subscriptionSchema);
  }

  async create(input: BcSubscriptionCreate): Promise<BcSubscription> {
    const body = {
      notificationUrl: input.notificationUrl,
      resource: input.resource,
      ...(input.clientState === undefined ? {} : { clientState: input.clientState }),
    };
    return this.client.create(subscriptions, body, subscriptionSchema);
  }

  async renew(subscription: BcSubscription, changes: BcSubscriptionChanges = {}): Promise<BcSubscription> {
    const clientState = changes.clientState ?? subscription.clientState;
    const body = {
      notificationUrl: changes.notificationUrl ?? subscription.notificationUrl,
      resource: subscription.resource,
      ...(clientState === undefined ? {} : { clientState }),
    };
    return this.client.patch(
      BcPath.environmentEntity('subscriptions', subscription.subscriptionId),
      subscription.etag,
      body,
      subscriptionSchema,
    );
  }

  async delete(subscription: BcSubscription): Promise<boolean> {
    return deleteIfPresent(
      this.client,
      BcPath.environmentEntity('subscriptions', subscription.subscriptionId),
      subscription.etag,
    );
  }
}
