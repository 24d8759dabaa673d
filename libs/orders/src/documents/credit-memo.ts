import type { Decimal } from '@mlc/platform-money';
import type { Decision, DocumentLine, Parked } from './sales-document';

export interface CreditMemoHeader {
  readonly externalDocumentNumber: string;
  /** `creditMemoDate` (BC's Document Date). */
  readonly documentDate: string;
  readonly postingDate: string;
  readonly customerId: string;
  /** The order's BC invoice the credit memo applies to (Applies-to Doc.). */
  readonly invoiceId: string;
  readonly currencyCode?: string;
}

export interface CreditMemoDraft {
  readonly kind: 'draft';
  readonly post: boolean;
  readonly header: CreditMemoHeader;
  readonly lines: readonly DocumentLine[];
  readonly totals: {
    /** What the shopper got back (`total_amount`). */
    readonly refundTotal: Decimal;
    /** The credit memo total with BC's per-line rounding; null in bc-calculates mode (BC computes the tax). */
    readonly expectedDocumentTotal: Decimal | null;
  };
  readonly explanation: readonly Decision[];
}

export type CreditMemoResult = CreditMemoDraft | Parked;
