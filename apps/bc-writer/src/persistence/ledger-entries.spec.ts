import type { OrderLedgerRow } from './order-ledger.repository';
import { toLedgerEntry } from './order-ledger.repository';
import { toRefundEntry, type RefundLedgerRow } from './refund-ledger.repository';

const orderRow = (over: Partial<OrderLedgerRow>): OrderLedgerRow => ({
  connectionId: 'acme', orderId: 1, state: 'POSTED', contentHash: 'h', summary: null, snapshotHash: 's', settingsVersion: 1,
  customerId: null, customerNumber: null, documentType: 'salesInvoice', documentId: 'doc', documentNumber: 'PS-1',
  documentEtag: null, invoiceId: null, invoiceNumber: null, posted: true, lineMap: null, shipped: null,
  writePending: null, lastError: null, detail: null, attempts: 0, receivedAt: new Date(0), ...over,
});

const refundRow = (over: Partial<RefundLedgerRow>): RefundLedgerRow => ({
  connectionId: 'acme', orderId: 1, refundId: 2, state: 'PARKED', totalAmount: '5', snapshotHash: 's',
  creditMemoId: null, creditMemoNumber: null, creditMemoEtag: null, posted: false, writePending: null,
  waitingForOrder: false, lastError: null, attempts: 0, ...over,
});

describe('toLedgerEntry', () => {
  it('gives the domain the state, hash and document', () => {
    expect(toLedgerEntry(orderRow({}))).toEqual({
      state: 'POSTED', contentHash: 'h', summary: undefined,
      document: { type: 'salesInvoice', id: 'doc', number: 'PS-1', posted: true },
    });
  });

  it('treats a SKIPPED order as not in the ledger', () => {
    expect(toLedgerEntry(orderRow({ state: 'SKIPPED' }))).toBeUndefined();
  });
});

describe('toRefundEntry', () => {
  it('re-decides a refund that waits for its order', () => {
    expect(toRefundEntry(refundRow({ waitingForOrder: true }), false)).toBeUndefined();
  });

  it('keeps a parked refund parked unless forced', () => {
    expect(toRefundEntry(refundRow({}), false)).toEqual({ state: 'PARKED', creditMemoId: undefined });
    expect(toRefundEntry(refundRow({}), true)).toBeUndefined();
    expect(toRefundEntry(refundRow({ state: 'POSTED', creditMemoId: 'cm' }), true)).toEqual({ state: 'POSTED', creditMemoId: 'cm' });
  });
});
