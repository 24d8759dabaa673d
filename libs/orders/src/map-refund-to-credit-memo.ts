import { Decimal } from '@mlc/platform-money';
import { BC_LENGTHS } from './documents/bc-text';
import { BuildLog, ParkSignal, lineAmount, numberLines, type BcDocumentContext } from './documents/build-context';
import type { CreditMemoHeader, CreditMemoResult } from './documents/credit-memo';
import type { ResolvedItems } from './documents/item-lines';
import { orderExternalDocumentNumber } from './documents/order-header';
import type { DocumentLine } from './documents/sales-document';
import { taxCodeFor } from './documents/tax-codes';
import { localDate } from './model/dates';
import type { StoreOrder } from './model/store-order';
import type { StoreRefund } from './model/store-refund';
import { accountLine, buildRefundLines } from './refunds/refund-lines';
import type { OrderSyncSettings } from './settings/order-sync-settings';

type DraftLine = Omit<DocumentLine, 'sequence'>;

/** What the adapter knows about the order's BC side when a refund is mapped. */
export interface RefundDocumentContext extends BcDocumentContext {
  /** The BC invoice of the order (posted invoice in invoice mode; the invoice BC made from the sales order otherwise). */
  readonly invoiceId: string;
  /** The BC customer of that invoice. */
  readonly customerId: string;
}

/** The credit memo's key in BC: prefix + order id + "-R" + refund id, uppercase (Code[35]). */
export function refundExternalDocumentNumber(settings: OrderSyncSettings, orderId: number, refundId: number): string {
  return `${orderExternalDocumentNumber(settings, orderId)}-R${refundId}`;
}

/**
 * One refund -> one BC sales credit memo applied to the order's invoice, pure and explained.
 *
 * The memo must total what the shopper got back (`total_amount`). Lines are priced from the order (refund-lines.ts);
 * in store-tax-line mode the refund's `total_tax` is one G/L line that also carries per-line rounding cents, as on
 * the invoice. If the lines miss the refund by more than `totalsTolerance`: a merchant-override refund becomes one
 * amount line (its items do not price it), any other refund is parked as REFUND_UNRECONCILED.
 */
export function mapRefundToCreditMemo(
  refund: StoreRefund,
  order: StoreOrder,
  settings: OrderSyncSettings,
  items: ResolvedItems,
  context: RefundDocumentContext,
): CreditMemoResult {
  const log = new BuildLog(settings, context);
  try {
    const declined = refund.payments.filter((p) => p.declined);
    if (declined.length > 0)
      throw new ParkSignal('REFUND_PAYMENT_DECLINED', `${declined.length} refund payment(s) declined by the provider`);
    const header = creditMemoHeader(refund, order, settings, context, log);
    const itemised = buildRefundLines(refund, order, settings, items, log);
    const lines = reconcile(refund, itemised, settings, log);
    if (lines.length === 0) throw new ParkSignal('NO_LINES', `refund ${refund.id} has nothing to credit`);
    const expected = settings.taxMode === 'store-tax-line' ? Decimal.sum(lines.map(lineAmount)) : null;
    return {
      kind: 'draft',
      post: settings.postInvoices,
      header,
      lines: numberLines(lines),
      totals: { refundTotal: refund.totalAmount, expectedDocumentTotal: expected },
      explanation: log.decisions,
    };
  } catch (err) {
    if (err instanceof ParkSignal)
      return { kind: 'parked', reason: err.reason, detail: err.detail, explanation: log.decisions };
    throw err;
  }
}

function creditMemoHeader(
  refund: StoreRefund,
  order: StoreOrder,
  settings: OrderSyncSettings,
  context: RefundDocumentContext,
  log: BuildLog,
): CreditMemoHeader {
  const externalDocumentNumber = refundExternalDocumentNumber(settings, order.id, refund.id);
  if (externalDocumentNumber.length > BC_LENGTHS.externalDocumentNumber) {
    throw new ParkSignal('EXTERNAL_DOCUMENT_NUMBER_TOO_LONG', `"${externalDocumentNumber}" exceeds 35 characters`);
  }
  log.note(
    'EXTERNAL_DOCUMENT_NUMBER',
    `externalDocumentNumber ${externalDocumentNumber} = prefix + order id + "-R" + refund id`,
  );
  log.note('APPLIES_TO_INVOICE', `applied to the order's BC invoice ${context.invoiceId}`);
  const date = localDate(refund.createdAt, settings.timeZone);
  log.note(
    'DOCUMENT_DATE',
    `refund created ${refund.createdAt}; credit memo and posting date ${date} in ${settings.timeZone}`,
  );
  const code = order.currency.transactional;
  const local = context.localCurrencyCode.toUpperCase();
  if (code !== local && !context.bcCurrencyCodes.map((c) => c.toUpperCase()).includes(code)) {
    throw new ParkSignal(
      'CURRENCY_NOT_IN_BC',
      `the order is in ${code}, which BC's currencies do not have (local ${local})`,
    );
  }
  const base = {
    externalDocumentNumber,
    documentDate: date,
    postingDate: date,
    customerId: context.customerId,
    invoiceId: context.invoiceId,
  };
  return code === local ? base : { ...base, currencyCode: code };
}

function reconcile(refund: StoreRefund, lines: DraftLine[], settings: OrderSyncSettings, log: BuildLog): DraftLine[] {
  const tolerance = Decimal.parse(settings.totalsTolerance);
  const net = Decimal.sum(lines.map(lineAmount));
  const storeTax = refund.totalTax.round(2);
  const refundNet = refund.totalAmount.minus(storeTax);
  const drift = refundNet.minus(net);
  if (drift.abs().gt(tolerance)) {
    if (!refund.usesMerchantOverride) {
      throw new ParkSignal(
        'REFUND_UNRECONCILED',
        `refund lines price to ${net.toFixed(2)} ex tax but the refund is ${refund.totalAmount.toFixed(2)} with tax ${storeTax.toFixed(2)}`,
      );
    }
    log.note(
      'REFUND_OVERRIDE',
      `merchant-calculated refund: one line of ${refundNet.toFixed(2)} ex tax on accounts.refunds instead of itemised lines`,
    );
    const override = accountLine(
      log.accountId('refunds', 'a merchant-calculated refund'),
      'Refund (merchant-calculated)',
      refundNet,
      taxCodeFor(settings, 'item'),
      { kind: 'refund-amount' },
    );
    return withTaxLine(refund, [override], settings, log);
  }
  if (!drift.isZero())
    log.note(
      'ROUNDING',
      `lines differ from the refund's ex-tax amount ${refundNet.toFixed(2)} by ${drift.toFixed(2)} (per-line rounding)`,
    );
  return withTaxLine(refund, lines, settings, log);
}

function withTaxLine(refund: StoreRefund, lines: DraftLine[], settings: OrderSyncSettings, log: BuildLog): DraftLine[] {
  if (settings.taxMode === 'bc-calculates') {
    log.note(
      'TAX_MODE',
      `bc-calculates: BC computes the credit memo's tax (the store refunded ${refund.totalTax.toFixed(2)})`,
    );
    return lines;
  }
  const net = Decimal.sum(lines.map(lineAmount));
  const taxLine = refund.totalAmount.minus(net);
  log.note(
    'TAX_LINE',
    `tax line = refund total ${refund.totalAmount.toFixed(2)} - lines ${net.toFixed(2)} = ${taxLine.toFixed(2)} (refund total_tax ${refund.totalTax.toFixed(2)})`,
  );
  if (taxLine.isZero()) return lines;
  const tax = accountLine(
    log.accountId('storeTax', 'store-tax-line mode'),
    'Sales tax refunded by the store',
    taxLine,
    taxCodeFor(settings, 'store-tax'),
    { kind: 'store-tax' },
  );
  return [...lines, tax];
}
