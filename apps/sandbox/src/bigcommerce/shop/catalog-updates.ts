import { Decimal } from '@mlc/platform-money';
import { isInt } from '../http/request-input';
import type { BigCommerceState } from '../store/bigcommerce-state';
import { MAX_INVENTORY } from '../store/inventory-store';
import type { InventoryTracking, Product, Variant } from '../store/model';
import type { InventoryService } from './inventory-service';
import { storeNow } from './order-service';
import type { StoreEvents } from './store-events';
import type { SandboxClock } from '../../core/clock';

const PRICE_FIELDS = {
  price: 'price',
  sale_price: 'salePrice',
  retail_price: 'retailPrice',
  cost_price: 'costPrice',
} as const;
const TRACKING = new Set(['none', 'product', 'variant']);

export type FieldErrors = Record<string, string>;

function toMoney(value: unknown): Decimal | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 1e12
    ? Decimal.fromWireNumber(value)
    : undefined;
}

/**
 * Checks one product update of a batch; returns field errors (422) or a conflict (409: a SKU or name in use).
 * Fields the sandbox does not model are accepted and ignored, as most product fields are.
 */
export function checkProductUpdate(
  state: BigCommerceState,
  product: Product,
  body: Record<string, unknown>,
): { errors: FieldErrors; conflict?: string } {
  const errors: FieldErrors = {};
  for (const field of Object.keys(PRICE_FIELDS)) {
    if (body[field] !== undefined && toMoney(body[field]) === undefined)
      errors[field] = 'must be a number greater than or equal to 0';
  }
  if (body.weight !== undefined && toMoney(body.weight) === undefined)
    errors.weight = 'must be a number greater than or equal to 0';
  if (body.name !== undefined && (typeof body.name !== 'string' || body.name.length < 1 || body.name.length > 250))
    errors.name = 'must be 1 to 250 characters';
  if (body.sku !== undefined && (typeof body.sku !== 'string' || body.sku.length > 255))
    errors.sku = 'must be a string of at most 255 characters';
  if (body.inventory_level !== undefined && (!isInt(body.inventory_level) || body.inventory_level < 0))
    errors.inventory_level = 'must be a non-negative integer';
  if (
    body.inventory_warning_level !== undefined &&
    (!isInt(body.inventory_warning_level) || body.inventory_warning_level < 0)
  ) {
    errors.inventory_warning_level = 'must be a non-negative integer';
  }
  if (body.inventory_tracking !== undefined && !TRACKING.has(String(body.inventory_tracking)))
    errors.inventory_tracking = 'must be none, product or variant';
  if (body.is_visible !== undefined && typeof body.is_visible !== 'boolean') errors.is_visible = 'must be a boolean';
  let conflict: string | undefined;
  if (typeof body.sku === 'string' && body.sku !== product.sku && state.catalog.hasSku(body.sku))
    conflict = `The sku "${body.sku}" is already in use.`;
  if (
    typeof body.name === 'string' &&
    body.name !== product.name &&
    state.catalog.products().some((p) => p.name === body.name)
  ) {
    conflict = `The product name "${body.name}" is a duplicate.`;
  }
  return { errors, conflict };
}

export function checkVariantUpdate(
  state: BigCommerceState,
  product: Product,
  variant: Variant,
  body: Record<string, unknown>,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of [...Object.keys(PRICE_FIELDS), 'weight']) {
    if (body[field] !== undefined && body[field] !== null && toMoney(body[field]) === undefined)
      errors[field] = 'must be null or a number greater than or equal to 0';
  }
  if (body.inventory_level !== undefined && body.inventory_level !== null) {
    if (!isInt(body.inventory_level) || body.inventory_level < 0)
      errors.inventory_level = 'must be a non-negative integer';
    else if (product.inventoryTracking !== 'variant')
      errors.inventory_level = `product ${product.id} tracks inventory by ${product.inventoryTracking}, not by variant`;
  }
  if (body.purchasing_disabled !== undefined && typeof body.purchasing_disabled !== 'boolean')
    errors.purchasing_disabled = 'must be a boolean';
  if (body.sku !== undefined) {
    if (typeof body.sku !== 'string' || body.sku.length < 1) errors.sku = 'must be a non-empty string';
    else if (body.sku !== variant.sku && state.catalog.hasSku(body.sku))
      errors.sku = `The sku "${body.sku}" is already in use.`;
  }
  if (body.upc !== undefined && body.upc !== null && (typeof body.upc !== 'string' || body.upc.length > 14))
    errors.upc = 'must be at most 14 characters';
  return errors;
}

/** Applies checked catalog writes, keeping SKU indexes, stock and webhooks in step. */
export class CatalogWriter {
  constructor(
    private readonly state: BigCommerceState,
    private readonly clock: SandboxClock,
    private readonly events: StoreEvents,
    private readonly inventory: InventoryService,
  ) {}

  /** Returns a partial-failure message when `inventory_level` could not be applied (the product is not tracked by product). */
  updateProduct(product: Product, body: Record<string, unknown>): string | undefined {
    for (const [field, key] of Object.entries(PRICE_FIELDS)) {
      const value = toMoney(body[field]);
      if (value !== undefined) product[key] = value;
    }
    if (toMoney(body.weight)) product.weight = toMoney(body.weight)!;
    if (typeof body.name === 'string') product.name = body.name;
    if (typeof body.sku === 'string' && body.sku !== product.sku) {
      this.state.catalog.renameSku(product.sku, body.sku);
      product.sku = body.sku;
      const base = product.baseVariantId !== null ? this.state.catalog.variant(product.baseVariantId) : undefined;
      if (base) base.sku = body.sku;
    }
    if (isInt(body.inventory_warning_level)) product.inventoryWarningLevel = body.inventory_warning_level;
    if (typeof body.inventory_tracking === 'string')
      product.inventoryTracking = body.inventory_tracking as InventoryTracking;
    if (typeof body.is_visible === 'boolean') product.isVisible = body.is_visible;
    product.dateModified = storeNow(this.clock);
    product.revision += 1;
    this.events.productUpdated(product.id);
    if (!isInt(body.inventory_level)) return undefined;
    if (product.inventoryTracking !== 'product') {
      return `Inventory of product ${product.id} is tracked by ${product.inventoryTracking}; inventory_level was not updated.`;
    }
    this.inventory.setFromCatalog(product, undefined, Math.min(MAX_INVENTORY, body.inventory_level));
    return undefined;
  }

  updateVariant(product: Product, variant: Variant, body: Record<string, unknown>): void {
    const isBase = variant.id === product.baseVariantId;
    for (const [field, key] of Object.entries(PRICE_FIELDS)) {
      if (body[field] === undefined) continue;
      const value = body[field] === null ? null : toMoney(body[field])!;
      // A base variant's prices are the product's own.
      if (isBase) product[key] = value ?? (key === 'price' ? product.price : Decimal.ZERO);
      else variant[key] = value;
    }
    if (body.weight !== undefined) variant.weight = body.weight === null ? null : toMoney(body.weight)!;
    if (typeof body.purchasing_disabled === 'boolean') variant.purchasingDisabled = body.purchasing_disabled;
    if (typeof body.upc === 'string') variant.upc = body.upc;
    if (isInt(body.inventory_warning_level)) variant.inventoryWarningLevel = body.inventory_warning_level;
    if (typeof body.sku === 'string' && body.sku !== variant.sku) {
      this.state.catalog.renameSku(variant.sku, body.sku);
      variant.sku = body.sku;
      if (isBase) product.sku = body.sku;
    }
    product.dateModified = storeNow(this.clock);
    product.revision += 1;
    if (isBase) this.events.productUpdated(product.id);
    else this.events.skuUpdated(variant);
    if (isInt(body.inventory_level)) this.inventory.setFromCatalog(product, variant, body.inventory_level);
  }
}
