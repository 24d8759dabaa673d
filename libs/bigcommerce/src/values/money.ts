import { PermanentError } from '@mlc/platform-errors';
import { Decimal } from '@mlc/platform-money';

/**
 * BigCommerce money. v2 sends amounts as decimal strings with 4 places (`"62.6793"`); v3 catalog and refunds send and
 * take JSON numbers. Strings go straight to Decimal; numbers go through Decimal.fromWireNumber; nothing passes
 * through float arithmetic.
 */
export const MONEY_PATTERN = /^-?\d+(?:\.\d+)?$/;

/** Parses a wire amount. A malformed amount is a PermanentError naming the field, never a NaN further down. */
export function parseMoney(value: string | number, field = 'amount'): Decimal {
  try {
    if (typeof value === 'number') return Decimal.fromWireNumber(value);
    if (!MONEY_PATTERN.test(value.trim())) throw new RangeError('not a decimal');
    return Decimal.parse(value);
  } catch {
    throw new PermanentError('SCHEMA_MISMATCH', `bigcommerce field "${field}" is not a decimal amount`);
  }
}

/** v2 write format: a string with exactly 4 decimals. */
export function formatMoney(amount: Decimal): string {
  return amount.toFixed(4);
}

/** v3 write format: a JSON number, rounded to `places` (4 by default) first so it prints exactly. */
export function toWireMoney(amount: Decimal, places = 4): number {
  return amount.round(places).toWireNumber();
}
