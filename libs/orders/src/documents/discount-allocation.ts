import { Decimal } from '@mlc/platform-money';

export interface DiscountableLine {
  readonly id: number;
  /** BC's line amount before discount: round2(quantity x unitPrice). */
  readonly gross: Decimal;
  /** The store's exact (4-place) discount on this line. */
  readonly storeDiscount: Decimal;
}

export type DiscountAllocationResult =
  | { readonly ok: true; readonly perLine: ReadonlyMap<number, Decimal>; readonly notes: readonly string[] }
  | { readonly ok: false; readonly detail: string };

const HALF_CENT = Decimal.parse('0.005');

/**
 * Spreads a discount total over lines to the cent. The store's own per-line shares come first; a share the lines do
 * not carry (an order-level discount without per-line `applied_discounts`) is spread in proportion to the gross line
 * amounts. Each line is then rounded to the cent (half away from zero) and the cents the rounding gained or lost go
 * to the largest line, so the line discounts add up to `target` exactly.
 */
export function allocateDiscount(lines: readonly DiscountableLine[], target: Decimal): DiscountAllocationResult {
  const notes: string[] = [];
  const eligible = lines.filter((line) => line.gross.gt(0));
  const exact = new Map(lines.map((line) => [line.id, line.storeDiscount]));
  const gap = target.minus(Decimal.sum(lines.map((line) => line.storeDiscount)));
  if (gap.abs().compare(HALF_CENT) >= 0) {
    const grossTotal = Decimal.sum(eligible.map((line) => line.gross));
    if (grossTotal.isZero()) return { ok: false, detail: `discount ${target.toFixed(2)} but no line has an amount` };
    for (const line of eligible)
      exact.set(line.id, (exact.get(line.id) ?? Decimal.ZERO).plus(gap.times(line.gross).dividedBy(grossTotal)));
    notes.push(`${gap.toFixed(4)} of the discount is not on the lines' applied discounts; spread by line amount`);
  }
  const perLine = new Map(lines.map((line) => [line.id, (exact.get(line.id) ?? Decimal.ZERO).round(2)]));
  const remainder = target.minus(Decimal.sum(perLine.values()));
  if (!remainder.isZero()) {
    const largest = largestLine(eligible.length > 0 ? eligible : lines);
    perLine.set(largest.id, (perLine.get(largest.id) ?? Decimal.ZERO).plus(remainder));
    notes.push(`rounding remainder ${remainder.toFixed(2)} put on the largest line (store line ${largest.id})`);
  }
  for (const line of lines) {
    const cents = perLine.get(line.id) ?? Decimal.ZERO;
    if (cents.isNegative() || cents.gt(line.gross)) {
      return {
        ok: false,
        detail: `discount ${cents.toFixed(2)} on store line ${line.id} is outside 0..${line.gross.toFixed(2)}`,
      };
    }
  }
  return { ok: true, perLine, notes };
}

function largestLine(lines: readonly DiscountableLine[]): DiscountableLine {
  return lines.reduce((best, line) => (line.gross.gt(best.gross) ? line : best));
}
