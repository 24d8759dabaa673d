import type { BcEnvironment } from '../store/bc-environment';
import type { ChangeEvent } from '../store/unit-of-work';
import { deliverNotification, OutgoingDeps, Outcome } from './outgoing';
import type { Subscription, SubscriptionStore } from './subscription-store';

type ChangeType = ChangeEvent['changeType'];

interface Pending {
  changeType: ChangeType;
  at: number;
}

interface SubscriptionQueue {
  readonly records: Map<string, Pending>;
  firstAt: number;
  deleted: boolean;
}

interface UrlState {
  failures: number;
  inFlight: boolean;
  retryAt?: number;
  cancelRetry?: () => void;
}

/** Repeated changes of one record inside a run collapse: created stays created, a delete wins. */
function merge(previous: Pending | undefined, next: ChangeType): ChangeType {
  if (!previous) return next;
  if (next === 'deleted') return 'deleted';
  if (previous.changeType === 'created') return 'created';
  return 'updated';
}

function isRetryable(outcome: Outcome): boolean {
  const s = outcome.status;
  return s === undefined || s === 408 || s === 429 || s >= 500;
}

/**
 * BC's webhook sender (API Webhook Notification Send): changes queue per subscription and go out in one POST per
 * notification URL after a delay; more than the threshold for one subscription become a single `collection` entry.
 * A receiver answering 2xx is done; 408/429/5xx or no answer is retried on the documented schedule and the 6th
 * consecutive failure deletes the URL's subscriptions; any other status deletes them at once.
 */
export class Notifier {
  private readonly queues = new Map<string, SubscriptionQueue>();
  private readonly urls = new Map<string, UrlState>();
  private cancelRun?: () => void;

  constructor(
    private readonly env: BcEnvironment,
    private readonly store: SubscriptionStore,
    private readonly outgoing: OutgoingDeps,
  ) {
    env.onChanges((events) => this.enqueue(events));
    store.onRemoved((s) => this.queues.delete(s.subscriptionId));
  }

  reset(): void {
    this.cancelRun?.();
    this.cancelRun = undefined;
    for (const state of this.urls.values()) state.cancelRetry?.();
    this.queues.clear();
    this.urls.clear();
  }

  /** Diagnostics for the control API. */
  describe(): Record<string, unknown> {
    return {
      pending: Object.fromEntries([...this.queues].map(([id, q]) => [id, q.records.size])),
      urls: Object.fromEntries([...this.urls].map(([url, s]) => [url, { failures: s.failures, retryAt: s.retryAt }])),
    };
  }

  private enqueue(events: ChangeEvent[]): void {
    const subscriptions = this.store.list();
    if (subscriptions.length === 0) return;
    for (const event of events) {
      for (const s of subscriptions) {
        if (s.companyId !== event.companyId || s.entitySet !== event.entitySet) continue;
        const queue = this.queues.get(s.subscriptionId) ?? { records: new Map(), firstAt: event.at, deleted: false };
        const previous = queue.records.get(event.id);
        queue.records.set(event.id, { changeType: merge(previous, event.changeType), at: event.at });
        queue.deleted ||= event.changeType === 'deleted';
        this.queues.set(s.subscriptionId, queue);
      }
    }
    this.scheduleRun();
  }

  private scheduleRun(): void {
    if (this.cancelRun || this.queues.size === 0) return;
    this.cancelRun = this.env.clock.after(this.env.scaled(this.env.settings.notificationDelayMs), () => {
      this.cancelRun = undefined;
      this.runJob();
    });
  }

  private runJob(): void {
    const urls = new Set(this.store.list().filter((s) => this.queues.has(s.subscriptionId)).map((s) => s.notificationUrl));
    for (const url of urls) {
      const state = this.urls.get(url);
      if (state?.inFlight || (state?.retryAt !== undefined && state.retryAt > this.env.now())) continue;
      void this.deliver(url);
    }
  }

  private take(subscriptions: Subscription[]): Map<string, SubscriptionQueue> {
    const taken = new Map<string, SubscriptionQueue>();
    for (const s of subscriptions) {
      const queue = this.queues.get(s.subscriptionId);
      if (!queue) continue;
      taken.set(s.subscriptionId, queue);
      this.queues.delete(s.subscriptionId);
    }
    return taken;
  }

  private entries(subscriptions: Subscription[], taken: Map<string, SubscriptionQueue>): unknown[] {
    const iso = (ms: number) => new Date(ms).toISOString();
    const threshold = this.env.settings.collectionThreshold;
    return subscriptions.flatMap((s) => {
      const queue = taken.get(s.subscriptionId);
      if (!queue) return [];
      const base = { subscriptionId: s.subscriptionId, clientState: s.clientState, expirationDateTime: iso(s.expiresAt) };
      if (queue.records.size > threshold) {
        const latest = [...queue.records.values()].reduce((max, p) => Math.max(max, p.at), 0);
        const filter = queue.deleted ? '' : `?$filter=lastModifiedDateTime%20gt%20${iso(queue.firstAt - 50)}`;
        return [{ ...base, resource: `${s.resource}${filter}`, changeType: 'collection', lastModifiedDateTime: iso(latest) }];
      }
      return [...queue.records].map(([id, p]) => ({
        ...base,
        resource: `${s.resource}(${id})`,
        changeType: p.changeType,
        lastModifiedDateTime: iso(p.at),
      }));
    });
  }

  private async deliver(url: string): Promise<void> {
    const subscriptions = this.store.byUrl(url);
    const taken = this.take(subscriptions);
    if (taken.size === 0) return;
    const state = this.urls.get(url) ?? { failures: 0, inFlight: false };
    this.urls.set(url, state);
    state.inFlight = true;
    const outcome = await deliverNotification(this.outgoing, url, { value: this.entries(subscriptions, taken) }, this.env.settings.deliveryTimeoutMs);
    state.inFlight = false;
    if (outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300) {
      state.failures = 0;
      state.retryAt = undefined;
    } else if (isRetryable(outcome)) {
      this.retryLater(url, state, taken);
      return;
    } else {
      this.dropUrl(url);
      return;
    }
    this.scheduleRun();
  }

  private retryLater(url: string, state: UrlState, taken: Map<string, SubscriptionQueue>): void {
    state.failures += 1;
    const schedule = this.env.settings.retryScheduleMs;
    if (state.failures > schedule.length) {
      this.dropUrl(url);
      return;
    }
    for (const [id, queue] of taken) this.restore(id, queue);
    const wait = this.env.scaled(schedule[state.failures - 1]!);
    state.retryAt = this.env.now() + wait;
    state.cancelRetry?.();
    state.cancelRetry = this.env.clock.after(wait, () => {
      state.retryAt = undefined;
      void this.deliver(url);
    });
  }

  /** Puts undelivered changes back, newer queued changes of the same record winning. */
  private restore(id: string, queue: SubscriptionQueue): void {
    if (!this.store.get(id)) return;
    const newer = this.queues.get(id);
    if (newer) {
      for (const [record, p] of newer.records) queue.records.set(record, { changeType: merge(queue.records.get(record), p.changeType), at: p.at });
      queue.deleted ||= newer.deleted;
    }
    this.queues.set(id, queue);
  }

  private dropUrl(url: string): void {
    const state = this.urls.get(url);
    state?.cancelRetry?.();
    this.urls.delete(url);
    for (const s of this.store.byUrl(url)) this.store.delete(s);
  }
}
