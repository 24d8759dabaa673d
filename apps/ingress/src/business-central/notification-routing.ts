import {
  businesscentralCustomerChangedV1,
  businesscentralItemChangedV1,
  businesscentralRescanRequestedV1,
  TopicValue,
} from '@mlc/contracts';
import {
  BcNotificationEntry,
  parseNotificationResource,
  partitionByClientState,
  readBcNotification,
} from '@mlc/business-central';
import { RoutedRecord, routedRecord } from '../publishing/routed-record';

/** Why a notification entry was dropped (each is counted, none is answered with a 4xx). */
export type DropReason =
  'malformed-entry' | 'bad-client-state' | 'unknown-resource' | 'wrong-company' | 'unhandled-resource';

export interface NotificationContext {
  readonly connectionId: string;
  /** The connection's BC company: entries about another company are not ours. */
  readonly companyId: string;
  /** The clientState the connection's subscriptions were created with. */
  readonly clientState: string;
  readonly receivedAt: Date;
}

export interface RoutedNotification {
  readonly records: RoutedRecord[];
  /** Entries that verified and became (possibly coalesced) records. */
  readonly accepted: number;
  readonly dropped: ReadonlyMap<DropReason, number>;
}

const SETS = { items: 'items', customers: 'customers' } as const;

/**
 * Turns a decoded notification body into signals. Entries whose clientState does not verify, that point outside the
 * connection's company or at a set the connector does not watch are dropped and counted. A record changed several
 * times in one body is signalled once per change type; a `collection` entry (more than 1000 changes) asks for a
 * rescan of its set. Throws InvalidMessageError when the body has no `value` array.
 */
export function routeNotification(body: unknown, ctx: NotificationContext): RoutedNotification {
  const batch = readBcNotification(body);
  const dropped = new Map<DropReason, number>();
  const drop = (reason: DropReason, n = 1) => {
    if (n > 0) dropped.set(reason, (dropped.get(reason) ?? 0) + n);
  };
  drop('malformed-entry', batch.invalid.length);
  const { accepted, rejected } = partitionByClientState(batch.entries, ctx.clientState);
  drop('bad-client-state', rejected.length);

  const records = new Map<string, RoutedRecord>();
  let routed = 0;
  for (const entry of accepted) {
    const outcome = recordFor(entry, ctx);
    if (typeof outcome === 'string') {
      drop(outcome);
      continue;
    }
    routed += 1;
    const [dedupKey, record] = outcome;
    if (!records.has(dedupKey)) records.set(dedupKey, record);
  }
  return { records: [...records.values()], accepted: routed, dropped };
}

function recordFor(entry: BcNotificationEntry, ctx: NotificationContext): [string, RoutedRecord] | DropReason {
  const target = parseNotificationResource(entry.resource);
  if (!target) return 'unknown-resource';
  if (target.companyId !== ctx.companyId.toLowerCase()) return 'wrong-company';
  const set = SETS[target.entitySet as keyof typeof SETS];
  if (!set) return 'unhandled-resource';
  const { connectionId } = ctx;
  if (entry.changeType === 'collection') {
    const value: TopicValue<typeof businesscentralRescanRequestedV1> = {
      connectionId,
      resource: set,
      reason: 'collection-notification',
      occurredAt: ctx.receivedAt.toISOString(),
    };
    return [`rescan|${set}`, routedRecord(businesscentralRescanRequestedV1, value)];
  }
  if (!target.id) return 'unknown-resource';
  const occurredAt = isoOr(entry.lastModifiedDateTime, ctx.receivedAt);
  const changeType = entry.changeType;
  if (set === 'items') {
    const value: TopicValue<typeof businesscentralItemChangedV1> = {
      connectionId,
      itemId: target.id,
      changeType,
      source: 'notification',
      occurredAt,
    };
    return [`items|${target.id}|${changeType}`, routedRecord(businesscentralItemChangedV1, value)];
  }
  const value: TopicValue<typeof businesscentralCustomerChangedV1> = {
    connectionId,
    customerId: target.id,
    changeType,
    source: 'notification',
    occurredAt,
  };
  return [`customers|${target.id}|${changeType}`, routedRecord(businesscentralCustomerChangedV1, value)];
}

function isoOr(text: string, fallback: Date): string {
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : fallback.toISOString();
}
