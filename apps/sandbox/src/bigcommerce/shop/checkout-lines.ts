import { Decimal } from '@mlc/platform-money';
import { sellingPrice } from '../store/catalog-store';
import type { BigCommerceState } from '../store/bigcommerce-state';
import { itemKey } from '../store/inventory-store';
import type { Product, Variant } from '../store/model';
import type { PlaceOrderRequest } from './order-request';

/** A cart line resolved against the catalog. */
export interface CartLine {
  readonly product: Product;
  readonly variant: Variant | undefined;
  readonly quantity: number;
  /** Entered unit price in the store's default currency. */
  readonly unitPrice: Decimal;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; status: number; error: string };

/** Resolves SKUs to sellable products or variants, refusing unknown, non-purchasable and option-less SKUs. */
export function resolveCart(state: BigCommerceState, req: PlaceOrderRequest): Checked<CartLine[]> {
  const lines: CartLine[] = [];
  for (const line of req.lines) {
    const hit = state.catalog.bySku(line.sku);
    if (!hit) return { ok: false, status: 422, error: `unknown SKU ${line.sku}` };
    if (!hit.variant)
      return { ok: false, status: 422, error: `${line.sku} has options: buy one of its variants' SKUs` };
    if (hit.variant.purchasingDisabled)
      return { ok: false, status: 422, error: `${line.sku} cannot be purchased (purchasing disabled)` };
    lines.push({
      product: hit.product,
      variant: hit.variant,
      quantity: line.quantity,
      unitPrice: sellingPrice(hit.product, hit.variant),
    });
  }
  return { ok: true, value: lines };
}

/** A tracked item's demand at one location, summed over the cart. */
export interface StockDemand {
  readonly key: string;
  readonly product: Product;
  readonly variant: Variant | undefined;
  readonly sku: string;
  readonly quantity: number;
  readonly available: number;
}

/**
 * Checks the cart against stock at the fulfilling location: what a tracked item lacks refuses the order with 422,
 * unless its product allows backorders. Items with `inventory_tracking: none` are never limited.
 */
export function checkStock(state: BigCommerceState, cart: CartLine[], locationId: number): Checked<StockDemand[]> {
  const demand = new Map<string, StockDemand>();
  for (const line of cart) {
    if (line.product.inventoryTracking === 'none' || line.product.type === 'digital') continue;
    const key = itemKey(line.product, line.variant);
    const level = state.inventory.level(locationId, key);
    const available = level && level.isInStock ? level.onHand - level.safetyStock : 0;
    const sku = line.product.inventoryTracking === 'variant' ? line.variant!.sku : line.product.sku;
    const previous = demand.get(key)?.quantity ?? 0;
    demand.set(key, {
      key,
      product: line.product,
      variant: line.variant,
      sku,
      quantity: previous + line.quantity,
      available,
    });
  }
  for (const d of demand.values()) {
    if (d.quantity > d.available && !d.product.allowBackorders) {
      return {
        ok: false,
        status: 422,
        error: `${d.sku} is out of stock: ${Math.max(0, d.available)} available, ${d.quantity} requested`,
      };
    }
  }
  return { ok: true, value: [...demand.values()] };
}
