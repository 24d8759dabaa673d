import { Decimal } from '@mlc/platform-money';
import type { RequestContext } from '../resources/entity-set';
import type { Row, Value } from '../store/table';
import { LINE_AMOUNT_FIELDS } from './document-calc';
import { linesOf } from './document-header';
import type { DocumentKind } from './document-kind';

const HEADER_STATE = new Set([
  'number',
  'posted',
  'remainingAmount',
  'totalAmountExcludingTax',
  'totalTaxAmount',
  'totalAmountIncludingTax',
  'canceled',
  'corrective',
  'orderId',
  'orderNumber',
  'invoiceId',
  'invoiceNumber',
  'orderDate',
  'invoiceDate',
  'creditMemoDate',
  'dueDate',
  'discountAmount',
]);
const LINE_STATE = new Set<string>([
  'documentId',
  'posted',
  'shippedQuantity',
  'invoicedQuantity',
  'shipQuantity',
  'invoiceQuantity',
  ...LINE_AMOUNT_FIELDS,
]);

export interface CopyOptions {
  readonly header: Record<string, Value>;
  /** Quantity to copy per source line id; lines not listed are copied whole, lines at zero are skipped. */
  readonly quantities?: Map<string, Decimal>;
}

/**
 * Creates a new draft document from another one (order to invoice, invoice to corrective credit memo): customer,
 * addresses, currency and tax setup carry over; line discounts follow the copied share of each line.
 */
export function copyDocument(
  ctx: RequestContext,
  fromKind: DocumentKind,
  from: Row,
  toKind: DocumentKind,
  options: CopyOptions,
): Row {
  const today = ctx.env.today();
  const data: Record<string, Value> = {};
  for (const [key, value] of Object.entries(from.data)) if (!HEADER_STATE.has(key)) data[key] = value;
  const header = toKind.headers(ctx.company).insert({
    ...data,
    [toKind.dateField]: today,
    postingDate: today,
    dueDate: typeof from.data.dueDate === 'string' ? from.data.dueDate : today,
    discountAmount: Decimal.ZERO,
    number: ctx.company.series.next(toKind.draftSeries),
    posted: false,
    ...options.header,
  });
  for (const line of linesOf(ctx, fromKind, from)) {
    const full = line.data.quantity instanceof Decimal ? line.data.quantity : Decimal.ZERO;
    const quantity = options.quantities?.get(line.id) ?? full;
    if (options.quantities && quantity.isZero() && line.data.lineType !== 'Comment') continue;
    const copy: Record<string, Value> = {};
    for (const [key, value] of Object.entries(line.data)) if (!LINE_STATE.has(key)) copy[key] = value;
    const discount = line.data.discountAmount instanceof Decimal ? line.data.discountAmount : Decimal.ZERO;
    const share = full.isZero() ? Decimal.ZERO : discount.times(quantity).dividedBy(full).round(2);
    toKind.lines(ctx.company).insert({ ...copy, documentId: header.id, quantity, discountAmount: share });
  }
  return header;
}
