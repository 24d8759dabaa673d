import { randomBytes } from 'node:crypto';
import { isRecordNotFound } from '../client/business-central-errors';
import { SubscriptionsPort } from '../business-central.port';
import {
  BcSubscription,
  BcSubscriptionChanges,
  BcSubscriptionCreate,
  subscriptionSchema,
} from '../resources/schemas/subscription.schema';
import { FakeRuntime, WireRecord } from './fake-runtime';

const THREE_DAYS_MS = 3 * 24 * 60 * 60_000;

/**
 * Environment-level subscriptions in memory: 32-hex string keys, expiry three days after create or renew, If-Match
 * on renew and delete. `handshake` stands in for BC calling the notificationUrl; when it answers false the create
 * or renewal fails and nothing changes.
 */
export class FakeSubscriptions implements SubscriptionsPort {
  readonly records = new Map<string, WireRecord>();
  handshake: (notificationUrl: string, validationToken: string) => Promise<boolean> = async () => true;

  constructor(private readonly rt: FakeRuntime) {}

  list(): Promise<BcSubscription[]> {
    return this.rt.call('GET subscriptions', 'read', 'environment', () =>
      [...this.records.values()].map((r) => subscriptionSchema.parse(r)),
    );
  }

  async get(subscriptionId: string): Promise<BcSubscription | undefined> {
    const record = await this.rt.call('GET subscriptions({id})', 'read', 'entity', () =>
      this.records.get(subscriptionId),
    );
    return record ? subscriptionSchema.parse(record) : undefined;
  }

  async create(input: BcSubscriptionCreate): Promise<BcSubscription> {
    const op = 'POST subscriptions';
    const accepted = await this.handshake(input.notificationUrl, randomBytes(8).toString('hex'));
    return this.rt.call(op, 'create', 'environment', () => {
      if (!accepted)
        this.rt.reject(op, 'create', 'environment', 400, 'BadRequest', 'The subscription could not be validated.');
      const record: WireRecord = { subscriptionId: randomBytes(16).toString('hex'), clientState: '', ...input };
      this.stamp(record);
      this.records.set(record.subscriptionId as string, record);
      return subscriptionSchema.parse(record);
    });
  }

  async renew(subscription: BcSubscription, changes: BcSubscriptionChanges = {}): Promise<BcSubscription> {
    const op = 'PATCH subscriptions({id})';
    const notificationUrl = changes.notificationUrl ?? subscription.notificationUrl;
    const accepted = await this.handshake(notificationUrl, randomBytes(8).toString('hex'));
    return this.rt.call(op, 'update', 'entity', () => {
      const record = this.current(op, 'update', subscription);
      if (!accepted)
        this.rt.reject(op, 'update', 'entity', 400, 'BadRequest', 'The subscription could not be validated.');
      Object.assign(record, { notificationUrl, clientState: changes.clientState ?? record.clientState });
      this.stamp(record);
      return subscriptionSchema.parse(record);
    });
  }

  async delete(subscription: BcSubscription): Promise<boolean> {
    const op = 'DELETE subscriptions({id})';
    try {
      return await this.rt.call(op, 'delete', 'entity', () =>
        this.records.delete(this.current(op, 'delete', subscription).subscriptionId as string),
      );
    } catch (err) {
      if (isRecordNotFound(err)) return false;
      throw err;
    }
  }

  private current(op: string, kind: 'update' | 'delete', subscription: BcSubscription): WireRecord {
    const record = this.records.get(subscription.subscriptionId);
    if (!record) this.rt.reject(op, kind, 'entity', 404, 'BadRequest_NotFound', 'The subscription does not exist.');
    if (record['@odata.etag'] !== subscription.etag)
      this.rt.reject(op, kind, 'entity', 409, 'Request_EntityChanged', 'Another user has already changed the record.');
    return record;
  }

  private stamp(record: WireRecord): void {
    const now = this.rt.now();
    Object.assign(record, {
      '@odata.etag': this.rt.etag(),
      lastModifiedDateTime: now.toISOString(),
      expirationDateTime: new Date(now.getTime() + THREE_DAYS_MS).toISOString(),
    });
  }
}
