import { fields } from './field-def';

/**
 * The six address fields a document header has per party (`sellTo`, `billTo`, `shipTo`), in the pages' order; `ro`
 * marks them read-only (an order's or invoice's bill-to address follows its bill-to customer).
 */
function postalAddress(prefix: 'sellTo' | 'billTo' | 'shipTo', flag: '' | 'ro' = ''): string {
  return [
    ['AddressLine1', 'text100'],
    ['AddressLine2', 'text50'],
    ['City', 'text30'],
    ['Country', 'code10'],
    ['State', 'text30'],
    ['PostCode', 'code20'],
  ]
    .map(([name, type]) => `${prefix}${name} ${type} ${flag}`)
    .join('\n');
}

/** The sell-to and bill-to customer of a document header. */
const CUSTOMER = `
  customerId guid
  customerNumber code20
  customerName text100 ro
  billToName text100 ro
  billToCustomerId guid
  billToCustomerNumber code20
`;

/** Customer and addresses of an order or invoice header, which also ship. */
const PARTIES_WITH_SHIP_TO = `
  ${CUSTOMER}
  shipToName text100
  shipToContact text100
  ${postalAddress('sellTo')}
  ${postalAddress('billTo', 'ro')}
  ${postalAddress('shipTo')}
`;

/** APIV2 - Sales Orders (page 30028), table "Sales Order Entity Buffer". */
export const SALES_ORDER_FIELDS = fields(`
  id guid ro
  number code20 ro
  externalDocumentNumber code35
  orderDate date
  postingDate date
  ${PARTIES_WITH_SHIP_TO}
  shortcutDimension1Code code20
  shortcutDimension2Code code20
  currencyId guid
  currencyCode code10
  pricesIncludeTax boolean
  paymentTermsId guid
  shipmentMethodId guid
  salesperson code20
  partialShipping boolean
  requestedDeliveryDate date
  discountAmount decimal
  discountAppliedBeforeTax boolean ro
  totalAmountExcludingTax decimal ro
  totalTaxAmount decimal ro
  totalAmountIncludingTax decimal ro
  fullyShipped boolean
  status enum:salesOrderStatus ro
  lastModifiedDateTime datetime ro
  phoneNumber text30
  email text80
`);

/** APIV2 - Sales Invoices (page 30012), table "Sales Invoice Entity Aggregate" (drafts and posted). */
export const SALES_INVOICE_FIELDS = fields(`
  id guid ro
  number code20 ro
  externalDocumentNumber code35
  invoiceDate date
  postingDate date
  dueDate date
  promisedPayDate date
  customerPurchaseOrderReference text35
  ${PARTIES_WITH_SHIP_TO}
  currencyId guid
  shortcutDimension1Code code20
  shortcutDimension2Code code20
  currencyCode code10
  orderId guid ro
  orderNumber code20 ro
  paymentTermsId guid
  shipmentMethodId guid
  salesperson code20
  disputeStatusId guid
  disputeStatus code10
  pricesIncludeTax boolean ro
  remainingAmount decimal ro
  discountAmount decimal
  discountAppliedBeforeTax boolean ro
  totalAmountExcludingTax decimal ro
  totalTaxAmount decimal ro
  totalAmountIncludingTax decimal ro
  status enum:invoiceStatus ro
  lastModifiedDateTime datetime ro
  phoneNumber text30
  email text80
`);

/** APIV2 - Sales Credit Memos (page 30038), table "Sales Cr. Memo Entity Buffer". */
export const SALES_CREDIT_MEMO_FIELDS = fields(`
  id guid ro
  number code20 ro
  externalDocumentNumber code35
  creditMemoDate date
  postingDate date
  dueDate date
  ${CUSTOMER}
  ${postalAddress('sellTo')}
  ${postalAddress('billTo')}
  shortcutDimension1Code code20
  shortcutDimension2Code code20
  currencyId guid
  currencyCode code10
  paymentTermsId guid
  shipmentMethodId guid
  salesperson code20
  pricesIncludeTax boolean ro
  discountAmount decimal
  discountAppliedBeforeTax boolean ro
  totalAmountExcludingTax decimal ro
  totalTaxAmount decimal ro
  totalAmountIncludingTax decimal ro
  status enum:creditMemoStatus ro
  lastModifiedDateTime datetime ro
  invoiceId guid
  invoiceNumber code20
  phoneNumber text30
  email text80
  customerReturnReasonId guid
`);

const LINE_HEAD = `
  id guid ro
  documentId guid
  sequence integer
  itemId guid
  accountId guid
  lineType enum:lineType
  lineObjectNumber code20
  description text100
  description2 text50
  unitOfMeasureId guid
  unitOfMeasureCode code10
`;

const LINE_AMOUNTS = `
  discountAmount decimal
  discountPercent decimal
  discountAppliedBeforeTax boolean ro
  amountExcludingTax decimal ro
  taxCode code20
  taxPercent decimal ro
  totalTaxAmount decimal ro
  amountIncludingTax decimal ro
  invoiceDiscountAllocation decimal ro
  netAmount decimal ro
  netTaxAmount decimal ro
  netAmountIncludingTax decimal ro
  shipmentDate date
`;

/** APIV2 - Sales Order Lines (page 30044). */
export const SALES_ORDER_LINE_FIELDS = fields(`
  ${LINE_HEAD}
  quantity decimal
  unitPrice decimal
  ${LINE_AMOUNTS}
  shippedQuantity decimal
  invoicedQuantity decimal
  invoiceQuantity decimal
  shipQuantity decimal
  itemVariantId guid
  locationId guid
`);

/** APIV2 - Sales Invoice Lines (page 30043). */
export const SALES_INVOICE_LINE_FIELDS = fields(`
  ${LINE_HEAD}
  quantity decimal
  unitPrice decimal
  ${LINE_AMOUNTS}
  itemVariantId guid
  locationId guid
`);

/** APIV2 - Sales Credit Memo Lines (page 30046): unitPrice precedes quantity on this page. */
export const SALES_CREDIT_MEMO_LINE_FIELDS = fields(`
  ${LINE_HEAD}
  unitPrice decimal
  quantity decimal
  ${LINE_AMOUNTS}
  itemVariantId guid
  locationId guid
`);
