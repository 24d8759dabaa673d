import { fields } from './field-def';

/** Address and contact fields of a customer or location card, in the pages' order. */
const CONTACT_ADDRESS = `
  addressLine1 text100
  addressLine2 text50
  city text30
  state text30
  country code10
  postalCode code20
  phoneNumber text30
  email text80
  website text80
`;

/** APIV2 - Customers (page 30009), table Customer. */
export const CUSTOMER_FIELDS = fields(`
  id guid ro
  number code20
  displayName text100
  type enum:contactType
  ${CONTACT_ADDRESS}
  salespersonCode code20
  balanceDue decimal ro
  creditLimit decimal
  taxLiable boolean
  taxAreaId guid
  taxAreaDisplayName text100 ro
  taxRegistrationNumber text20
  currencyId guid
  currencyCode code10
  paymentTermsId guid
  shipmentMethodId guid
  paymentMethodId guid
  blocked enum:customerBlocked
  lastModifiedDateTime datetime ro
`);

/** APIV2 - Items (page 30008), table Item. */
export const ITEM_FIELDS = fields(`
  id guid ro
  number code20
  displayName text100
  displayName2 text50
  type enum:itemType
  itemCategoryId guid
  itemCategoryCode code20
  blocked boolean
  gtin code14
  inventory decimal
  unitPrice decimal
  priceIncludesTax boolean
  unitCost decimal
  taxGroupId guid
  taxGroupCode code20
  baseUnitOfMeasureId guid
  baseUnitOfMeasureCode code10
  generalProductPostingGroupId guid
  generalProductPostingGroupCode code20
  inventoryPostingGroupId guid
  inventoryPostingGroupCode code20
  lastModifiedDateTime datetime ro
`);

export const ITEM_VARIANT_FIELDS = fields(`
  id guid ro
  itemId guid
  itemNumber code20
  code code10
  description text100
  lastModifiedDateTime datetime ro
`);

export const ITEM_CATEGORY_FIELDS = fields(`
  id guid ro
  code code20
  displayName text100
  lastModifiedDateTime datetime ro
`);

export const ITEM_LEDGER_ENTRY_FIELDS = fields(`
  id guid ro
  entryNumber integer ro
  itemNumber code20
  postingDate date
  entryType enum:itemLedgerEntryType
  sourceNumber code20
  sourceType enum:analysisSourceType
  documentNumber code20
  documentType enum:itemLedgerDocumentType
  description text100
  quantity decimal
  salesAmountActual decimal
  costAmountActual decimal
  lastModifiedDateTime datetime ro
`);

export const UNIT_OF_MEASURE_FIELDS = fields(`
  id guid ro
  code code10
  displayName text50
  internationalStandardCode code10
  symbol text10
  lastModifiedDateTime datetime ro
`);

export const LOCATION_FIELDS = fields(`
  id guid ro
  code code10
  displayName text100
  contact text100
  ${CONTACT_ADDRESS}
  lastModifiedDateTime datetime ro
`);

/** APIV2 - Accounts (page 30014): the page is not editable. */
export const ACCOUNT_FIELDS = fields(`
  id guid ro
  number code20
  displayName text100
  category enum:glAccountCategory
  subCategory text80
  blocked boolean
  accountType enum:glAccountType
  directPosting boolean
  netChange decimal
  consolidationTranslationMethod text30
  consolidationDebitAccount code20
  consolidationCreditAccount code20
  excludeFromConsolidation boolean
  lastModifiedDateTime datetime ro
`);

export const CODE_NAME_FIELDS = fields(`
  id guid ro
  code code10
  displayName text100
  lastModifiedDateTime datetime ro
`);

export const PAYMENT_TERM_FIELDS = fields(`
  id guid ro
  code code10
  displayName text100
  dueDateCalculation text32
  discountDateCalculation text32
  discountPercent decimal
  calculateDiscountOnCreditMemos boolean
  lastModifiedDateTime datetime ro
`);

/** Tax Area Buffer / Tax Group Buffer (temporary pages; US sales tax). */
export const TAX_BUFFER_FIELDS = fields(`
  id guid ro
  code code20
  displayName text100
  taxType enum:taxBufferType ro
  lastModifiedDateTime datetime ro
`);

export const CURRENCY_FIELDS = fields(`
  id guid ro
  code code10
  displayName text30
  symbol text10
  amountDecimalPlaces text5
  amountRoundingPrecision decimal
  lastModifiedDateTime datetime ro
`);

/** Platform entity, not an AL page: read only. */
export const COMPANY_FIELDS = fields(`
  id guid ro
  systemVersion text250 ro
  timestamp int64 ro
  name text30 ro
  displayName text250 ro
  businessProfileId text250 ro
  systemCreatedAt datetime ro
  systemCreatedBy guid ro
  systemModifiedAt datetime ro
  systemModifiedBy guid ro
`);

/** Platform entity (environment level). Server-set fields are read-only. */
export const SUBSCRIPTION_FIELDS = fields(`
  subscriptionId text150 ro
  notificationUrl text2048
  resource text2048
  timestamp int64 ro
  userId guid ro
  lastModifiedDateTime datetime ro
  clientState text2048
  expirationDateTime datetime ro
  systemCreatedAt datetime ro
  systemCreatedBy guid ro
  systemModifiedAt datetime ro
  systemModifiedBy guid ro
`);
