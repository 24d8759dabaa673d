import { buildOrder, buildOrderProduct } from '@mlc/bigcommerce/testing';
import {
  parseOrderSyncSettings,
  parseStoreOrder,
  parseStoreRefund,
  type OrderSyncSettings,
  type StoreOrder,
} from '@mlc/orders';
import { syncOrderStateV1 } from '@mlc/contracts';
import { orderStateEvent, refundStateEvent } from './order-state-event';

const settings = (documentType: 'salesInvoice' | 'salesOrder'): OrderSyncSettings => {
  const parsed = parseOrderSyncSettings({ version: 1, documentType });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.settings;
};

const order: StoreOrder = (() => {
  const lines = [
    buildOrderProduct({ id: 1, sku: 'TEE-M', quantity: 2 }),
    buildOrderProduct({ id: 2, sku: 'MUG', quantity: 1 }),
    buildOrderProduct({ id: 3, sku: 'TEE-M', quantity: 1 }),
  ];
  const parsed = parseStoreOrder(buildOrder(42, { lines }));
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.order;
})();

const row = { connectionId: 'acme', orderId: 42, documentType: null, documentId: null, documentNumber: null, shipped: null };

describe('orderStateEvent', () => {
  it('carries the order SKUs and quantities summed per SKU, valid against the contract', () => {
    const event = orderStateEvent({ row, state: 'RECEIVED', order, settings: settings('salesInvoice'), settingsVersion: 3 });
    expect(event).toMatchObject({
      connectionId: 'acme',
      orderId: 42,
      state: 'RECEIVED',
      documentType: 'salesInvoice',
      lines: [
        { sku: 'MUG', quantity: '1' },
        { sku: 'TEE-M', quantity: '3' },
      ],
      settingsVersion: 3,
    });
    expect(syncOrderStateV1.schema.safeParse({ ...event, sequence: 1 }).success).toBe(true);
  });

  it('adds what BC shipped in sales-order mode', () => {
    const shipped = { ...row, documentType: 'salesOrder' as const, shipped: { 'TEE-M': '2' } };
    const event = orderStateEvent({ row: shipped, state: 'DOCUMENT_CREATED', order, settings: settings('salesOrder'), settingsVersion: 1 });
    expect(event.lines).toEqual([
      { sku: 'MUG', quantity: '1' },
      { sku: 'TEE-M', quantity: '3', shippedQuantity: '2' },
    ]);
  });

  it('leaves the lines out of a conflict on a posted document', () => {
    const event = orderStateEvent({ row, state: 'CONFLICT', order, settings: settings('salesInvoice'), settingsVersion: 1, withoutLines: true });
    expect(event.lines).toEqual([]);
  });
});

describe('refundStateEvent', () => {
  it('names the refunded SKUs on the order key, as a credit memo', () => {
    const parsed = parseStoreRefund({
      id: 7, order_id: 42, created: '2026-01-01T10:00:00Z', reason: '', total_amount: 10, total_tax: 0,
      uses_merchant_override_values: false,
      payments: [{ provider_id: 'testgateway', amount: 10, offline: false, is_declined: false }],
      items: [
        { item_type: 'PRODUCT', item_id: 1, quantity: 1, reason: '' },
        { item_type: 'SHIPPING', item_id: 10, requested_amount: 5, reason: '' },
      ],
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const event = refundStateEvent({ connectionId: 'acme', refund: parsed.refund, order, state: 'POSTED', settingsVersion: 1 });
    expect(event).toMatchObject({ orderId: 42, refundId: 7, documentType: 'salesCreditMemo', lines: [{ sku: 'TEE-M', quantity: '1' }] });
    expect(syncOrderStateV1.key({ ...event, sequence: 9 })).toBe('acme:42');
  });
});
