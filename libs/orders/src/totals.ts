import { Decimal } from '@mlc/platform-money';
import type { OrderSyncSettings } from './settings/order-sync-settings';

export type TotalsCheck =
  | { readonly kind: 'ok'; readonly difference: Decimal }
  | {
      readonly kind: 'TOTAL_MISMATCH';
      /** BC minus store: positive when BC charges more. */
      readonly difference: Decimal;
      readonly bcTotalIncTax: Decimal;
      readonly storeTotalIncTax: Decimal;
      /** From `onTotalMismatch`: post anyway (recorded and alerted) or keep the document as a draft. */
      readonly action: OrderSyncSettings['onTotalMismatch'];
      readonly detail: string;
    };

/**
 * Compares BC's `totalAmountIncludingTax` (read back after creation) with the store's `total_inc_tax`. A difference
 * up to `totalsTolerance` (inclusive) is ok; beyond it the result is TOTAL_MISMATCH with the difference.
 */
export function compareTotals(
  bcTotalIncTax: Decimal,
  storeTotalIncTax: Decimal,
  settings: OrderSyncSettings,
): TotalsCheck {
  const difference = bcTotalIncTax.minus(storeTotalIncTax);
  if (!difference.abs().gt(Decimal.parse(settings.totalsTolerance))) return { kind: 'ok', difference };
  return {
    kind: 'TOTAL_MISMATCH',
    difference,
    bcTotalIncTax,
    storeTotalIncTax,
    action: settings.onTotalMismatch,
    detail: `BC total ${bcTotalIncTax.toFixed(2)} vs store total_inc_tax ${storeTotalIncTax.toFixed(2)}: difference ${difference.toFixed(2)} exceeds tolerance ${settings.totalsTolerance}`,
  };
}
