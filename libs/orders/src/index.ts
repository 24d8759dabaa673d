// Public API of the pure orders domain: BigCommerce orders and refunds -> Business Central documents.
export * from './settings/order-sync-settings';

export * from './model/store-order';
export * from './model/store-refund';
export * from './model/raw/bigcommerce-order.schema';
export * from './model/raw/bigcommerce-refund.schema';
export { parseStoreOrder, toStoreOrder, type StoreOrderParseResult } from './model/to-store-order';
export {
  parseStoreRefund,
  parseStoreRefunds,
  toStoreRefund,
  type StoreRefundParseResult,
  type StoreRefundsParseResult,
} from './model/to-store-refund';
export { parseStoreDate, localDate } from './model/dates';

export * from './documents/sales-document';
export * from './documents/credit-memo';
export type { BcDocumentContext, AccountSetting } from './documents/build-context';
export { lineAmount } from './documents/build-context';
export type { ResolvedItem, ResolvedItems } from './documents/item-lines';
export { BC_LENGTHS } from './documents/bc-text';
export { orderExternalDocumentNumber } from './documents/order-header';
export { toSalesDocumentPayload, toCreditMemoPayload, toLinePayload, type BcPayload } from './documents/to-payload';
export {
  allocateDiscount,
  type DiscountableLine,
  type DiscountAllocationResult,
} from './documents/discount-allocation';

export * from './map-order-to-sales-document';
export * from './map-refund-to-credit-memo';
export * from './resolve-items';
export * from './customer-rules';
export * from './customers/customer-payload';
export * from './ports/item-lookup.port';
export * from './ports/customer-lookup.port';
export * from './totals';
export * from './ledger-state';
export * from './decide-order-action';
export * from './decide-refund-action';
export { contentHash, documentContent, snapshotHash } from './ledger/content-hash';
export { canonicalJson } from './ledger/canonical-json';
export { summarizeOrder, diffSummaries, type OrderContentSummary } from './ledger/order-summary';
export * from './order-state-lines';
