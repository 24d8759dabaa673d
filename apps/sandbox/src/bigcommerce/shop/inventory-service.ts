import type { SandboxClock } from '../../core/clock';
import { isInt, isRecord } from '../http/request-input';
import type { BigCommerceState } from '../store/bigcommerce-state';
import { itemKey, MAX_INVENTORY } from '../store/inventory-store';
import type { Product, Variant } from '../store/model';
import type { StoreEvents } from './store-events';

export const MAX_ADJUSTMENT_ITEMS = 2000;

export type AdjustmentMode = 'absolute' | 'relative';

interface ResolvedAdjustment {
  readonly locationId: number;
  readonly key: string;
  readonly product: Product;
  readonly variant: Variant | undefined;
  readonly quantity: number;
}

export type AdjustmentCheck =
  { ok: true; items: ResolvedAdjustment[] } | { ok: false; title: string; errors: Record<string, string> };

/**
 * Inventory adjustments as the Inventory API takes them: each item names a location and exactly one of `sku`,
 * `variant_id`, `product_id`, which must match how the product is tracked. A request is checked as a whole (any bad
 * item refuses all of it); accepted adjustments are applied asynchronously after `inventoryApplyDelayMs`, so a read
 * straight after the 200 may still show the old stock, as the real store warns.
 */
export class InventoryService {
  private generation = 0;

  constructor(
    private readonly state: BigCommerceState,
    private readonly clock: SandboxClock,
    private readonly events: StoreEvents,
  ) {}

  check(mode: AdjustmentMode, rawItems: unknown[]): AdjustmentCheck {
    const items: ResolvedAdjustment[] = [];
    const errors: Record<string, string> = {};
    const problems: string[] = [];
    const needsAbsolute: string[] = [];
    rawItems.forEach((raw, i) => {
      const resolved = this.resolve(raw, mode);
      if (typeof resolved === 'string') {
        problems.push(resolved);
        errors[`items.${i}`] = resolved;
      } else if (resolved.needsAbsolute) {
        needsAbsolute.push(resolved.identity);
      } else items.push(resolved.item);
    });
    if (needsAbsolute.length > 0) {
      return {
        ok: false,
        title: `Items with identity: [${needsAbsolute.join(', ')}] requires absolute adjustment before relative`,
        errors: {},
      };
    }
    if (problems.length > 0) return { ok: false, title: `[${problems.join(', ')}]`, errors };
    return { ok: true, items };
  }

  /** Queues checked adjustments; returns the transaction id the API answers with. */
  submit(mode: AdjustmentMode, items: ResolvedAdjustment[]): string {
    const transactionId = `${Date.now().toString(16)}-${this.state.ids.inventoryTransaction.take()}`;
    const delay = this.state.settings.inventoryApplyDelayMs;
    const generation = this.generation;
    const run = () => generation === this.generation && this.apply(mode, items);
    if (delay === 0) run();
    else this.clock.after(delay, run);
    return transactionId;
  }

  /** A catalog write of `inventory_level` (default location, absolute, applied at once). */
  setFromCatalog(product: Product, variant: Variant | undefined, level: number): void {
    const clamped = Math.min(MAX_INVENTORY, Math.max(0, level));
    this.state.inventory.setOnHand(1, itemKey(product, variant), clamped);
    this.events.inventoryChanged(product, variant, 'absolute', clamped, false);
  }

  reset(): void {
    this.generation += 1;
  }

  private apply(mode: AdjustmentMode, items: ResolvedAdjustment[]): void {
    for (const item of items) {
      const level = this.state.inventory.level(item.locationId, item.key);
      const next = mode === 'absolute' ? item.quantity : (level?.onHand ?? 0) + item.quantity;
      // A relative change that would now break the floor (an order took the stock meanwhile) fails, as the async job would.
      if (next < (level?.safetyStock ?? 0) || next > MAX_INVENTORY) continue;
      this.state.inventory.setOnHand(item.locationId, item.key, next);
      this.events.inventoryChanged(item.product, item.variant, mode, item.quantity, false);
    }
  }

  private resolve(
    raw: unknown,
    mode: AdjustmentMode,
  ): string | { item: ResolvedAdjustment; needsAbsolute?: false } | { needsAbsolute: true; identity: string } {
    if (!isRecord(raw)) return 'Item must be an object';
    const identities = (['sku', 'variant_id', 'product_id'] as const).filter((k) => raw[k] !== undefined);
    if (identities.length !== 1) return 'Item needs exactly one of sku, variant_id or product_id';
    const field = identities[0]!;
    const value = raw[field];
    if (!isInt(raw.location_id)) return `Item with ${field} ${String(value)} needs an integer location_id`;
    if (!isInt(raw.quantity)) return `Item with ${field} ${String(value)} needs an integer quantity`;
    const target = this.target(field, value);
    if (typeof target === 'string') return target;
    const locationId = raw.location_id;
    if (!this.state.inventory.location(locationId)) return `Location with id ${locationId} does not exist`;
    const key = itemKey(target.product, target.variant);
    const level = this.state.inventory.level(locationId, key);
    if (mode === 'absolute') {
      if (raw.quantity < 0 || raw.quantity > MAX_INVENTORY)
        return `Item with ${field} ${String(value)} has a quantity out of range 0..${MAX_INVENTORY}`;
    } else {
      if (!level) return { needsAbsolute: true, identity: `${field} ${String(value)}` };
      const next = level.onHand + raw.quantity;
      if (next < level.safetyStock)
        return `Item with ${field} ${String(value)} cannot go below its safety stock of ${level.safetyStock}`;
      if (next > MAX_INVENTORY) return `Item with ${field} ${String(value)} would exceed ${MAX_INVENTORY}`;
    }
    return { item: { locationId, key, product: target.product, variant: target.variant, quantity: raw.quantity } };
  }

  private target(
    field: 'sku' | 'variant_id' | 'product_id',
    value: unknown,
  ): string | { product: Product; variant: Variant | undefined } {
    if (field === 'sku') {
      const hit = typeof value === 'string' ? this.state.catalog.bySku(value) : undefined;
      if (!hit) return `Item with sku ${String(value)} does not exist`;
      const isVariantSku = hit.variant !== undefined && hit.variant.skuId !== null;
      if (hit.product.inventoryTracking === 'variant' && !isVariantSku)
        return `Item with sku ${String(value)} is tracked by variant, please update stock by variant`;
      if (hit.product.inventoryTracking !== 'variant' && isVariantSku)
        return `Item with sku ${String(value)} is tracked by product, please update stock by product id`;
      return { product: hit.product, variant: hit.variant };
    }
    if (!isInt(value)) return `Item with ${field} ${String(value)} is not a valid id`;
    if (field === 'variant_id') {
      const variant = this.state.catalog.variant(value);
      const product = variant ? this.state.catalog.product(variant.productId) : undefined;
      if (!variant || !product) return `Item with variant_id ${value} does not exist`;
      if (product.inventoryTracking !== 'variant')
        return `Item with variant_id ${value} is tracked by product, please update stock by product id`;
      return { product, variant };
    }
    const product = this.state.catalog.product(value);
    if (!product) return `Item with product_id ${value} does not exist`;
    if (product.inventoryTracking === 'variant')
      return `Item with product_id ${value} is tracked by variant, please update stock by variant id`;
    return { product, variant: undefined };
  }
}
