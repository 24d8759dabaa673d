import { BC_LENGTHS, bcText } from './documents/bc-text';
import { BuildLog, ParkSignal, numberLines, type BcDocumentContext } from './documents/build-context';
import { buildChargeLines } from './documents/charge-lines';
import { buildItemLines, type ResolvedItems } from './documents/item-lines';
import { buildOrderHeader } from './documents/order-header';
import type { DocumentLine, DocumentPayment, SalesDocumentResult } from './documents/sales-document';
import { balanceTotals } from './documents/tax-balance';
import type { StoreOrder } from './model/store-order';
import type { OrderSyncSettings } from './settings/order-sync-settings';

/** The BC customer the order goes to (customer-rules.ts decides which). */
export interface DocumentCustomer {
  readonly id: string;
  readonly number: string;
}

/**
 * Builds the BC sales invoice or sales order for one store order: pure, deterministic, and explained.
 *
 * Lines, in order: pickup notes (Comment), products (Item, ex-tax unit prices, discounts as line discounts), sold gift
 * certificates (liability account), order-level discount line (only with `accounts.discounts`), shipping per
 * consignment, handling, wrapping (G/L accounts), and in store-tax-line mode the store's tax (G/L account).
 * Redeemed gift certificates and store credit are payments, never lines: the document total stays the order total.
 *
 * Anything that would make the document wrong (a currency BC lacks, an account that is not configured or not in BC,
 * an unresolved SKU, lines that do not add up to the store's totals) returns `parked` with the reason; nothing throws.
 */
export function mapOrderToSalesDocument(
  order: StoreOrder,
  settings: OrderSyncSettings,
  customer: DocumentCustomer,
  items: ResolvedItems,
  context: BcDocumentContext,
): SalesDocumentResult {
  const log = new BuildLog(settings, context);
  try {
    log.note('DOCUMENT_TYPE', documentTypeNote(settings));
    const header = buildOrderHeader(order, settings, customer.id, context, log);
    const body = [...buildItemLines(order, settings, items, log), ...buildChargeLines(order, settings, log)];
    if (body.length === 0) throw new ParkSignal('NO_LINES', `order ${order.id} has no line with a quantity or amount`);
    const balanced = balanceTotals(order, settings, body, log);
    return {
      kind: 'draft',
      documentType: settings.documentType,
      post: settings.documentType === 'salesInvoice' && settings.postInvoices,
      header,
      lines: numberLines([...pickupComments(order), ...balanced.lines]),
      payments: payments(order, log),
      totals: { storeTotalIncTax: order.totals.totalIncTax, expectedDocumentTotal: balanced.expectedDocumentTotal },
      explanation: log.decisions,
    };
  } catch (err) {
    if (err instanceof ParkSignal)
      return { kind: 'parked', reason: err.reason, detail: err.detail, explanation: log.decisions };
    throw err;
  }
}

function documentTypeNote(settings: OrderSyncSettings): string {
  if (settings.documentType === 'salesOrder')
    return 'salesOrder: BC ships and invoices it; not posted by the connector';
  return settings.postInvoices
    ? 'salesInvoice, posted after creation'
    : 'salesInvoice, left as a draft (postInvoices is false)';
}

function pickupComments(order: StoreOrder): Omit<DocumentLine, 'sequence'>[] {
  return order.pickupConsignments.map((p) => ({
    lineType: 'Comment',
    description: bcText(
      `Pickup: ${p.methodName || 'pickup'} at ${[p.locationName, p.locationCode && `(${p.locationCode})`].filter(Boolean).join(' ')}`,
      BC_LENGTHS.description,
    ),
    source: { kind: 'comment' },
  }));
}

function payments(order: StoreOrder, log: BuildLog): DocumentPayment[] {
  const result: DocumentPayment[] = [];
  const { giftCertificateAmount, storeCreditAmount } = order.payments;
  if (!giftCertificateAmount.isZero()) {
    result.push({ kind: 'gift-certificate', amount: giftCertificateAmount });
    log.note(
      'PAYMENT_NOT_A_LINE',
      `gift certificate redemption ${giftCertificateAmount.toFixed(2)} is a payment, not a line`,
    );
  }
  if (!storeCreditAmount.isZero()) {
    result.push({ kind: 'store-credit', amount: storeCreditAmount });
    log.note('PAYMENT_NOT_A_LINE', `store credit redemption ${storeCreditAmount.toFixed(2)} is a payment, not a line`);
  }
  return result;
}
