import { randomUUID } from 'node:crypto';
import type { Entity } from '../resources/entity-set';
import type { BcEnvironment } from '../store/bc-environment';
import { etagOf } from '../store/table';

/** A webhook subscription (environment level, string key). */
export interface Subscription {
  readonly subscriptionId: string;
  notificationUrl: string;
  resource: string;
  clientState: string;
  readonly companyId: string;
  readonly entitySet: string;
  readonly userId: string;
  version: number;
  readonly createdAt: number;
  modifiedAt: number;
  expiresAt: number;
  cancelExpiry?: () => void;
}

export interface SubscriptionFields {
  readonly notificationUrl: string;
  readonly resource: string;
  readonly clientState: string;
  readonly companyId: string;
  readonly entitySet: string;
}

/**
 * The environment's subscriptions. Each expires three days after creation or its last renewal; the sender job
 * purges it then (here: a timer on the sandbox clock).
 */
export class SubscriptionStore {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly removedListeners: Array<(s: Subscription) => void> = [];

  constructor(private readonly env: BcEnvironment) {}

  onRemoved(listener: (s: Subscription) => void): void {
    this.removedListeners.push(listener);
  }

  /** Live subscriptions, oldest first. */
  list(): Subscription[] {
    const now = this.env.now();
    return [...this.subscriptions.values()].filter((s) => s.expiresAt > now);
  }

  get(id: string): Subscription | undefined {
    const found = this.subscriptions.get(id);
    return found && found.expiresAt > this.env.now() ? found : undefined;
  }

  create(fields: SubscriptionFields, userId: string): Subscription {
    const now = this.env.now();
    const subscription: Subscription = {
      ...fields,
      subscriptionId: randomUUID().replace(/-/g, ''),
      userId,
      version: this.env.nextVersion(),
      createdAt: now,
      modifiedAt: now,
      expiresAt: now + this.env.settings.subscriptionLifetimeMs,
    };
    this.subscriptions.set(subscription.subscriptionId, subscription);
    this.armExpiry(subscription);
    return subscription;
  }

  renew(subscription: Subscription, changes: Partial<Pick<Subscription, 'notificationUrl' | 'resource' | 'clientState'>>): void {
    Object.assign(subscription, changes);
    const now = this.env.now();
    subscription.version = this.env.nextVersion();
    subscription.modifiedAt = now;
    subscription.expiresAt = now + this.env.settings.subscriptionLifetimeMs;
    this.armExpiry(subscription);
  }

  delete(subscription: Subscription): void {
    if (!this.subscriptions.delete(subscription.subscriptionId)) return;
    subscription.cancelExpiry?.();
    for (const listener of this.removedListeners) listener(subscription);
  }

  /** Every subscription posting to a URL (BC deletes them together when that URL answers badly). */
  byUrl(url: string): Subscription[] {
    return this.list().filter((s) => s.notificationUrl === url);
  }

  clear(): void {
    for (const s of this.subscriptions.values()) s.cancelExpiry?.();
    this.subscriptions.clear();
  }

  private armExpiry(subscription: Subscription): void {
    subscription.cancelExpiry?.();
    subscription.cancelExpiry = this.env.clock.at(subscription.expiresAt, () => {
      if (this.subscriptions.get(subscription.subscriptionId) === subscription && subscription.expiresAt <= this.env.now()) {
        this.delete(subscription);
      }
    });
  }
}

/** The subscription as the API shows it. */
export function projectSubscription(s: Subscription): Entity {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    '@odata.etag': etagOf(s.version),
    subscriptionId: s.subscriptionId,
    notificationUrl: s.notificationUrl,
    resource: s.resource,
    timestamp: s.version,
    userId: s.userId,
    lastModifiedDateTime: iso(s.modifiedAt),
    clientState: s.clientState,
    expirationDateTime: iso(s.expiresAt),
    systemCreatedAt: iso(s.createdAt),
    systemCreatedBy: s.userId,
    systemModifiedAt: iso(s.modifiedAt),
    systemModifiedBy: s.userId,
  };
}
