import { Decimal } from '@mlc/platform-money';
import { BigCommerceCustomer } from './schemas/customer.schema';
import { BigCommerceHook } from './schemas/hook.schema';
import { BigCommerceLocation } from './schemas/inventory.schema';
import { BigCommerceOrder, BigCommerceOrderProduct, BigCommerceOrderSummary } from './schemas/order.schema';
import { BigCommerceProduct, BigCommerceVariant } from './schemas/catalog.schema';
import { BigCommerceRefund } from './schemas/refund.schema';
import { BigCommerceStoreInformation } from './schemas/store.schema';

/**
 * What the connector's services need from one BigCommerce store. The HTTP client implements it; the in-memory fake
 * under `@mlc/bigcommerce/testing` implements it for unit tests of the apps. Every method throws only the closed
 * error set (RetryableError, OutcomeUnknownError, PermanentError) or a RangeError for a call that breaks a
 * documented limit (a programmer error).
 */
export const BIGCOMMERCE_LIMITS = {
  /** PUT /v3/catalog/variants. */
  variantsPerBatch: 50,
  /** PUT /v3/catalog/products. */
  productsPerBatch: 10,
  /** PUT|POST /v3/inventory/adjustments/*. */
  inventoryItemsPerAdjustment: 2000,
  /** Emails per `email:in` lookup, keeping URLs short. */
  emailsPerLookup: 50,
  /** Largest documented page size. */
  pageSize: 250,
  /** Inventory API maximum level. */
  maxInventoryLevel: 2_147_483_647,
} as const;

export interface StorePort {
  /** GET /v2/store: the store hash, the numeric store id webhooks carry, currency and time zone. */
  storeInformation(): Promise<BigCommerceStoreInformation>;
}

export interface ListOrdersOptions {
  /** Upper bound on `date_modified` (inclusive). */
  readonly until?: Date;
  readonly pageSize?: number;
}

export interface OrdersPort {
  /** One order with every line inline (`include=consignments.line_items&consignment_structure=object`). */
  getOrder(orderId: number): Promise<BigCommerceOrder>;
  /** Orders modified at or after `since` (whole seconds), oldest first, each id once, paged to the end. */
  listOrdersModifiedSince(since: Date, options?: ListOrdersOptions): AsyncIterable<BigCommerceOrderSummary>;
  /** GET /v2/orders/{id}/products, every page. */
  listOrderProducts(orderId: number): Promise<BigCommerceOrderProduct[]>;
  /** GET /v3/orders/{id}/payment_actions/refunds. */
  listRefunds(orderId: number): Promise<BigCommerceRefund[]>;
}

export interface CustomersPort {
  /** Customers whose email is one of `emails` (`email:in`, cursor-paged). Emails containing a comma are skipped. */
  findCustomersByEmail(emails: readonly string[]): Promise<BigCommerceCustomer[]>;
}

export interface VariantUpdate {
  readonly id: number;
  /** null: inherit the product price. */
  readonly price?: Decimal | null;
  readonly salePrice?: Decimal | null;
  readonly inventoryLevel?: number;
}

export interface ProductUpdate {
  readonly id: number;
  readonly price?: Decimal;
  /** null: no sale price (sent as 0: a product's `sale_price` is not nullable, unlike a variant's). */
  readonly salePrice?: Decimal | null;
  readonly inventoryLevel?: number;
}

/** A partial failure reported by a 207 answer: status, cleaned title and failing field names only. */
export interface BatchProblem {
  readonly status?: number;
  readonly title?: string;
  readonly fields: readonly string[];
}

export interface BatchUpdateResult<T> {
  readonly updated: readonly T[];
  readonly problems: readonly BatchProblem[];
}

export interface CatalogPort {
  /** Every product with its variants (`include=variants`, 250 per page). */
  listProducts(options?: { readonly pageSize?: number }): AsyncIterable<BigCommerceProduct>;
  /** Variants matching each SKU (GET /v3/catalog/variants?sku=, one request per SKU: `sku:in` is undocumented). */
  getVariantsBySku(skus: readonly string[]): Promise<BigCommerceVariant[]>;
  /** PUT /v3/catalog/variants, 1 to 50 items with absolute values. */
  updateVariantsBatch(updates: readonly VariantUpdate[]): Promise<BatchUpdateResult<BigCommerceVariant>>;
  /** PUT /v3/catalog/products, 1 to 10 items with absolute values. */
  updateProductsBatch(updates: readonly ProductUpdate[]): Promise<BatchUpdateResult<BigCommerceProduct>>;
}

/** Which record an inventory level belongs to: by product (tracking `product`), by variant (`variant`), or by SKU. */
export type InventoryTarget =
  { readonly productId: number } | { readonly variantId: number } | { readonly sku: string };

export interface InventoryAdjustmentItem {
  readonly locationId: number;
  /** Absolute: the new level. Relative: the change, may be negative. */
  readonly quantity: number;
  readonly target: InventoryTarget;
}

export interface InventoryAdjustment {
  readonly reason: string;
  readonly items: readonly InventoryAdjustmentItem[];
}

export interface InventoryPort {
  /** PUT /v3/inventory/adjustments/absolute; idempotent, so retried. Calls run one at a time per client. */
  adjustAbsolute(adjustment: InventoryAdjustment): Promise<{ readonly transactionId: string }>;
  /** POST /v3/inventory/adjustments/relative; never retried once sent (OutcomeUnknownError). One at a time. */
  adjustRelative(adjustment: InventoryAdjustment): Promise<{ readonly transactionId: string }>;
  listLocations(): Promise<BigCommerceLocation[]>;
}

export interface HookFilter {
  readonly scope?: string;
  readonly destination?: string;
  readonly isActive?: boolean;
}

export interface CreateHookInput {
  readonly scope: string;
  readonly destination: string;
  /** Custom headers BigCommerce sends on every delivery (the connector's secret header). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly isActive?: boolean;
}

export interface HookPatch {
  readonly isActive?: boolean;
  readonly headers?: Readonly<Record<string, string>> | null;
  readonly destination?: string;
  readonly scope?: string;
}

export interface HooksPort {
  listHooks(filter?: HookFilter): Promise<BigCommerceHook[]>;
  /** POST /v3/hooks. A timeout or 5xx is OutcomeUnknownError: list the hooks before creating again. */
  createHook(input: CreateHookInput): Promise<BigCommerceHook>;
  /** PUT /v3/hooks/{id}, e.g. `{isActive: true}` to reactivate a hook BigCommerce deactivated. */
  updateHook(hookId: number, patch: HookPatch): Promise<BigCommerceHook>;
  deleteHook(hookId: number): Promise<BigCommerceHook>;
}

export interface BigCommerceApi extends StorePort, OrdersPort, CustomersPort, CatalogPort, InventoryPort, HooksPort {}
