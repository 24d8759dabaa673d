import { InvalidMessageError } from '@mlc/platform-errors';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  HANDLED_WEBHOOK_SCOPES,
  isHandledWebhookScope,
  parseWebhookPayload,
  storeHashOf,
  webhookSubject,
} from './webhook-payloads';

const REFERENCE_DIR = process.env['ML_SHARED_DIR'] ? resolve(process.env['ML_SHARED_DIR'], 'reference') : resolve(__dirname, '../../../../../shared/reference');
const EXAMPLES = join(REFERENCE_DIR, 'bigcommerce-openapi/webhook-callbacks/data');

const delivery = (scope: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    scope,
    store_id: '1025646',
    data,
    hash: 'dd70c0976e06b67aaf671e73f49dcb79230ebf9d',
    created_at: 1561479335,
    producer: 'stores/abc123',
    ...extra,
  });

describe('webhook payloads', () => {
  it('parses every documented example payload of the scopes we handle', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(17);
    for (const file of files) {
      const text = readFileSync(join(EXAMPLES, file), 'utf8');
      const payload = parseWebhookPayload(text);
      expect(HANDLED_WEBHOOK_SCOPES).toContain(payload.scope);
      expect(payload.store_id).toBe('1025646');
    }
  });

  it('reads order status changes and refunds', () => {
    const status = parseWebhookPayload(
      delivery('store/order/statusUpdated', {
        type: 'order',
        id: 250,
        status: { previous_status_id: 0, new_status_id: 11 },
      }),
    );
    expect(status.scope === 'store/order/statusUpdated' && status.data.status.new_status_id).toBe(11);
    const refund = parseWebhookPayload(
      delivery('store/order/refund/created', { type: 'order', id: 250, refund: { refund_id: 3 } }),
    );
    expect(webhookSubject(refund)).toEqual({ kind: 'order', orderId: 250, refundId: 3 });
    expect(storeHashOf(refund)).toBe('abc123');
  });

  it('keys sku events by product, keeping the sku id apart from the variant id', () => {
    const sku = parseWebhookPayload(
      delivery('store/sku/inventory/updated', {
        type: 'sku',
        id: 461,
        inventory: { product_id: 206, method: 'absolute', value: 5, variant_id: 509 },
      }),
    );
    expect(webhookSubject(sku)).toEqual({ kind: 'product', productId: 206, variantId: 509, skuId: 461 });
    const updated = parseWebhookPayload(
      delivery('store/sku/updated', { type: 'sku', id: 461, sku: { product_id: 206, variant_id: 509 } }),
    );
    expect(webhookSubject(updated)).toEqual({ kind: 'product', productId: 206, variantId: 509, skuId: 461 });
    const product = parseWebhookPayload(
      delivery('store/product/updated', {
        type: 'product',
        id: 205,
        properties: ['name'],
        context: { channel_id: 2, locale: 'fr' },
      }),
    );
    expect(webhookSubject(product)).toEqual({ kind: 'product', productId: 205 });
  });

  it('keys customer address events by the customer', () => {
    const address = parseWebhookPayload(
      delivery('store/customer/address/updated', { type: 'customer', id: 60, address: { customer_id: 32 } }),
    );
    expect(webhookSubject(address)).toEqual({ kind: 'customer', customerId: 32 });
    expect(
      webhookSubject(parseWebhookPayload(delivery('store/customer/created', { type: 'customer', id: 32 }))),
    ).toEqual({ kind: 'customer', customerId: 32 });
  });

  it('reads a numeric store_id from old deliveries as a string and keeps unknown fields', () => {
    const payload = parseWebhookPayload(
      delivery('store/order/created', { type: 'order', id: 1 }, { store_id: 1025646, extra: true }),
    );
    expect(payload.store_id).toBe('1025646');
    expect((payload as Record<string, unknown>)['extra']).toBe(true);
  });

  it.each([
    ['not JSON', '{"scope":', 'not JSON'],
    [
      'an unhandled scope',
      delivery('store/cart/created', { type: 'cart', id: 'x' }),
      'scope "store/cart/created" is not handled',
    ],
    ['no scope', JSON.stringify({ data: {} }), 'scope missing or invalid is not handled'],
    ['a string order id', delivery('store/order/created', { type: 'order', id: '250' }), 'field "data.id"'],
    [
      'a bad producer',
      delivery('store/order/created', { type: 'order', id: 250 }, { producer: 'abc123' }),
      '"producer"',
    ],
    ['a refund without its id', delivery('store/order/refund/created', { type: 'order', id: 250 }), '"data.refund"'],
  ])('refuses %s with an InvalidMessageError', (_name, body, message) => {
    expect(() => parseWebhookPayload(body)).toThrow(InvalidMessageError);
    expect(() => parseWebhookPayload(body)).toThrow(message);
  });

  it('knows which scopes it handles', () => {
    expect(isHandledWebhookScope('store/order/created')).toBe(true);
    expect(isHandledWebhookScope('store/order/*')).toBe(false);
    expect(isHandledWebhookScope(42)).toBe(false);
  });
});
