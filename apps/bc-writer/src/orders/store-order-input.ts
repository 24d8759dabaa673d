import { parseStoreOrder, type StoreOrderParseResult } from '@mlc/orders';

/**
 * Parses a fetched v2 order with the domain's contract. BigCommerce sends `store_default_currency_code: ""` on
 * single-currency stores (orders.v2.oas2.yml examples), which the domain schema (length 3 or absent) refuses; a blank
 * value means "not sent", so it is dropped first. The snapshot kept for audit is the raw JSON, unchanged.
 */
export function parseFetchedOrder(raw: unknown): StoreOrderParseResult {
  if (raw !== null && typeof raw === 'object' && (raw as Record<string, unknown>).store_default_currency_code === '') {
    const { store_default_currency_code: _blank, ...rest } = raw as Record<string, unknown>;
    return parseStoreOrder(rest);
  }
  return parseStoreOrder(raw);
}
