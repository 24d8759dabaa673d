import type { CreditMemoDraft } from './credit-memo';
import type { DocumentLine, SalesDocumentDraft } from './sales-document';

/** A JSON body for BC: money as JSON numbers (already rounded to BC's precision, so they print exactly). */
export type BcPayload = Record<string, string | number | boolean | BcPayload[]>;

/**
 * The deep-insert body for `POST companies({id})/salesInvoices` or `/salesOrders` (header with its lines in one
 * request). Sales orders also get `pricesIncludeTax: false` because the unit prices are ex tax; on sales invoices
 * that field is read-only and follows the customer.
 */
export function toSalesDocumentPayload(draft: SalesDocumentDraft): BcPayload {
  const { documentDate, ...header } = draft.header;
  const lines = draft.lines.map(toLinePayload);
  if (draft.documentType === 'salesOrder') {
    return { ...header, orderDate: documentDate, pricesIncludeTax: false, salesOrderLines: lines };
  }
  return { ...header, invoiceDate: documentDate, salesInvoiceLines: lines };
}

/** The deep-insert body for `POST companies({id})/salesCreditMemos`. */
export function toCreditMemoPayload(draft: CreditMemoDraft): BcPayload {
  const { documentDate, ...header } = draft.header;
  return { ...header, creditMemoDate: documentDate, salesCreditMemoLines: draft.lines.map(toLinePayload) };
}

/** One line with BC field names; the audit-only `source` stays behind. */
export function toLinePayload(line: DocumentLine): BcPayload {
  const payload: BcPayload = { sequence: line.sequence, lineType: line.lineType };
  if (line.itemId) payload['itemId'] = line.itemId;
  if (line.accountId) payload['accountId'] = line.accountId;
  payload['description'] = line.description;
  if (line.description2) payload['description2'] = line.description2;
  if (line.quantity) payload['quantity'] = line.quantity.toWireNumber();
  if (line.unitPrice) payload['unitPrice'] = line.unitPrice.toWireNumber();
  if (line.discountAmount) payload['discountAmount'] = line.discountAmount.toWireNumber();
  if (line.taxCode) payload['taxCode'] = line.taxCode;
  return payload;
}
