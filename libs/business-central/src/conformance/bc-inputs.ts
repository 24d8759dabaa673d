import { Decimal } from '@mlc/platform-money';
import {
  BcSalesCreditMemoCreate,
  BcSalesInvoiceCreate,
  BcSalesLineCreate,
  BcSalesOrderCreate,
} from '../resources/sales-document-input';
import { BcCustomerCreate } from '../resources/schemas/customer.schema';
import { BcSubscriptionChanges, BcSubscriptionCreate } from '../resources/schemas/subscription.schema';
import { COMPANY_ID } from './recording-transport';

/*
 * Inputs that fill every field the adapter's create types accept (`Required<...>`: a field added to an input type
 * is a compile error here until the conformance suite sends it). Texts sit at the longest length the reference
 * documents, so the suite proves values at the limit are sent as they are.
 */

const d = (text: string) => Decimal.parse(text);
const guid = (n: number) => `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
const text = (length: number, letter = 'A') => letter.repeat(length);

export const IDS = {
  customer: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  item: guid(1),
  account: guid(2),
  invoice: '9a4c6a1e-0000-4000-8000-000000000001',
  order: guid(3),
  creditMemo: guid(4),
} as const;

/** Every line field, so it names both itemId and accountId: split below into the two lines BC accepts. */
export const FULL_LINE: Required<BcSalesLineCreate> = {
  lineType: 'Item',
  itemId: IDS.item,
  accountId: IDS.account,
  lineObjectNumber: '1896-S',
  description: text(100, 'D'),
  description2: text(50, 'E'),
  unitOfMeasureCode: 'PCS',
  quantity: d('2'),
  unitPrice: d('25.123456'),
  discountAmount: d('1.005'),
  discountPercent: d('2.5'),
  taxCode: 'TAXABLE',
  shipmentDate: '2025-01-05',
  itemVariantId: guid(5),
  locationId: guid(6),
  sequence: 10000,
};

const { accountId: _account, ...itemLine } = FULL_LINE;
export const ITEM_LINE: BcSalesLineCreate = itemLine;
export const ACCOUNT_LINE: BcSalesLineCreate = {
  lineType: 'Account',
  accountId: IDS.account,
  description: 'Shipping: Flat Rate',
  quantity: d('1'),
  unitPrice: d('10'),
  taxCode: 'NONTAXABLE',
};

const sellTo = {
  customerId: IDS.customer,
  customerNumber: 'C00010',
  externalDocumentNumber: `bc-${text(32, '9')}`,
  postingDate: '2025-01-02',
  currencyCode: 'EUR',
  paymentTermsId: guid(7),
  shipmentMethodId: guid(8),
  salesperson: 'PS',
  discountAmount: d('5.005'),
  phoneNumber: text(30, '5'),
  email: `${text(68, 'j')}@example.com`,
  sellToAddressLine1: '123 Main Street',
  sellToAddressLine2: 'Suite 4',
  sellToCity: 'Austin',
  sellToCountry: 'US',
  sellToState: 'TX',
  sellToPostCode: '78701',
};

const shipTo = {
  shipToName: 'Jane Doe',
  shipToContact: 'Jane Doe',
  shipToAddressLine1: '9 Side Street',
  shipToAddressLine2: '',
  shipToCity: 'Austin',
  shipToCountry: 'US',
  shipToState: 'TX',
  shipToPostCode: '78702',
};

export const FULL_ORDER: Required<BcSalesOrderCreate> = {
  ...sellTo,
  ...shipTo,
  orderDate: '2025-01-02',
  requestedDeliveryDate: '2025-01-09',
  partialShipping: true,
  pricesIncludeTax: false,
  lines: [ITEM_LINE, ACCOUNT_LINE],
};

export const FULL_INVOICE: Required<BcSalesInvoiceCreate> = {
  ...sellTo,
  ...shipTo,
  invoiceDate: '2025-01-02',
  dueDate: '2025-02-01',
  customerPurchaseOrderReference: text(35, 'R'),
  lines: [ITEM_LINE, ACCOUNT_LINE],
};

export const FULL_CREDIT_MEMO: Required<BcSalesCreditMemoCreate> = {
  ...sellTo,
  creditMemoDate: '2025-01-03',
  dueDate: '2025-01-03',
  invoiceId: IDS.invoice,
  invoiceNumber: 'S-INV1001',
  customerReturnReasonId: guid(9),
  billToAddressLine1: '123 Main Street',
  billToAddressLine2: '',
  billToCity: 'Austin',
  billToCountry: 'US',
  billToState: 'TX',
  billToPostCode: '78701',
  lines: [{ ...ACCOUNT_LINE, description: 'Refund 3 of order 250' }],
};

export const FULL_CUSTOMER: Required<BcCustomerCreate> = {
  displayName: text(100, 'N'),
  type: 'Person',
  number: text(20, 'C'),
  addressLine1: text(100, 'L'),
  addressLine2: text(50, 'M'),
  city: text(30, 'T'),
  state: text(30, 'S'),
  country: 'US',
  postalCode: text(20, '7'),
  phoneNumber: text(30, '5'),
  email: `${text(68, 'j')}@example.com`,
  website: `https://${text(64, 'w')}.example`,
  taxLiable: true,
  taxAreaId: guid(10),
  taxRegistrationNumber: 'US-123',
  currencyCode: 'EUR',
  paymentTermsId: guid(7),
  shipmentMethodId: guid(8),
  paymentMethodId: guid(11),
};

export const FULL_SUBSCRIPTION: Required<BcSubscriptionCreate> = {
  notificationUrl: 'https://connector.example.com/bc/notifications/conn-1',
  resource: `/api/v2.0/companies(${COMPANY_ID})/items`,
  clientState: text(64, 'f'),
};

export const FULL_SUBSCRIPTION_CHANGES: Required<BcSubscriptionChanges> = {
  notificationUrl: 'https://connector.example.com/bc/notifications/conn-1-v2',
  clientState: text(64, 'e'),
};
