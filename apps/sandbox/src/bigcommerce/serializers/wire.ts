import type { Decimal } from '@mlc/platform-money';

/** v2 money: a string with 4 decimals (`"62.6793"`). */
export function money4(value: Decimal): string {
  return value.toFixed(4);
}

/** v2 exchange rates: 10 decimals (`"1.0000000000"`); values carry at most 8, so the last two are zeros. */
export function rate10(value: Decimal): string {
  return `${value.toFixed(8)}00`;
}

/** v3 money: a JSON number, printed from the value rounded to cents or to 4 decimals for unit prices. */
export function moneyNumber(value: Decimal, places = 4): number {
  return value.round(places).toWireNumber();
}

/** A resource reference as v2 bodies show sub-resources: `{url, resource}`. */
export function resourceRef(apiBase: string, resource: string): { url: string; resource: string } {
  return { url: `${apiBase}/v2${resource}`, resource };
}
