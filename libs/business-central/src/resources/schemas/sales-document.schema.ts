import { z } from 'zod';
import { bcDecimal } from '../../client/wire';
import { bcEnum, bcGuid, optionalText, text, withEtag } from './common.schema';

/*
 * salesOrders (30028), salesInvoices (30012, drafts and posted together), salesCreditMemos (30038) and their line
 * pages (30044, 30043, 30046). Status strings are remapped by the API: an unreleased document is "Draft"; "Open"
 * means released (orders) or posted and unpaid (invoices, credit memos). externalDocumentNumber is Code[35].
 */

const LINE_TYPES = [' ', 'Comment', 'Account', 'Item', 'Resource', 'Fixed Asset', 'Charge'] as const;

const lineFields = z.object({
  id: bcGuid,
  documentId: bcGuid.optional(),
  sequence: z.number().int(),
  itemId: bcGuid.optional(),
  accountId: bcGuid.optional(),
  lineType: bcEnum(LINE_TYPES),
  lineObjectNumber: optionalText,
  description: optionalText,
  description2: optionalText,
  unitOfMeasureId: bcGuid.optional(),
  unitOfMeasureCode: optionalText,
  quantity: bcDecimal,
  unitPrice: bcDecimal,
  discountAmount: bcDecimal.optional(),
  discountPercent: bcDecimal.optional(),
  amountExcludingTax: bcDecimal.optional(),
  taxCode: optionalText,
  taxPercent: bcDecimal.optional(),
  totalTaxAmount: bcDecimal.optional(),
  amountIncludingTax: bcDecimal.optional(),
  netAmount: bcDecimal.optional(),
  netTaxAmount: bcDecimal.optional(),
  netAmountIncludingTax: bcDecimal.optional(),
  shipmentDate: optionalText,
  itemVariantId: bcGuid.optional(),
  locationId: bcGuid.optional(),
});

export const salesInvoiceLineSchema = lineFields;
export const salesCreditMemoLineSchema = lineFields;
export const salesOrderLineSchema = lineFields.extend({
  shippedQuantity: bcDecimal,
  invoicedQuantity: bcDecimal,
  invoiceQuantity: bcDecimal.optional(),
  shipQuantity: bcDecimal.optional(),
});

export type BcSalesLine = z.output<typeof lineFields>;
export type BcSalesOrderLine = z.output<typeof salesOrderLineSchema>;

const headerFields = z.object({
  id: bcGuid,
  number: text,
  externalDocumentNumber: text,
  postingDate: optionalText,
  customerId: bcGuid,
  customerNumber: text,
  customerName: optionalText,
  billToCustomerId: bcGuid.optional(),
  billToCustomerNumber: optionalText,
  currencyId: bcGuid.optional(),
  currencyCode: text,
  paymentTermsId: bcGuid.optional(),
  shipmentMethodId: bcGuid.optional(),
  pricesIncludeTax: z.boolean(),
  discountAmount: bcDecimal.optional(),
  totalAmountExcludingTax: bcDecimal,
  totalTaxAmount: bcDecimal,
  totalAmountIncludingTax: bcDecimal,
  lastModifiedDateTime: text,
  phoneNumber: optionalText,
  email: optionalText,
});

export const salesOrderSchema = withEtag(
  headerFields.extend({
    orderDate: text,
    requestedDeliveryDate: optionalText,
    partialShipping: z.boolean().optional(),
    fullyShipped: z.boolean().optional(),
    status: bcEnum(['Draft', 'In Review', 'Open'] as const),
    salesOrderLines: z.array(salesOrderLineSchema).optional(),
  }),
);

export const salesInvoiceSchema = withEtag(
  headerFields.extend({
    invoiceDate: text,
    dueDate: optionalText,
    customerPurchaseOrderReference: optionalText,
    orderId: bcGuid.optional(),
    orderNumber: optionalText,
    remainingAmount: bcDecimal.optional(),
    status: bcEnum([' ', 'Draft', 'In Review', 'Open', 'Paid', 'Canceled', 'Corrective'] as const),
    salesInvoiceLines: z.array(salesInvoiceLineSchema).optional(),
  }),
);

export const salesCreditMemoSchema = withEtag(
  headerFields.extend({
    creditMemoDate: text,
    dueDate: optionalText,
    invoiceId: bcGuid.optional(),
    invoiceNumber: optionalText,
    customerReturnReasonId: bcGuid.optional(),
    status: bcEnum([' ', 'Draft', 'In Review', 'Open', 'Paid', 'Canceled', 'Corrective'] as const),
    salesCreditMemoLines: z.array(salesCreditMemoLineSchema).optional(),
  }),
);

export type BcSalesOrder = z.output<typeof salesOrderSchema>;
export type BcSalesInvoice = z.output<typeof salesInvoiceSchema>;
export type BcSalesCreditMemo = z.output<typeof salesCreditMemoSchema>;
