import {
  toCreditMemoPayload,
  toSalesDocumentPayload,
  type BcPayload,
  type CreditMemoDraft,
  type SalesDocumentDraft,
  type StoreOrder,
} from '@mlc/orders';
import type { BcDocumentInput } from '../bc/document-ops';
import type { LineMapEntry } from '../persistence/order-ledger.repository';

/**
 * The adapter's create input from the domain's payload (`toSalesDocumentPayload`, `toCreditMemoPayload`): the body
 * BC receives is the domain's, field for field; only the deep-insert lines move under `lines`, where the adapter
 * expects them (it puts them back under `salesInvoiceLines` / `salesOrderLines` / `salesCreditMemoLines`).
 */
export function salesDocumentInput(draft: SalesDocumentDraft): BcDocumentInput {
  const { salesInvoiceLines, salesOrderLines, ...header } = toSalesDocumentPayload(draft);
  return withLines(header, draft.documentType === 'salesOrder' ? salesOrderLines : salesInvoiceLines);
}

export function creditMemoInput(draft: CreditMemoDraft): BcDocumentInput {
  const { salesCreditMemoLines, ...header } = toCreditMemoPayload(draft);
  return withLines(header, salesCreditMemoLines);
}

function withLines(header: BcPayload, lines: BcPayload[keyof BcPayload] | undefined): BcDocumentInput {
  if (!Array.isArray(lines)) throw new TypeError('the domain payload has no document lines');
  // Plain JSON with BC field names and wire numbers; the adapter sends numbers as they are.
  return { ...header, lines } as unknown as BcDocumentInput;
}

/** Which store SKU each product line of the document carries, by BC line sequence. */
export function productLineMap(draft: SalesDocumentDraft, order: StoreOrder): LineMapEntry[] {
  const skuOf = new Map(order.lines.map((l) => [l.id, l.sku]));
  return draft.lines.flatMap((line) =>
    line.source.kind === 'product' ? [{ sequence: line.sequence, sku: skuOf.get(line.source.storeLineId) ?? '' }] : [],
  );
}
