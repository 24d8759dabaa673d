import { parseWebhookPayload } from '@mlc/bigcommerce';
import { webhookBody } from '@mlc/bigcommerce/testing';
import { deliveryKeys, routeWebhook, VerifiedDelivery } from './webhook-routing';

const RECEIVED = new Date('2025-03-01T12:00:00.000Z');

function delivery(scope: string, data: Record<string, unknown>, webhookId?: string): VerifiedDelivery {
  const payload = parseWebhookPayload(webhookBody(scope, data, { hash: 'a'.repeat(40), createdAt: 1740830400 }));
  return { connectionId: 'acme', payload, verifiedBy: 'standard-webhooks', webhookId, receivedAt: RECEIVED };
}

/** Topic, key and value of each routed record, after the contract validated the value. */
function routed(d: VerifiedDelivery, duplicate = false) {
  return routeWebhook(d, duplicate).map(({ contract, value }) => ({
    topic: contract.name,
    key: contract.key(contract.schema.parse(value)),
    value: value as Record<string, unknown>,
  }));
}

describe('routeWebhook', () => {
  it('audits an order delivery and signals the order, keyed by connection and order id', () => {
    const [audit, signal, ...rest] = routed(delivery('store/order/created', { type: 'order', id: 250 }, 'msg-1'));
    expect(rest).toEqual([]);
    expect(audit).toEqual({
      topic: 'bigcommerce.webhook-received.v1',
      key: 'acme:store/order/created:250',
      value: {
        connectionId: 'acme',
        scope: 'store/order/created',
        resourceId: '250',
        storeId: '1025646',
        hash: 'a'.repeat(40),
        webhookId: 'msg-1',
        verifiedBy: 'standard-webhooks',
        createdAt: 1740830400,
        receivedAt: '2025-03-01T12:00:00.000Z',
        duplicate: false,
        data: { type: 'order', id: 250 },
      },
    });
    expect(signal).toEqual({
      topic: 'bigcommerce.order-signal.v1',
      key: 'acme:250',
      value: {
        connectionId: 'acme',
        orderId: 250,
        kind: 'order',
        scope: 'store/order/created',
        source: 'webhook',
        occurredAt: '2025-03-01T12:00:00.000Z',
      },
    });
  });

  it('signals a refund on its order key, carrying the refund id', () => {
    const [, signal] = routed(
      delivery('store/order/refund/created', { type: 'order', id: 250, refund: { refund_id: 3 } }),
    );
    expect(signal).toMatchObject({ key: 'acme:250', value: { kind: 'refund', orderId: 250, refundId: 3 } });
  });

  it('signals status changes and archiving as order changes', () => {
    const status = delivery('store/order/statusUpdated', {
      type: 'order',
      id: 9,
      status: { previous_status_id: 0, new_status_id: 11 },
    });
    expect(routed(status)[1]).toMatchObject({
      topic: 'bigcommerce.order-signal.v1',
      value: { kind: 'order', orderId: 9 },
    });
    expect(routed(delivery('store/order/archived', { type: 'order', id: 9 }))[1]?.key).toBe('acme:9');
  });

  it('signals the product for product scopes and the parent product for SKU scopes', () => {
    expect(routed(delivery('store/product/updated', { type: 'product', id: 205 }))[1]).toMatchObject({
      topic: 'bigcommerce.catalog-signal.v1',
      key: 'acme:205',
      value: { productId: 205, scope: 'store/product/updated', source: 'webhook' },
    });
    const sku = delivery('store/sku/inventory/updated', {
      type: 'sku',
      id: 461,
      inventory: { product_id: 206, method: 'absolute', value: 5, variant_id: 509 },
    });
    expect(routed(sku)[1]).toMatchObject({ key: 'acme:206', value: { productId: 206, variantId: 509 } });
    expect(routed(sku)[0]?.key).toBe('acme:store/sku/inventory/updated:461');
  });

  it('only audits customer scopes', () => {
    const out = routed(delivery('store/customer/updated', { type: 'customer', id: 32 }));
    expect(out.map((r) => r.topic)).toEqual(['bigcommerce.webhook-received.v1']);
  });

  it('only audits a redelivery, marked as a duplicate', () => {
    const out = routed(delivery('store/order/updated', { type: 'order', id: 250 }), true);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ topic: 'bigcommerce.webhook-received.v1', value: { duplicate: true } });
  });
});

describe('deliveryKeys', () => {
  it('recognises a redelivery by webhook id and by scope, resource and hash, within one connection', () => {
    const keys = deliveryKeys(delivery('store/order/created', { type: 'order', id: 250 }, 'msg-1'));
    expect(keys).toEqual([`h|acme|store/order/created|250|${'a'.repeat(40)}`, 'w|acme|msg-1']);
    expect(deliveryKeys(delivery('store/order/created', { type: 'order', id: 250 }))).toHaveLength(1);
  });
});
