import { Decimal } from '@mlc/platform-money';
import type { StoreOrder } from '../model/store-order';
import type { OrderSyncSettings } from '../settings/order-sync-settings';
import { ParkSignal, lineAmount, type BuildLog } from './build-context';
import { optionalTaxCode } from './item-lines';
import type { DocumentLine } from './sales-document';
import { taxCodeFor } from './tax-codes';
import { fmt } from './format-amount';

type DraftLine = Omit<DocumentLine, 'sequence'>;

export interface BalancedLines {
  readonly lines: DraftLine[];
  readonly expectedDocumentTotal: Decimal | null;
}

/**
 * Closes the document against the store's totals.
 *
 * store-tax-line: the lines are not taxable in BC, so the document total is the sum of BC's rounded line amounts plus
 * one tax line. The tax line is the store's `total_inc_tax` minus those amounts: it equals the store's `total_tax`
 * except for the cents that per-line rounding of ex-tax amounts moves (always the case with tax-inclusive prices,
 * whose ex-tax figures are the store's 4-place estimates). That difference is recorded; beyond `totalsTolerance` the
 * order is parked, because the lines then do not describe the store's order (for example an unmapped fee).
 *
 * bc-calculates: BC computes the tax, so only the ex-tax side can be checked here: the lines must add up to the
 * store's `total_ex_tax` within the tolerance. BC's totals are compared after creation (totals.ts).
 */
export function balanceTotals(
  order: StoreOrder,
  settings: OrderSyncSettings,
  lines: DraftLine[],
  log: BuildLog,
): BalancedLines {
  const tolerance = Decimal.parse(settings.totalsTolerance);
  const net = Decimal.sum(lines.map(lineAmount));
  if (settings.taxMode === 'bc-calculates') {
    checkExTaxSide(order, net, tolerance, log);
    return { lines, expectedDocumentTotal: null };
  }
  const taxLine = storeTaxAmount(order, net, tolerance, log);
  if (taxLine.isZero()) return { lines, expectedDocumentTotal: net };
  const taxDraft: DraftLine = {
    lineType: 'Account',
    accountId: log.accountId('storeTax', 'store-tax-line mode'),
    description: 'Sales tax collected by the store',
    quantity: Decimal.from(1),
    unitPrice: taxLine,
    ...optionalTaxCode(taxCodeFor(settings, 'store-tax')),
    source: { kind: 'store-tax' },
  };
  return { lines: [...lines, taxDraft], expectedDocumentTotal: net.plus(taxLine) };
}

function checkExTaxSide(order: StoreOrder, net: Decimal, tolerance: Decimal, log: BuildLog): void {
  const storeExTax = order.totals.totalExTax;
  const residual = storeExTax.minus(net);
  log.note('TAX_MODE', `bc-calculates: lines are taxable in BC; their ex-tax sum is ${net.toFixed(2)}`);
  if (residual.abs().gt(tolerance)) {
    throw new ParkSignal(
      'UNEXPLAINED_DIFFERENCE',
      `lines sum to ${net.toFixed(2)} ex tax, the store's total_ex_tax is ${fmt(storeExTax)}`,
    );
  }
  if (!residual.isZero()) {
    const why = `differs from the lines by ${fmt(residual)} (per-line rounding), within tolerance`;
    log.note('ROUNDING', `store total_ex_tax ${fmt(storeExTax)} ${why}`);
  }
}

/** total_inc_tax minus the lines, checked against the store's total_tax. */
function storeTaxAmount(order: StoreOrder, net: Decimal, tolerance: Decimal, log: BuildLog): Decimal {
  const { totalIncTax, totalTax } = order.totals;
  const storeTax = totalTax.round(2);
  const taxLine = totalIncTax.round(2).minus(net);
  const drift = taxLine.minus(storeTax);
  log.note('TAX_MODE', 'store-tax-line: lines not taxable in BC; store tax goes to accounts.storeTax');
  if (drift.abs().gt(tolerance)) {
    throw new ParkSignal(
      'UNEXPLAINED_DIFFERENCE',
      `lines sum to ${net.toFixed(2)}; total_inc_tax ${fmt(totalIncTax)} leaves ${taxLine.toFixed(2)} for tax but the store charged ${storeTax.toFixed(2)}`,
    );
  }
  const storeTaxText = `store total_tax ${fmt(totalTax)}`;
  log.note(
    'TAX_LINE',
    taxLine.isZero()
      ? `no tax line: total_inc_tax ${fmt(totalIncTax)} = lines ${net.toFixed(2)} (${storeTaxText})`
      : `tax line = total_inc_tax ${fmt(totalIncTax)} - lines ${net.toFixed(2)} = ${taxLine.toFixed(2)} (${storeTaxText})`,
  );
  if (!drift.isZero()) {
    const why = `by ${drift.toFixed(2)}: per-line rounding of ex-tax amounts`;
    log.note('ROUNDING', `tax line differs from the store's total_tax (${storeTax.toFixed(2)} at 2 places) ${why}`);
  }
  return taxLine;
}
