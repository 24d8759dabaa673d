import type { Decimal } from '@mlc/platform-money';

/** An amount for explanations: at least 2 places ("2.00", "9.70"), more only when the value has them ("20.825"). */
export function fmt(value: Decimal): string {
  return value.round(2).eq(value) ? value.toFixed(2) : value.toString();
}
