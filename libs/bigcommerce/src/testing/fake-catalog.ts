import { PermanentError } from '@mlc/platform-errors';
import {
  BatchUpdateResult,
  InventoryAdjustment,
  InventoryTarget,
  BIGCOMMERCE_LIMITS,
  ProductUpdate,
  VariantUpdate,
} from '../bigcommerce-api.port';
import { batchSize, integerIn, positiveId } from '../resources/input-checks';
import { BigCommerceProduct, BigCommerceVariant } from '../schemas/catalog.schema';
import { BigCommerceLocation } from '../schemas/inventory.schema';
import { toWireMoney } from '../values/money';

/**
 * The catalog and inventory half of the fake: products with their variants, levels per location, and the
 * Inventory API's tracking rule (a variant id on a product tracked by product is refused with 422, like the store).
 */
export class FakeCatalog {
  readonly products = new Map<number, BigCommerceProduct>();
  readonly locations: BigCommerceLocation[] = [{ id: 1, code: 'BC-DEFAULT', label: 'Default location', enabled: true }];
  /** Every adjustment accepted, in order. */
  readonly adjustments: Array<{
    readonly mode: 'absolute' | 'relative';
    readonly adjustment: InventoryAdjustment;
    readonly transactionId: string;
  }> = [];
  private readonly levels = new Map<string, number>();
  private transactions = 0;

  seed(product: BigCommerceProduct): void {
    this.products.set(product.id, structuredClone(product));
    for (const v of product.variants ?? []) this.levels.set(key(1, product.id, v.id), v.inventory_level ?? 0);
    this.levels.set(key(1, product.id), product.inventory_level ?? 0);
  }

  variants(): BigCommerceVariant[] {
    return [...this.products.values()].flatMap((p) => p.variants ?? []);
  }

  updateVariants(updates: readonly VariantUpdate[]): BatchUpdateResult<BigCommerceVariant> {
    batchSize(updates.length, BIGCOMMERCE_LIMITS.variantsPerBatch, 'updateVariantsBatch');
    const updated = updates.map((u) => {
      const variant = this.variants().find((v) => v.id === positiveId(u.id, 'variant id'));
      if (!variant) throw unprocessable(`Variant with id ${u.id} not found`);
      if (u.price !== undefined) variant.price = u.price === null ? null : toWireMoney(u.price);
      if (u.salePrice !== undefined) variant.sale_price = u.salePrice === null ? null : toWireMoney(u.salePrice);
      if (u.inventoryLevel !== undefined) this.setLevel(1, variant.product_id, variant.id, u.inventoryLevel);
      return structuredClone(variant);
    });
    return { updated, problems: [] };
  }

  updateProducts(updates: readonly ProductUpdate[]): BatchUpdateResult<BigCommerceProduct> {
    batchSize(updates.length, BIGCOMMERCE_LIMITS.productsPerBatch, 'updateProductsBatch');
    const updated = updates.map((u) => {
      const product = this.products.get(positiveId(u.id, 'product id'));
      if (!product) throw unprocessable(`Product with id ${u.id} not found`);
      if (u.price !== undefined) product.price = toWireMoney(u.price);
      if (u.salePrice !== undefined) product.sale_price = u.salePrice === null ? null : toWireMoney(u.salePrice);
      if (u.inventoryLevel !== undefined) this.setLevel(1, product.id, undefined, u.inventoryLevel);
      return structuredClone(product);
    });
    return { updated, problems: [] };
  }

  /** Validates everything first, then applies: the store refuses a whole adjustment with one bad item. */
  adjust(mode: 'absolute' | 'relative', adjustment: InventoryAdjustment): { transactionId: string } {
    batchSize(adjustment.items.length, BIGCOMMERCE_LIMITS.inventoryItemsPerAdjustment, `${mode} adjustment`);
    const resolved = adjustment.items.map((item) => {
      integerIn(
        item.quantity,
        mode === 'absolute' ? 0 : -BIGCOMMERCE_LIMITS.maxInventoryLevel,
        BIGCOMMERCE_LIMITS.maxInventoryLevel,
        'quantity',
      );
      if (!this.locations.some((l) => l.id === item.locationId))
        throw unprocessable(`Location ${item.locationId} not found`);
      return { ...this.resolve(item.target), item };
    });
    for (const { productId, variantId, item } of resolved) {
      const current = this.level(item.locationId, productId, variantId);
      this.setLevel(
        item.locationId,
        productId,
        variantId,
        mode === 'absolute' ? item.quantity : current + item.quantity,
      );
    }
    this.transactions += 1;
    const transactionId = `fake-tx-${this.transactions}`;
    this.adjustments.push({ mode, adjustment: structuredClone(adjustment), transactionId });
    return { transactionId };
  }

  /** The level the fake holds for a target at a location. */
  inventoryLevel(locationId: number, target: InventoryTarget): number {
    const { productId, variantId } = this.resolve(target);
    return this.level(locationId, productId, variantId);
  }

  private resolve(target: InventoryTarget): { productId: number; variantId?: number } {
    if ('productId' in target) {
      const product = this.products.get(target.productId);
      if (!product) throw unprocessable(`[Item with product_id ${target.productId} not found]`);
      if (product.inventory_tracking === 'variant') {
        throw unprocessable(
          `[Item with product_id ${product.id} is tracked by variant, please update stock by variant id]`,
        );
      }
      return { productId: product.id };
    }
    const variant = this.variants().find((v) =>
      'variantId' in target ? v.id === target.variantId : v.sku === target.sku,
    );
    if (!variant) throw unprocessable('[Item not found]');
    const product = this.products.get(variant.product_id);
    if (!product) throw unprocessable('[Item not found]');
    if (product.inventory_tracking !== 'variant') {
      if ('variantId' in target) {
        throw unprocessable(
          `[Item with variant_id ${variant.id} is tracked by product, please update stock by product id]`,
        );
      }
      return { productId: product.id };
    }
    return { productId: product.id, variantId: variant.id };
  }

  private level(locationId: number, productId: number, variantId?: number): number {
    return this.levels.get(key(locationId, productId, variantId)) ?? 0;
  }

  private setLevel(locationId: number, productId: number, variantId: number | undefined, value: number): void {
    this.levels.set(key(locationId, productId, variantId), value);
    if (locationId !== 1) return;
    const product = this.products.get(productId);
    if (!product) return;
    if (variantId === undefined) product.inventory_level = value;
    const variant = product.variants?.find((v) => v.id === variantId);
    if (variant) variant.inventory_level = value;
  }
}

function key(locationId: number, productId: number, variantId?: number): string {
  return `${locationId}/${productId}/${variantId ?? '-'}`;
}

function unprocessable(title: string): PermanentError {
  return new PermanentError('VALIDATION', `bigcommerce fake failed with 422 (unprocessable entity): ${title}`, {
    status: 422,
  });
}
