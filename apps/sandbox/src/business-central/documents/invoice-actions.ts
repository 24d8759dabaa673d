import { Decimal } from '@mlc/platform-money';
import { dialogError } from '../api/bc-error';
import type { RequestContext } from '../resources/entity-set';
import { stringOf } from '../resources/lookups';
import type { Row, Value } from '../store/table';
import type { DocumentAmounts } from './document-calc';
import { copyDocument } from './document-copy';
import { linesOf } from './document-header';
import { CREDIT_MEMO, INVOICE } from './document-kind';
import { addToBalance, assertPostable, freezeAsPosted, moveStock, postableLines } from './posting';

const dec = (v: Value | undefined): Decimal => (v instanceof Decimal ? v : Decimal.ZERO);

function stockLines(lines: Row[], amounts: DocumentAmounts, sign: 1 | -1) {
  return postableLines(lines).map((line) => ({
    line,
    quantity: sign === 1 ? dec(line.data.quantity) : dec(line.data.quantity).negated(),
    amount: amounts.lines.get(line.id)?.netAmount ?? Decimal.ZERO,
  }));
}

/** `Microsoft.NAV.post` on a sales invoice: drafts only; the id stays, the number changes, stock moves silently. */
export function postInvoice(ctx: RequestContext, invoice: Row): void {
  if (invoice.data.posted === true) throw dialogError('The action can be applied to a draft invoice only.');
  const lines = linesOf(ctx, INVOICE, invoice);
  assertPostable(ctx, invoice, lines, ['Invoice', 'All']);
  const amounts = freezeAsPosted(ctx, INVOICE, invoice);
  moveStock(ctx, invoice, stockLines(lines, amounts, -1), 'Sales Invoice', String(invoice.data.number));
  addToBalance(ctx, invoice, amounts.totalAmountIncludingTax);
}

/** `Microsoft.NAV.post` on a sales credit memo: returns stock and is applied to its invoice when it names one. */
export function postCreditMemo(ctx: RequestContext, memo: Row): void {
  if (memo.data.posted === true) throw dialogError('The action can be applied to a draft credit memo only.');
  const lines = linesOf(ctx, CREDIT_MEMO, memo);
  assertPostable(ctx, memo, lines, ['Invoice', 'All']);
  const amounts = freezeAsPosted(ctx, CREDIT_MEMO, memo);
  moveStock(ctx, memo, stockLines(lines, amounts, 1), 'Sales Credit Memo', String(memo.data.number));
  addToBalance(ctx, memo, amounts.totalAmountIncludingTax.negated());
  applyToInvoice(ctx, memo, amounts.totalAmountIncludingTax);
}

/** Closes as much of the applied-to invoice as the credit memo covers; a fully closed invoice shows "Paid". */
function applyToInvoice(ctx: RequestContext, memo: Row, total: Decimal): void {
  const invoice = ctx.company.salesInvoices.get(stringOf(memo.data.invoiceId));
  if (!invoice || invoice.data.posted !== true) return;
  const applied = Decimal.min(total, dec(invoice.data.remainingAmount));
  ctx.company.salesInvoices.patch(invoice, { remainingAmount: dec(invoice.data.remainingAmount).minus(applied) });
  ctx.company.salesCreditMemos.patch(memo, { remainingAmount: total.minus(applied) });
}

function assertPosted(invoice: Row): void {
  if (invoice.data.posted !== true) throw dialogError('The action can be applied to a posted invoice only.');
}

/** `Microsoft.NAV.cancel`: a posted, unpaid invoice is reversed by a posted corrective credit memo. */
export function cancelInvoice(ctx: RequestContext, invoice: Row): void {
  assertPosted(invoice);
  if (invoice.data.canceled === true) throw dialogError('The invoice has already been canceled.');
  if (!dec(invoice.data.remainingAmount).eq(dec(invoice.data.totalAmountIncludingTax))) {
    throw dialogError('You cannot cancel this posted sales invoice because it is fully or partially paid.');
  }
  const memo = copyDocument(ctx, INVOICE, invoice, CREDIT_MEMO, {
    header: { invoiceId: invoice.id, invoiceNumber: String(invoice.data.number) },
  });
  ctx.company.salesCreditMemos.patch(memo, { discountAmount: dec(invoice.data.discountAmount) });
  const lines = linesOf(ctx, CREDIT_MEMO, memo);
  const amounts = freezeAsPosted(ctx, CREDIT_MEMO, memo, { corrective: true, remainingAmount: Decimal.ZERO });
  moveStock(ctx, memo, stockLines(lines, amounts, 1), 'Sales Credit Memo', String(memo.data.number));
  addToBalance(ctx, memo, amounts.totalAmountIncludingTax.negated());
  ctx.company.salesInvoices.patch(invoice, { canceled: true, remainingAmount: Decimal.ZERO });
}

/** `Microsoft.NAV.makeCorrectiveCreditMemo`: a draft credit memo copying a posted invoice, applied to it. */
export function makeCorrectiveCreditMemo(ctx: RequestContext, invoice: Row): void {
  assertPosted(invoice);
  const memo = copyDocument(ctx, INVOICE, invoice, CREDIT_MEMO, {
    header: { invoiceId: invoice.id, invoiceNumber: String(invoice.data.number) },
  });
  ctx.company.salesCreditMemos.patch(memo, { discountAmount: dec(invoice.data.discountAmount) });
}

/** `Microsoft.NAV.send`: e-mailing is outside the simulation; it only requires what posting would. */
export function sendInvoice(ctx: RequestContext, invoice: Row): void {
  if (invoice.data.posted !== true) postInvoice(ctx, invoice);
}
