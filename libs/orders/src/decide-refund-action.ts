import type { OrderLedgerEntry } from './decide-order-action';
import type { OrderLedgerState } from './ledger-state';
import type { OrderSyncSettings } from './settings/order-sync-settings';

/** What the ledger remembers of a refund (same states as orders; a credit memo is its document). */
export interface RefundLedgerEntry {
  readonly state: OrderLedgerState;
  readonly creditMemoId?: string;
}

export type RefundAction =
  | { readonly kind: 'wait-for-order'; readonly reason: string }
  | { readonly kind: 'create'; readonly reason: string }
  | { readonly kind: 'resume'; readonly from: OrderLedgerState; readonly reason: string }
  | { readonly kind: 'noop'; readonly reason: string };

/**
 * A refund is handled strictly after its order (DESIGN.md 3.11): it waits while the order is not synced or is
 * parked; in invoice mode until the invoice is posted (a credit memo applies to a posted invoice); in sales-order
 * mode until BC has invoiced the order (`bcInvoiceId` known).
 */
export function decideRefundAction(
  orderEntry: OrderLedgerEntry | undefined,
  refundEntry: RefundLedgerEntry | undefined,
  settings: OrderSyncSettings,
  bcInvoiceId: string | null,
): RefundAction {
  if (refundEntry) return onKnownRefund(refundEntry, settings);
  if (!orderEntry) return { kind: 'wait-for-order', reason: 'the order is not in the ledger yet' };
  const posted =
    orderEntry.state === 'POSTED' || orderEntry.state === 'CONFLICT' || orderEntry.document?.posted === true;
  if (settings.documentType === 'salesInvoice' && !posted) {
    return { kind: 'wait-for-order', reason: `the order is ${orderEntry.state}; its invoice is not posted` };
  }
  if (settings.documentType === 'salesOrder' && !bcInvoiceId) {
    return { kind: 'wait-for-order', reason: 'BC has not invoiced the sales order yet' };
  }
  return { kind: 'create', reason: 'the order is invoiced in BC' };
}

function onKnownRefund(entry: RefundLedgerEntry, settings: OrderSyncSettings): RefundAction {
  switch (entry.state) {
    case 'RECEIVED':
    case 'CUSTOMER_RESOLVED':
      return { kind: 'resume', from: entry.state, reason: 'an earlier run stopped here' };
    case 'DOCUMENT_CREATED':
      return settings.postInvoices
        ? { kind: 'resume', from: entry.state, reason: 'the credit memo is created but not posted yet' }
        : { kind: 'noop', reason: 'the credit memo is in BC as a draft' };
    default:
      return { kind: 'noop', reason: `refund already ${entry.state}` };
  }
}
