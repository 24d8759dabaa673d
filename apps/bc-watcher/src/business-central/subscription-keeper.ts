import { BcSubscription, subscriptionResource } from '@mlc/business-central';
import { subscriptionClientState } from '@mlc/connections';
import { businesscentralRescanRequestedV1 } from '@mlc/contracts';
import { describeError } from '@mlc/platform-errors';
import { subscriptionExpiries, subscriptionRecreated } from '../metrics/watcher-metrics';
import type { WatchedResource, WatchStateStore } from '../persistence/watcher-state.port';
import type { JobDeps } from '../scheduling/job-deps';
import type { BcWatchPort } from './bc-watch.port';
import { DesiredSubscription, planSubscription } from './subscription-plan';

export const WATCHED_RESOURCES: readonly WatchedResource[] = ['items', 'customers'];

/** The ingress route BC posts a connection's notifications (and validation handshakes) to. */
export function notificationUrl(publicBaseUrl: string, connectionId: string): string {
  return `${publicBaseUrl}/webhooks/business-central/${connectionId}`;
}

/**
 * Keeps one BC subscription per watched entity set and connection: creates it (BC runs the validation handshake
 * against ingress before answering), renews it well before its three days run out (the renewal repeats the
 * handshake), recreates it when BC deleted it, and then asks for a rescan of the resource, since every change in
 * between went unnotified.
 */
export class SubscriptionKeeper {
  constructor(
    private readonly deps: JobDeps,
    private readonly state: WatchStateStore,
  ) {}

  async check(connectionId: string): Promise<void> {
    const bc = await this.deps.resources.businessCentral(connectionId);
    const clientState = subscriptionClientState(connectionId, await this.deps.resources.credentials(connectionId));
    const listed = await bc.subscriptions.list();
    let firstError: unknown;
    for (const resource of WATCHED_RESOURCES) {
      const desired: DesiredSubscription = {
        resource: subscriptionResource(bc.companyId, resource),
        notificationUrl: notificationUrl(this.deps.publicBaseUrl, connectionId),
        clientState,
      };
      try {
        await this.keep(connectionId, resource, bc, desired, listed);
      } catch (err) {
        this.deps.logger.warn({ connectionId, resource, reason: describeError(err) }, 'BC subscription check failed');
        firstError ??= err;
      }
    }
    if (firstError !== undefined) throw firstError;
  }

  private async keep(
    connectionId: string,
    resource: WatchedResource,
    bc: BcWatchPort,
    desired: DesiredSubscription,
    listed: readonly BcSubscription[],
  ): Promise<void> {
    const recorded = await this.state.subscription(connectionId, resource);
    const plan = planSubscription(desired, listed, recorded, this.deps.now(), this.deps.schedule.renewBeforeMs);
    for (const duplicate of plan.duplicates) await bc.subscriptions.delete(duplicate);
    const { action } = plan;
    let current: BcSubscription;
    if (action.kind === 'create') {
      current = await bc.subscriptions.create(desired);
      this.deps.logger.info({ connectionId, resource, recreated: action.recreated }, 'BC subscription created');
      if (action.recreated) await this.recreated(connectionId, resource);
    } else if (action.kind === 'renew') {
      current = await bc.subscriptions.renew(action.subscription, action.changes);
      this.deps.logger.info({ connectionId, resource, expires: current.expirationDateTime }, 'BC subscription renewed');
    } else {
      current = action.subscription;
    }
    await this.state.saveSubscription(connectionId, resource, {
      subscriptionId: current.subscriptionId,
      notificationUrl: current.notificationUrl,
      expiresAt: new Date(current.expirationDateTime),
      etag: current.etag,
    });
    subscriptionExpiries.set(connectionId, resource, Date.parse(current.expirationDateTime));
  }

  /** Changes made while the subscription was gone were never notified: rescan through the normal request path. */
  private async recreated(connectionId: string, resource: WatchedResource): Promise<void> {
    subscriptionRecreated.inc({ connection: connectionId, resource });
    this.deps.logger.warn({ connectionId, resource }, 'BC had deleted the subscription: recreated, rescan requested');
    await this.deps.sink.publishMany(businesscentralRescanRequestedV1, [
      { connectionId, resource, reason: 'subscription-recreated', occurredAt: new Date(this.deps.now()).toISOString() },
    ]);
  }
}
