// Business Central adapter: Entra tokens, OData client, paging, ETags, resources, subscriptions, notifications.
export type * from './business-central.port';
export { BusinessCentral, createBusinessCentral } from './create-business-central';
export type { BusinessCentralOptions } from './create-business-central';

export type { AccessTokenSource } from './auth/access-token-source.port';
export { BUSINESS_CENTRAL_SCOPE, DEFAULT_AUTHORITY_URL, EntraTokenProvider } from './auth/entra-token-provider';
export type { EntraTokenProviderOptions } from './auth/entra-token-provider';
export { ENTRA_ERROR_TABLE, entraErrorFor } from './auth/entra-error-table';
export type { EntraErrorRow, EntraFailure } from './auth/entra-error-table';

export { BusinessCentralClient, DEFAULT_API_URL } from './client/business-central-client';
export type { BusinessCentralClientOptions, ReadOptions } from './client/business-central-client';
export { environmentRoot } from './client/business-central-target';
export type { BusinessCentralTarget } from './client/business-central-target';
export { BUSINESS_CENTRAL_ERROR_TABLE, businessCentralErrorFor } from './client/business-central-error-table';
export type { BcErrorRow, BcFailure, BcTarget } from './client/business-central-error-table';
export { BusinessCentralApiError, EntityChangedError, isRecordNotFound } from './client/business-central-errors';
export { systemClock } from './client/clock';
export type { Clock } from './client/clock';
export { SKIP, patchWithReread } from './client/etag';
export type { PatchWithRereadOptions } from './client/etag';
export { FIVE_MINUTES_MS, RequestThrottle } from './client/request-throttle';
export type { ThrottleOptions } from './client/request-throttle';
export { BC_PRECISION, toWireDecimal } from './client/wire';

export { TransportFailure } from './http/http-transport.port';
export type { HttpRequest, HttpResponse, HttpTransport, TransportFailureKind } from './http/http-transport.port';
export { UndiciTransport } from './http/undici-transport';
export type { UndiciTransportOptions } from './http/undici-transport';

export * from './odata/odata-filter';
export { renderQuery } from './odata/odata-query';
export type { ExpandOption, ODataQuery, OrderBy } from './odata/odata-query';
export { ODataPager } from './odata/odata-pager';
export type { ODataPage, PageFetcher } from './odata/odata-pager';
export { BcPath, guidKey, isGuid } from './odata/odata-path';

export type { BcCustomer, BcCustomerCreate } from './resources/schemas/customer.schema';
export type { BcItem, BcItemField, BcItemSelection } from './resources/schemas/item.schema';
export type {
  BcAccount,
  BcCompany,
  BcCurrency,
  BcTaxArea,
  BcTaxGroup,
} from './resources/schemas/reference-data.schema';
export type {
  BcSalesCreditMemo,
  BcSalesInvoice,
  BcSalesLine,
  BcSalesOrder,
  BcSalesOrderLine,
} from './resources/schemas/sales-document.schema';
export type {
  BcSubscription,
  BcSubscriptionChanges,
  BcSubscriptionCreate,
} from './resources/schemas/subscription.schema';
export { EMPTY_GUID } from './resources/schemas/common.schema';
export { normaliseExternalDocumentNumber } from './resources/sales-document-input';
export type {
  BcSalesCreditMemoCreate,
  BcSalesInvoiceCreate,
  BcSalesLineCreate,
  BcSalesOrderCreate,
} from './resources/sales-document-input';
export { CUSTOMER_FIELD_LENGTHS } from './resources/customers.resource';
export { subscriptionResource } from './resources/subscriptions.resource';
export { selectCompany } from './resources/reference-data.resource';

export * from './notifications/notification-verifier';
export { parseNotificationResource } from './notifications/notification-resource';
export type { BcNotificationTarget } from './notifications/notification-resource';
