import { Decimal } from '@mlc/platform-money';
import {
  salesCreditMemoSchema,
  salesInvoiceSchema,
  salesOrderSchema,
} from '../resources/schemas/sales-document.schema';
import { FakeRuntime, WireRecord } from './fake-runtime';
import { FakeDocumentStore } from './fake-sales-documents';

/*
 * Posting effects that span two documents. BC's status of a posted document follows its customer ledger entry: an
 * entry with nothing left open reads "Paid".
 */

/** shipAndInvoice: a posted invoice with a new id pointing at the order; the fully handled order disappears. */
export function invoiceFromOrder(
  rt: FakeRuntime,
  orders: FakeDocumentStore<typeof salesOrderSchema>,
  invoices: FakeDocumentStore<typeof salesInvoiceSchema>,
  order: WireRecord,
): void {
  const { salesOrderLines, orderDate, id: orderId, number: orderNumber, status: _status, ...header } = order;
  const lines = (salesOrderLines as WireRecord[]).map(
    ({ shippedQuantity: _s, invoicedQuantity: _i, shipQuantity: _q, invoiceQuantity: _v, ...line }) => line,
  );
  const invoice = { ...header, id: rt.id(), invoiceDate: orderDate, orderId, orderNumber, salesInvoiceLines: lines };
  invoices.touch(invoice, {
    status: 'Open',
    number: invoices.nextNumber('PS-INV'),
    remainingAmount: header.totalAmountIncludingTax,
  });
  invoices.put(invoice);
  orders.records.delete(orderId as string);
}

/** Posting a credit memo applies it to its invoice (invoiceId): the open amounts offset each other. */
export function postCreditMemo(
  memos: FakeDocumentStore<typeof salesCreditMemoSchema>,
  invoices: FakeDocumentStore<typeof salesInvoiceSchema>,
  memo: WireRecord,
): void {
  memos.post(memo);
  const invoice = typeof memo.invoiceId === 'string' ? invoices.records.get(memo.invoiceId) : undefined;
  if (!invoice || invoice.status !== 'Open') return;
  const open = Decimal.fromWireNumber(invoice.remainingAmount as number);
  const credit = Decimal.fromWireNumber(memo.totalAmountIncludingTax as number);
  const applied = Decimal.min(open, credit);
  const left = open.minus(applied);
  invoices.touch(invoice, { remainingAmount: left.toWireNumber(), ...(left.isZero() ? { status: 'Paid' } : {}) });
  if (applied.eq(credit)) memos.touch(memo, { status: 'Paid' });
}
