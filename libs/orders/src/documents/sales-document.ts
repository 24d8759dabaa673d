import type { Decimal } from '@mlc/platform-money';

/** BC `lineType` values the connector writes (salesInvoiceLines, salesOrderLines, salesCreditMemoLines). */
export type BcLineType = 'Item' | 'Account' | 'Comment';

/** Where a document line came from in the store, kept for the audit trail; never sent to BC. */
export type LineSource =
  | { readonly kind: 'product'; readonly storeLineId: number }
  | { readonly kind: 'gift-certificate'; readonly storeLineId: number }
  | { readonly kind: 'shipping'; readonly consignmentId: number | null }
  | { readonly kind: 'handling' | 'wrapping' | 'store-tax' | 'order-discount' | 'comment' | 'refund-amount' };

/**
 * One document line with BC API field names. Money is exact: `unitPrice` has at most 5 decimals (BC's unit price
 * precision) and `discountAmount` 2 (BC's amount precision); BC computes the line amount as
 * round2(quantity x unitPrice) - discountAmount.
 */
export interface DocumentLine {
  readonly sequence: number;
  readonly lineType: BcLineType;
  readonly itemId?: string;
  readonly accountId?: string;
  readonly description: string;
  readonly description2?: string;
  readonly quantity?: Decimal;
  readonly unitPrice?: Decimal;
  readonly discountAmount?: Decimal;
  readonly taxCode?: string;
  readonly source: LineSource;
}

export const DECISION_CODES = [
  'DOCUMENT_TYPE',
  'EXTERNAL_DOCUMENT_NUMBER',
  'DOCUMENT_DATE',
  'CURRENCY',
  'SHIP_TO',
  'LINE',
  'BUNDLE',
  'ZERO_PRICE_LINE',
  'DISCOUNT_ALLOCATION',
  'SHIPPING',
  'HANDLING',
  'WRAPPING',
  'GIFT_CERTIFICATE_SOLD',
  'PAYMENT_NOT_A_LINE',
  'TAX_MODE',
  'TAX_LINE',
  'ROUNDING',
  'REFUND_ITEM',
  'REFUND_OVERRIDE',
  'APPLIES_TO_INVOICE',
] as const;
export type DecisionCode = (typeof DECISION_CODES)[number];

/** One recorded decision. Messages carry amounts, ids and SKUs, never names, emails or addresses. */
export interface Decision {
  readonly code: DecisionCode;
  readonly message: string;
}

export const PARK_REASONS = [
  'CURRENCY_NOT_IN_BC',
  'ACCOUNT_NOT_CONFIGURED',
  'ACCOUNT_NOT_IN_BC',
  'ITEM_NOT_RESOLVED',
  'UNEXPLAINED_DIFFERENCE',
  'EXTERNAL_DOCUMENT_NUMBER_TOO_LONG',
  'NO_LINES',
  'REFUND_ITEM_NOT_IN_ORDER',
  'REFUND_PAYMENT_DECLINED',
  'REFUND_UNRECONCILED',
] as const;
export type ParkReason = (typeof PARK_REASONS)[number];

/** A document the connector refuses to build, with why; the order is parked, never partially written. */
export interface Parked {
  readonly kind: 'parked';
  readonly reason: ParkReason;
  readonly detail: string;
  readonly explanation: readonly Decision[];
}

/** Non-payment settlements of the order (gift certificate and store credit redemptions), for the record. */
export interface DocumentPayment {
  readonly kind: 'gift-certificate' | 'store-credit';
  readonly amount: Decimal;
}

/** How the document total relates to the store's. */
export interface StoreTotalsCheck {
  readonly storeTotalIncTax: Decimal;
  /**
   * The total the document reaches with BC's per-line rounding, when the domain can know it (store-tax-line mode:
   * BC adds no tax). Null in bc-calculates mode, where BC's tax decides; compare BC's totals after creation.
   */
  readonly expectedDocumentTotal: Decimal | null;
}

export interface SalesDocumentHeader {
  readonly externalDocumentNumber: string;
  /** `invoiceDate` on salesInvoices, `orderDate` on salesOrders; both are BC's Document Date. */
  readonly documentDate: string;
  readonly postingDate: string;
  readonly customerId: string;
  /** Only when the transactional currency is not BC's local currency (blank = LCY in BC). */
  readonly currencyCode?: string;
  readonly email?: string;
  readonly phoneNumber?: string;
  readonly shipToName?: string;
  readonly shipToContact?: string;
  readonly shipToAddressLine1?: string;
  readonly shipToAddressLine2?: string;
  readonly shipToCity?: string;
  readonly shipToState?: string;
  readonly shipToCountry?: string;
  readonly shipToPostCode?: string;
}

export interface SalesDocumentDraft {
  readonly kind: 'draft';
  readonly documentType: 'salesInvoice' | 'salesOrder';
  /** Post with Microsoft.NAV.post after creation (invoices only). */
  readonly post: boolean;
  readonly header: SalesDocumentHeader;
  readonly lines: readonly DocumentLine[];
  readonly payments: readonly DocumentPayment[];
  readonly totals: StoreTotalsCheck;
  readonly explanation: readonly Decision[];
}

export type SalesDocumentResult = SalesDocumentDraft | Parked;
