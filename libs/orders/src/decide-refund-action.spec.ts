import { settingsWith } from './__fixtures__/order-scenarios';
import type { OrderLedgerEntry } from './decide-order-action';
import { decideRefundAction } from './decide-refund-action';

const order = (state: OrderLedgerEntry['state'], posted = state === 'POSTED'): OrderLedgerEntry => ({
  state,
  contentHash: 'h',
  document: { type: 'salesInvoice', id: 'd1', posted },
});

describe('decideRefundAction', () => {
  const invoices = settingsWith();
  const salesOrders = settingsWith({ documentType: 'salesOrder' });

  it('waits behind an order that is not synced, parked, or not posted', () => {
    expect(decideRefundAction(undefined, undefined, invoices, null).kind).toBe('wait-for-order');
    expect(decideRefundAction(order('PARKED'), undefined, invoices, null).kind).toBe('wait-for-order');
    expect(decideRefundAction(order('DOCUMENT_CREATED'), undefined, invoices, null).kind).toBe('wait-for-order');
  });

  it('creates the credit memo once the invoice is posted', () => {
    expect(decideRefundAction(order('POSTED'), undefined, invoices, 'd1').kind).toBe('create');
    expect(decideRefundAction(order('CONFLICT'), undefined, invoices, 'd1').kind).toBe('create');
  });

  it('waits in sales-order mode until BC has invoiced the order', () => {
    expect(decideRefundAction(order('DOCUMENT_CREATED'), undefined, salesOrders, null)).toEqual({
      kind: 'wait-for-order',
      reason: 'BC has not invoiced the sales order yet',
    });
    expect(decideRefundAction(order('DOCUMENT_CREATED'), undefined, salesOrders, 'inv-1').kind).toBe('create');
  });

  it('does not create a second credit memo for a known refund', () => {
    expect(decideRefundAction(order('POSTED'), { state: 'POSTED', creditMemoId: 'cm1' }, invoices, 'd1').kind).toBe(
      'noop',
    );
    expect(
      decideRefundAction(order('POSTED'), { state: 'DOCUMENT_CREATED', creditMemoId: 'cm1' }, invoices, 'd1'),
    ).toMatchObject({
      kind: 'resume',
      from: 'DOCUMENT_CREATED',
    });
  });
});
