import type { OrderSyncSettings } from '../settings/order-sync-settings';

export type TaxedLineKind = 'item' | 'charge' | 'gift-certificate' | 'discount' | 'store-tax' | 'refund-amount';

/**
 * The BC `taxCode` of a line (US: tax group code; VAT countries: VAT identifier), or undefined to let BC take the
 * item's or account's own tax group.
 * - store-tax-line: every line carries the non-taxable code; the store's tax arrives as its own line.
 * - bc-calculates: items use `taxGroups.items`; shipping, handling and wrapping use the code mapped from their
 *   BigCommerce tax class; sold gift certificates and tax-exempt amounts are not taxable.
 */
export function taxCodeFor(
  settings: OrderSyncSettings,
  kind: TaxedLineKind,
  taxClassId?: number | null,
): string | undefined {
  const groups = settings.taxGroups;
  if (settings.taxMode === 'store-tax-line') return groups.nonTaxable;
  switch (kind) {
    case 'item':
    case 'discount':
      return groups.items;
    case 'charge':
      return taxClassId === null || taxClassId === undefined ? undefined : groups.byTaxClassId[String(taxClassId)];
    case 'gift-certificate':
    case 'store-tax':
    case 'refund-amount':
      return groups.nonTaxable;
  }
}
