import { Decimal } from '@mlc/platform-money';
import { dialogError } from '../api/bc-error';
import { EMPTY_GUID } from '../model/field-def';
import { Entity, projectRow, RequestContext, WriteInput } from '../resources/entity-set';
import { apiCurrencyCode, apiCurrencyId, idRefInput, resolveCurrencyInput, stringOf } from '../resources/lookups';
import type { Row, Value } from '../store/table';
import { applyDateFormula } from './date-formula';
import { computeAmounts, DocumentAmounts, frozenAmounts } from './document-calc';
import { billToDefaults, resolveCustomer, sellToDefaults } from './document-customer';
import type { DocumentKind } from './document-kind';

/** Body fields the code below handles itself instead of storing them as sent. */
const SPECIAL = new Set([
  'customerId',
  'customerNumber',
  'billToCustomerId',
  'billToCustomerNumber',
  'currencyCode',
  'currencyId',
  'paymentTermsId',
  'shipmentMethodId',
  'pricesIncludeTax',
  'fullyShipped',
  'invoiceId',
  'invoiceNumber',
]);

export function linesOf(ctx: RequestContext, kind: DocumentKind, header: Row): Row[] {
  return kind
    .lines(ctx.company)
    .groupOf('documentId', header.id)
    .sort((a, b) => Number(a.data.sequence) - Number(b.data.sequence));
}

/** Amounts of a document: computed live for drafts, frozen at posting for posted documents. */
export function amountsOf(ctx: RequestContext, kind: DocumentKind, header: Row): DocumentAmounts {
  const key = `amounts:${kind.headerSet}:${header.id}:${header.version}`;
  const cached = ctx.memo.get(key) as DocumentAmounts | undefined;
  if (cached) return cached;
  const lines = linesOf(ctx, kind, header);
  const amounts = header.data.posted === true ? frozenAmounts(header, lines) : computeAmounts(ctx, header, lines);
  ctx.memo.set(key, amounts);
  return amounts;
}

export function assertDraft(kind: DocumentKind, header: Row): void {
  if (header.data.posted === true) {
    throw dialogError(`The ${kind.noun} has been posted and can no longer be modified.`);
  }
}

function fieldChanges(ctx: RequestContext, kind: DocumentKind, input: WriteInput, header?: Row): Record<string, Value> {
  const changes: Record<string, Value> = {};
  const customer = resolveCustomer(ctx, input, 'sell-to', !header);
  if (customer && customer.id !== header?.data.customerId) Object.assign(changes, sellToDefaults(ctx, customer));
  const billTo = resolveCustomer(ctx, input, 'bill-to', false);
  if (billTo) Object.assign(changes, billToDefaults(billTo));
  for (const [key, value] of input.values) if (!SPECIAL.has(key)) changes[key] = value;
  const currency = resolveCurrencyInput(ctx, input, 'Sales Header');
  if (currency !== undefined) changes.currencyCode = currency;
  const terms = idRefInput(input, 'paymentTermsId', ctx.company.paymentTerms, 'Payment Terms');
  if (terms !== undefined) changes.paymentTermsId = terms;
  const shipment = idRefInput(input, 'shipmentMethodId', ctx.company.shipmentMethods, 'Shipment Method');
  if (shipment !== undefined) changes.shipmentMethodId = shipment;
  if (input.values.get('pricesIncludeTax') === true) {
    throw dialogError('The "pricesIncludeTax" cannot be set to true if VAT Calculation Type is Sales Tax.');
  }
  const discount = changes.discountAmount;
  if (discount instanceof Decimal && discount.isNegative()) {
    throw dialogError('The invoice discount amount must be positive.');
  }
  if (kind.kind === 'creditMemo') Object.assign(changes, appliesTo(ctx, input));
  return changes;
}

/** A credit memo's applies-to invoice: it must be a posted invoice. */
function appliesTo(ctx: RequestContext, input: WriteInput): Record<string, Value> {
  const id = input.values.get('invoiceId') as string | undefined;
  const number = input.values.get('invoiceNumber') as string | undefined;
  if (id === undefined && number === undefined) return {};
  if (id === EMPTY_GUID || number === '') return { invoiceId: '', invoiceNumber: '' };
  const byId = id !== undefined ? ctx.company.salesInvoices.get(id) : undefined;
  const byNumber = number !== undefined ? ctx.company.salesInvoices.findBy('number', number) : undefined;
  const invoice = byId ?? byNumber;
  if (!invoice || invoice.data.posted !== true || (byId && byNumber && byId !== byNumber)) {
    throw dialogError(`The "${id !== undefined ? 'invoiceId' : 'invoiceNumber'}" does not match to a posted Sales Invoice.`);
  }
  return { invoiceId: invoice.id, invoiceNumber: String(invoice.data.number) };
}

function withDates(ctx: RequestContext, kind: DocumentKind, data: Record<string, Value>): Record<string, Value> {
  const today = ctx.env.today();
  const documentDate = typeof data[kind.dateField] === 'string' ? (data[kind.dateField] as string) : today;
  const result = { ...data, [kind.dateField]: documentDate };
  if (typeof result.postingDate !== 'string') result.postingDate = today;
  if (kind.kind !== 'order' && typeof result.dueDate !== 'string') {
    const terms = ctx.company.paymentTerms.get(stringOf(result.paymentTermsId));
    result.dueDate = applyDateFormula(documentDate, stringOf(terms?.data.dueDateCalculation) || '0D');
  }
  return result;
}

export function createHeader(ctx: RequestContext, kind: DocumentKind, input: WriteInput): Row {
  const changes = withDates(ctx, kind, fieldChanges(ctx, kind, input));
  return kind.headers(ctx.company).insert({
    discountAmount: Decimal.ZERO,
    ...changes,
    number: ctx.company.series.next(kind.draftSeries),
    posted: false,
  });
}

export function updateHeader(ctx: RequestContext, kind: DocumentKind, header: Row, input: WriteInput): void {
  assertDraft(kind, header);
  kind.headers(ctx.company).patch(header, fieldChanges(ctx, kind, input, header));
  assertDiscountFits(ctx, kind, header);
}

/** The header invoice discount cannot exceed the lines' amount. */
export function assertDiscountFits(ctx: RequestContext, kind: DocumentKind, header: Row): void {
  const discount = header.data.discountAmount;
  if (!(discount instanceof Decimal) || discount.isZero()) return;
  const { linesBeforeDiscount } = amountsOf(ctx, kind, header);
  if (discount.gt(linesBeforeDiscount)) {
    throw dialogError(`The invoice discount amount cannot be greater than ${linesBeforeDiscount.toFixed(2)}.`);
  }
}

export function deleteHeader(ctx: RequestContext, kind: DocumentKind, header: Row): void {
  if (header.data.posted === true) {
    throw dialogError(`The ${kind.noun} has been posted and can no longer be deleted.`);
  }
  for (const line of linesOf(ctx, kind, header)) kind.lines(ctx.company).delete(line);
  kind.headers(ctx.company).delete(header);
}

function statusOf(kind: DocumentKind, header: Row): string {
  if (kind.kind === 'order' || header.data.posted !== true) return 'Draft';
  if (header.data.canceled === true) return 'Canceled';
  if (header.data.corrective === true) return 'Corrective';
  const remaining = header.data.remainingAmount;
  return remaining instanceof Decimal && remaining.isZero() ? 'Paid' : 'Open';
}

export function projectHeader(ctx: RequestContext, kind: DocumentKind, header: Row): Entity {
  const amounts = amountsOf(ctx, kind, header);
  const customer = ctx.company.customers.get(stringOf(header.data.customerId));
  const billTo = ctx.company.customers.get(stringOf(header.data.billToCustomerId));
  const computed: Record<string, Value> = {
    customerNumber: stringOf(customer?.data.number),
    billToCustomerNumber: stringOf(billTo?.data.number),
    currencyCode: apiCurrencyCode(header.data.currencyCode),
    currencyId: apiCurrencyId(ctx, header.data.currencyCode),
    pricesIncludeTax: false,
    discountAppliedBeforeTax: true,
    totalAmountExcludingTax: amounts.totalAmountExcludingTax,
    totalTaxAmount: amounts.totalTaxAmount,
    totalAmountIncludingTax: amounts.totalAmountIncludingTax,
    status: statusOf(kind, header),
  };
  if (kind.kind === 'invoice') {
    const remaining = header.data.remainingAmount;
    computed.remainingAmount = remaining instanceof Decimal ? remaining : amounts.totalAmountIncludingTax;
  }
  if (kind.kind === 'order') {
    const lines = linesOf(ctx, kind, header).filter((l) => l.data.lineType !== 'Comment');
    computed.fullyShipped =
      lines.length > 0 && lines.every((l) => (l.data.shippedQuantity as Decimal).eq(l.data.quantity as Decimal));
  }
  return projectRow(kind.headerFields, header, computed);
}
