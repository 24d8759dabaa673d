import {
  SALES_CREDIT_MEMO_FIELDS,
  SALES_CREDIT_MEMO_LINE_FIELDS,
  SALES_INVOICE_FIELDS,
  SALES_INVOICE_LINE_FIELDS,
  SALES_ORDER_FIELDS,
  SALES_ORDER_LINE_FIELDS,
} from '../model/document-fields';
import type { FieldDef } from '../model/field-def';
import type { CompanyData } from '../store/company-data';
import type { SeriesName } from '../store/number-series';
import type { Table } from '../store/table';

/** What differs between sales orders, invoices and credit memos; everything else is shared. */
export interface DocumentKind {
  readonly kind: 'order' | 'invoice' | 'creditMemo';
  readonly headerSet: string;
  readonly lineSet: string;
  readonly headerType: string;
  readonly lineType: string;
  /** "Sales Invoice", as BC names the document type. */
  readonly caption: string;
  /** "invoice" in "The invoice has been posted and can no longer be modified." */
  readonly noun: string;
  readonly dateField: string;
  readonly headerFields: readonly FieldDef[];
  readonly lineFields: readonly FieldDef[];
  readonly draftSeries: SeriesName;
  readonly postedSeries?: SeriesName;
  headers(company: CompanyData): Table;
  lines(company: CompanyData): Table;
}

export const ORDER: DocumentKind = {
  kind: 'order',
  headerSet: 'salesOrders',
  lineSet: 'salesOrderLines',
  headerType: 'salesOrder',
  lineType: 'salesOrderLine',
  caption: 'Sales Order',
  noun: 'order',
  dateField: 'orderDate',
  headerFields: SALES_ORDER_FIELDS,
  lineFields: SALES_ORDER_LINE_FIELDS,
  draftSeries: 'salesOrder',
  headers: (c) => c.salesOrders,
  lines: (c) => c.salesOrderLines,
};

export const INVOICE: DocumentKind = {
  kind: 'invoice',
  headerSet: 'salesInvoices',
  lineSet: 'salesInvoiceLines',
  headerType: 'salesInvoice',
  lineType: 'salesInvoiceLine',
  caption: 'Sales Invoice',
  noun: 'invoice',
  dateField: 'invoiceDate',
  headerFields: SALES_INVOICE_FIELDS,
  lineFields: SALES_INVOICE_LINE_FIELDS,
  draftSeries: 'salesInvoice',
  postedSeries: 'postedSalesInvoice',
  headers: (c) => c.salesInvoices,
  lines: (c) => c.salesInvoiceLines,
};

export const CREDIT_MEMO: DocumentKind = {
  kind: 'creditMemo',
  headerSet: 'salesCreditMemos',
  lineSet: 'salesCreditMemoLines',
  headerType: 'salesCreditMemo',
  lineType: 'salesCreditMemoLine',
  caption: 'Sales Credit Memo',
  noun: 'credit memo',
  dateField: 'creditMemoDate',
  headerFields: SALES_CREDIT_MEMO_FIELDS,
  lineFields: SALES_CREDIT_MEMO_LINE_FIELDS,
  draftSeries: 'salesCreditMemo',
  postedSeries: 'postedSalesCreditMemo',
  headers: (c) => c.salesCreditMemos,
  lines: (c) => c.salesCreditMemoLines,
};

export const DOCUMENT_KINDS = [ORDER, INVOICE, CREDIT_MEMO] as const;
