import { Decimal } from '@mlc/platform-money';
import { dialogError } from '../api/bc-error';
import type { RequestContext } from '../resources/entity-set';
import { stringOf } from '../resources/lookups';
import type { Row, Value } from '../store/table';
import { computeAmounts, DocumentAmounts, LINE_AMOUNT_FIELDS } from './document-calc';
import { linesOf } from './document-header';
import type { DocumentKind } from './document-kind';
import { postItemLedgerEntry } from './item-ledger';

const dec = (v: Value | undefined): Decimal => (v instanceof Decimal ? v : Decimal.ZERO);

/** Lines that post: items and accounts with a quantity. */
export function postableLines(lines: Row[]): Row[] {
  return lines.filter((l) => l.data.lineType !== 'Comment' && !dec(l.data.quantity).isZero());
}

/** The checks BC's posting routine makes before anything is written. */
export function assertPostable(ctx: RequestContext, header: Row, lines: Row[], blockedBy: string[]): void {
  const customer = ctx.company.customers.get(stringOf(header.data.customerId));
  const blocked = stringOf(customer?.data.blocked);
  if (customer && blockedBy.includes(blocked)) {
    throw dialogError(
      `You cannot post this type of document when Customer ${String(customer.data.number)} is blocked with type ${blocked}`,
    );
  }
  if (postableLines(lines).length === 0) throw dialogError('There is nothing to post.');
  for (const line of postableLines(lines)) {
    if (line.data.lineType === 'Item' && stringOf(line.data.itemId) === '') {
      throw dialogError(`No. must have a value in Sales Line: Document No.=${String(header.data.number)}, Line No.=${String(line.data.sequence)}.`);
    }
    const item = ctx.company.items.get(stringOf(line.data.itemId));
    if (item?.data.blocked === true) {
      throw dialogError(`Item ${String(item.data.number)} is blocked.`);
    }
  }
}

/** Amount in local currency for ledgers and customer balances. */
export function toLcy(ctx: RequestContext, header: Row, amount: Decimal): Decimal {
  const currency = stringOf(header.data.currencyCode);
  const rate = currency === '' ? undefined : ctx.env.settings.exchangeRates[currency];
  return rate ? amount.dividedBy(rate).round(2) : amount;
}

/**
 * Turns a draft into a posted document in place (same id, as BC does for invoices and credit memos posted from
 * drafts): amounts are frozen onto the rows, the number comes from the posted series, and what is left to pay is
 * the amount including tax.
 */
export function freezeAsPosted(ctx: RequestContext, kind: DocumentKind, header: Row, extra: Record<string, Value> = {}): DocumentAmounts {
  const lines = linesOf(ctx, kind, header);
  const amounts = computeAmounts(ctx, header, lines);
  if (amounts.totalAmountIncludingTax.isNegative()) {
    throw dialogError(`The total amount for the ${kind.noun} must be 0 or greater.`);
  }
  for (const line of lines) {
    const lineAmounts = amounts.lines.get(line.id);
    const frozen: Record<string, Value> = { posted: true };
    for (const field of LINE_AMOUNT_FIELDS) frozen[field] = lineAmounts?.[field] ?? Decimal.ZERO;
    kind.lines(ctx.company).patch(line, frozen, { silent: true });
  }
  kind.headers(ctx.company).patch(header, {
    posted: true,
    number: ctx.company.series.next(kind.postedSeries!),
    totalAmountExcludingTax: amounts.totalAmountExcludingTax,
    totalTaxAmount: amounts.totalTaxAmount,
    totalAmountIncludingTax: amounts.totalAmountIncludingTax,
    remainingAmount: amounts.totalAmountIncludingTax,
    ...extra,
  });
  return amounts;
}

/** Item ledger entries for the item lines of a posted document (negative quantity leaves stock). */
export function moveStock(
  ctx: RequestContext,
  header: Row,
  lines: Array<{ line: Row; quantity: Decimal; amount: Decimal }>,
  documentType: string,
  documentNumber: string,
): void {
  const customer = ctx.company.customers.get(stringOf(header.data.customerId));
  for (const { line, quantity, amount } of lines) {
    const item = ctx.company.items.get(stringOf(line.data.itemId));
    if (!item || item.data.type !== 'Inventory' || quantity.isZero()) continue;
    postItemLedgerEntry(ctx, item, {
      entryType: 'Sale',
      quantity,
      postingDate: stringOf(header.data.postingDate) || ctx.env.today(),
      documentType,
      documentNumber,
      sourceType: 'Customer',
      sourceNumber: stringOf(customer?.data.number),
      description: stringOf(line.data.description),
      salesAmount: toLcy(ctx, header, amount),
    });
  }
}

/** Customer "Balance Due" is a FlowField: it moves without modifying (or notifying) the customer. */
export function addToBalance(ctx: RequestContext, header: Row, amount: Decimal): void {
  const customer = ctx.company.customers.get(stringOf(header.data.billToCustomerId) || stringOf(header.data.customerId));
  if (!customer) return;
  const balance = dec(customer.data.balanceDue).plus(toLcy(ctx, header, amount));
  ctx.company.customers.patch(customer, { balanceDue: balance }, { silent: true });
}
