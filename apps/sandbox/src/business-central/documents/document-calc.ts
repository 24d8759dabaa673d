import { Decimal } from '@mlc/platform-money';
import type { RequestContext } from '../resources/entity-set';
import type { Row, Value } from '../store/table';

/** The read-only amounts of one line, as the line pages expose them. */
export interface LineAmounts {
  readonly amountExcludingTax: Decimal;
  readonly taxPercent: Decimal;
  readonly totalTaxAmount: Decimal;
  readonly amountIncludingTax: Decimal;
  readonly invoiceDiscountAllocation: Decimal;
  readonly netAmount: Decimal;
  readonly netTaxAmount: Decimal;
  readonly netAmountIncludingTax: Decimal;
}

export interface DocumentAmounts {
  readonly lines: Map<string, LineAmounts>;
  readonly totalAmountExcludingTax: Decimal;
  readonly totalTaxAmount: Decimal;
  readonly totalAmountIncludingTax: Decimal;
  /** Sum of line amounts before the invoice discount (the ceiling for `discountAmount`). */
  readonly linesBeforeDiscount: Decimal;
}

export const LINE_AMOUNT_FIELDS = [
  'amountExcludingTax',
  'taxPercent',
  'totalTaxAmount',
  'amountIncludingTax',
  'invoiceDiscountAllocation',
  'netAmount',
  'netTaxAmount',
  'netAmountIncludingTax',
] as const;

const ZERO = Decimal.ZERO;
const dec = (v: Value | undefined): Decimal => (v instanceof Decimal ? v : ZERO);

/** Decimal places of amounts in a currency ('' = LCY, two places). */
export function amountPlaces(ctx: RequestContext, currencyCode: string): number {
  if (currencyCode === '') return 2;
  const precision = ctx.company.currencies.findBy('code', currencyCode)?.data.amountRoundingPrecision;
  if (!(precision instanceof Decimal)) return 2;
  const text = precision.toString();
  return text.includes('.') ? text.split('.')[1]!.length : 0;
}

/** Sales tax percent for a line: the document's tax area and the line's tax group, when the customer is liable. */
export function taxPercentFor(ctx: RequestContext, header: Row, taxCode: string): Decimal {
  if (header.data.taxLiable !== true || taxCode === '') return ZERO;
  const area = String(header.data.taxAreaCode ?? '');
  const rate = ctx.env.settings.taxRates[area]?.[taxCode];
  return rate ? Decimal.parse(rate) : ZERO;
}

/** Line amount before the invoice discount: quantity x unit price (rounded) less the line discount. */
export function lineAmount(line: Row, places: number): Decimal {
  return dec(line.data.quantity).times(dec(line.data.unitPrice)).round(places).minus(dec(line.data.discountAmount));
}

/**
 * Computes every amount of a draft document. Tax is computed and rounded per line (US sales tax, tax area from the
 * customer, tax group from the line); the header invoice discount is spread over the lines in proportion to their
 * amounts, the rounding remainder going to the last line, and tax is charged on the discounted amount.
 */
export function computeAmounts(ctx: RequestContext, header: Row, lines: Row[]): DocumentAmounts {
  const places = amountPlaces(ctx, String(header.data.currencyCode ?? ''));
  const priced = lines.filter((l) => l.data.lineType !== 'Comment');
  const base = new Map(priced.map((l) => [l.id, lineAmount(l, places)]));
  const linesBeforeDiscount = Decimal.sum(base.values());
  const discount = dec(header.data.discountAmount);
  const allocation = allocate(discount, priced.map((l) => base.get(l.id)!), linesBeforeDiscount, places);
  const result = new Map<string, LineAmounts>();
  priced.forEach((line, i) => {
    const amount = base.get(line.id)!;
    const rate = taxPercentFor(ctx, header, String(line.data.taxCode ?? ''));
    const tax = amount.times(rate).dividedBy(100).round(places);
    const allocated = allocation[i]!;
    const net = amount.minus(allocated);
    const netTax = net.times(rate).dividedBy(100).round(places);
    result.set(line.id, {
      amountExcludingTax: amount,
      taxPercent: rate,
      totalTaxAmount: tax,
      amountIncludingTax: amount.plus(tax),
      invoiceDiscountAllocation: allocated,
      netAmount: net,
      netTaxAmount: netTax,
      netAmountIncludingTax: net.plus(netTax),
    });
  });
  const all = [...result.values()];
  const totalExcl = Decimal.sum(all.map((a) => a.netAmount));
  const totalTax = Decimal.sum(all.map((a) => a.netTaxAmount));
  return {
    lines: result,
    totalAmountExcludingTax: totalExcl,
    totalTaxAmount: totalTax,
    totalAmountIncludingTax: totalExcl.plus(totalTax),
    linesBeforeDiscount,
  };
}

function allocate(discount: Decimal, amounts: Decimal[], total: Decimal, places: number): Decimal[] {
  if (discount.isZero() || total.isZero()) return amounts.map(() => ZERO);
  let remaining = discount;
  return amounts.map((amount, i) => {
    if (i === amounts.length - 1) return remaining;
    const share = discount.times(amount).dividedBy(total).round(places);
    remaining = remaining.minus(share);
    return share;
  });
}

/** Frozen amounts of a posted document, stored on its rows when it was posted. */
export function frozenAmounts(header: Row, lines: Row[]): DocumentAmounts {
  const result = new Map<string, LineAmounts>();
  for (const line of lines) {
    if (line.data.lineType === 'Comment') continue;
    const entry = Object.fromEntries(LINE_AMOUNT_FIELDS.map((f) => [f, dec(line.data[f])])) as unknown as LineAmounts;
    result.set(line.id, entry);
  }
  return {
    lines: result,
    totalAmountExcludingTax: dec(header.data.totalAmountExcludingTax),
    totalTaxAmount: dec(header.data.totalTaxAmount),
    totalAmountIncludingTax: dec(header.data.totalAmountIncludingTax),
    linesBeforeDiscount: Decimal.sum([...result.values()].map((a) => a.amountExcludingTax)),
  };
}
