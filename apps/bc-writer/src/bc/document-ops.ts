import type {
  BcSalesCreditMemoCreate,
  BcSalesInvoiceCreate,
  BcSalesOrderCreate,
  BusinessCentralApi,
} from '@mlc/business-central';
import type { Decimal } from '@mlc/platform-money';

export type BcDocumentType = 'salesInvoice' | 'salesOrder' | 'salesCreditMemo';
export type BcDocumentInput = BcSalesInvoiceCreate | BcSalesOrderCreate | BcSalesCreditMemoCreate;

/** What the writer reads back of any BC sales document. */
export interface BcDocument {
  readonly id: string;
  readonly number: string;
  readonly etag: string;
  readonly status: string;
  readonly externalDocumentNumber: string;
  readonly totalAmountIncludingTax: Decimal;
  /** Sales order lines with what BC shipped so far (sales orders read with their lines only). */
  readonly lines?: ReadonlyArray<{ readonly sequence: number; readonly shippedQuantity?: Decimal }>;
}

/** The calls of one document kind, so create/post/delete logic is written once. */
export interface DocumentOps {
  readonly type: BcDocumentType;
  create(input: BcDocumentInput): Promise<BcDocument>;
  get(id: string): Promise<BcDocument | undefined>;
  findByExternalDocumentNumber(externalDocumentNumber: string): Promise<BcDocument[]>;
  /** `Microsoft.NAV.post`; absent for sales orders (BC ships and invoices them). */
  readonly post?: (id: string) => Promise<void>;
  remove(doc: { id: string; etag: string }): Promise<boolean>;
}

/** Drafts show "Draft" (or "In Review" while approved); anything else on an invoice or credit memo is posted. */
export function isPosted(doc: BcDocument, type: BcDocumentType): boolean {
  if (type === 'salesOrder') return false;
  return doc.status !== 'Draft' && doc.status !== 'In Review';
}

export function documentOps(api: BusinessCentralApi, type: BcDocumentType): DocumentOps {
  switch (type) {
    case 'salesInvoice':
      return {
        type,
        create: (input) => api.salesInvoices.create(input as BcSalesInvoiceCreate),
        get: (id) => api.salesInvoices.get(id),
        findByExternalDocumentNumber: (n) => api.salesInvoices.findByExternalDocumentNumber(n),
        post: (id) => api.salesInvoices.post(id),
        remove: (doc) => api.salesInvoices.deleteDraft(doc),
      };
    case 'salesCreditMemo':
      return {
        type,
        create: (input) => api.salesCreditMemos.create(input as BcSalesCreditMemoCreate),
        get: (id) => api.salesCreditMemos.get(id),
        findByExternalDocumentNumber: (n) => api.salesCreditMemos.findByExternalDocumentNumber(n),
        post: (id) => api.salesCreditMemos.post(id),
        remove: (doc) => api.salesCreditMemos.deleteDraft(doc),
      };
    case 'salesOrder':
      return {
        type,
        create: (input) => api.salesOrders.create(input as BcSalesOrderCreate),
        get: async (id) => {
          const order = await api.salesOrders.get(id);
          return order && { ...order, lines: order.salesOrderLines };
        },
        findByExternalDocumentNumber: (n) => api.salesOrders.findByExternalDocumentNumber(n),
        remove: (doc) => api.salesOrders.delete(doc),
      };
  }
}
