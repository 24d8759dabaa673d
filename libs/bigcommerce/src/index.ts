// The BigCommerce adapter: the only code that knows BigCommerce's HTTP details.

// Port and its types (what the services depend on).
export * from './bigcommerce-api.port';

// HTTP implementation.
export { BigCommerceApiClient, createBigCommerceApi } from './resources/bigcommerce-api-client';
export { BigCommerceClient, BigCommerceRequest, Delivery, HttpMethod } from './client/bigcommerce-client';
export {
  BigCommerceClientOptions,
  BigCommerceRetryOptions,
  CONNECTOR_VERSION,
  DEFAULT_API_URL,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_RETRY,
} from './client/bigcommerce-client.options';
export { PathParams, QueryParams, QueryValue, RequestPath, buildQuery, requestPath } from './client/request-path';
export {
  BIGCOMMERCE_STATUS_TABLE,
  StatusRule,
  bigCommerceError,
  ruleForStatus,
} from './client/bigcommerce-error-table';

// Rate limiting.
export {
  RateLimitPermit,
  RateLimitSnapshot,
  RateLimiterOptions,
  RequestPriority,
  StoreRateLimiter,
} from './rate-limit/rate-limiter';
export { HeaderBag, RateLimitHeaders, readRateLimitHeaders, retryAfterMs } from './rate-limit/rate-limit-headers';

// Pagination objects.
export * from './pagination/v2-page-paginator';
export * from './pagination/v3-offset-paginator';
export * from './pagination/cursor-paginator';

// Response schemas and types.
export * from './schemas/order.schema';
export * from './schemas/refund.schema';
export * from './schemas/customer.schema';
export * from './schemas/catalog.schema';
export * from './schemas/inventory.schema';
export * from './schemas/hook.schema';
export * from './schemas/store.schema';

// Values.
export * from './values/dates';
export { MONEY_PATTERN, formatMoney, parseMoney, toWireMoney } from './values/money';

// Webhooks.
export * from './webhooks/webhook-verifier';
export * from './webhooks/webhook-payloads';
