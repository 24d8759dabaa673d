import {
  bigcommerceCatalogSignalV1,
  bigcommerceOrderSignalV1,
  bigcommerceWebhookReceivedV1,
  TopicValue,
} from '@mlc/contracts';
import { BigCommerceWebhookPayload, WebhookScheme, webhookSubject } from '@mlc/bigcommerce';
import { RoutedRecord, routedRecord as record } from '../publishing/routed-record';

/** A delivery whose signature verified and whose payload parsed, for a known connection. */
export interface VerifiedDelivery {
  readonly connectionId: string;
  readonly payload: BigCommerceWebhookPayload;
  readonly verifiedBy: WebhookScheme;
  /** The Standard Webhooks `webhook-id`, stable across BigCommerce's retries, when the sender gave one. */
  readonly webhookId?: string;
  readonly receivedAt: Date;
}

/**
 * What a verified delivery publishes: always the audit record, then, unless it is a redelivery, the signal its scope
 * calls for. Order and refund scopes signal the order (refunds share the order's key, so they queue behind it);
 * product and SKU scopes signal the product; customer scopes are audited only (bc-writer reads customers with
 * each order).
 */
export function routeWebhook(delivery: VerifiedDelivery, duplicate: boolean): RoutedRecord[] {
  const out = [record(bigcommerceWebhookReceivedV1, auditRecord(delivery, duplicate))];
  if (duplicate) return out;
  const { connectionId, payload } = delivery;
  const subject = webhookSubject(payload);
  const occurredAt = new Date(payload.created_at * 1000).toISOString();
  if (subject.kind === 'order') {
    const signal: TopicValue<typeof bigcommerceOrderSignalV1> = {
      connectionId,
      orderId: subject.orderId,
      kind: subject.refundId === undefined ? 'order' : 'refund',
      ...(subject.refundId === undefined ? {} : { refundId: subject.refundId }),
      scope: payload.scope,
      source: 'webhook',
      occurredAt,
    };
    out.push(record(bigcommerceOrderSignalV1, signal));
  } else if (subject.kind === 'product') {
    const signal: TopicValue<typeof bigcommerceCatalogSignalV1> = {
      connectionId,
      productId: subject.productId,
      ...(subject.variantId === undefined ? {} : { variantId: subject.variantId }),
      scope: payload.scope,
      source: 'webhook',
      occurredAt,
    };
    out.push(record(bigcommerceCatalogSignalV1, signal));
  }
  return out;
}

function auditRecord(delivery: VerifiedDelivery, duplicate: boolean): TopicValue<typeof bigcommerceWebhookReceivedV1> {
  const { payload } = delivery;
  return {
    connectionId: delivery.connectionId,
    scope: payload.scope,
    resourceId: String(payload.data.id),
    storeId: payload.store_id,
    hash: payload.hash,
    ...(delivery.webhookId === undefined ? {} : { webhookId: delivery.webhookId }),
    verifiedBy: delivery.verifiedBy,
    createdAt: payload.created_at,
    receivedAt: delivery.receivedAt.toISOString(),
    duplicate,
    data: payload.data as Record<string, unknown>,
  };
}

/**
 * The keys a redelivery is recognised by: its `webhook-id` (stable across BigCommerce's retries) and the event itself
 * (scope, resource id and payload hash, also stable), each scoped to the connection.
 */
export function deliveryKeys(delivery: Pick<VerifiedDelivery, 'connectionId' | 'payload' | 'webhookId'>): string[] {
  const { connectionId, payload, webhookId } = delivery;
  const keys = [`h|${connectionId}|${payload.scope}|${payload.data.id}|${payload.hash}`];
  if (webhookId) keys.push(`w|${connectionId}|${webhookId}`);
  return keys;
}
