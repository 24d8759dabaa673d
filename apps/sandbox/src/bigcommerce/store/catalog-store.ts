import { Decimal } from '@mlc/platform-money';
import type { InventoryTracking, OptionValue, Product, Variant } from './model';

/** A new product as the seed or the control API describes it. */
export interface NewProduct {
  readonly name: string;
  readonly sku: string;
  readonly price: Decimal;
  readonly type?: 'physical' | 'digital';
  readonly weight?: Decimal;
  readonly costPrice?: Decimal;
  readonly inventoryTracking?: InventoryTracking;
  readonly allowBackorders?: boolean;
  readonly variants?: ReadonlyArray<{ sku: string; price: Decimal | null; optionLabel: string }>;
}

/** Products and variants with id and SKU indexes. Product SKUs and variant SKUs share one namespace. */
export class CatalogStore {
  private readonly productsById = new Map<number, Product>();
  private readonly variantsById = new Map<number, Variant>();
  private readonly skus = new Map<string, { product: Product; variant?: Variant }>();
  private nextProductId = 111;
  private nextVariantId = 1001;
  private nextSkuId = 501;
  private nextOptionId = 71;
  private nextOptionValueId = 301;

  add(input: NewProduct, now: number): Product {
    const id = this.nextProductId++;
    const hasOptions = (input.variants?.length ?? 0) > 0;
    const optionId = hasOptions ? this.nextOptionId++ : 0;
    const values = (input.variants ?? []).map((v) => ({ id: this.nextOptionValueId++, label: v.optionLabel }));
    const variants: Variant[] = hasOptions
      ? input.variants!.map((v, i) =>
          this.makeVariant(id, v.sku, this.nextSkuId++, v.price, [
            { id: values[i]!.id, optionId, label: v.optionLabel, optionDisplayName: 'Size' },
          ]),
        )
      : [this.makeVariant(id, input.sku, null, null, [])];
    const product: Product = {
      id,
      revision: 0,
      name: input.name,
      type: input.type ?? 'physical',
      sku: input.sku,
      price: input.price,
      salePrice: Decimal.ZERO,
      retailPrice: Decimal.ZERO,
      costPrice: input.costPrice ?? Decimal.ZERO,
      weight: input.weight ?? Decimal.ZERO,
      inventoryTracking: input.inventoryTracking ?? (hasOptions ? 'variant' : 'product'),
      inventoryWarningLevel: 0,
      isVisible: true,
      allowBackorders: input.allowBackorders ?? false,
      dateCreated: now,
      dateModified: now,
      variants,
      baseVariantId: hasOptions ? null : variants[0]!.id,
      options: hasOptions ? [{ id: optionId, displayName: 'Size', values }] : [],
    };
    this.productsById.set(id, product);
    this.skus.set(product.sku, { product });
    for (const v of variants) {
      this.variantsById.set(v.id, v);
      this.skus.set(v.sku, { product, variant: v });
    }
    return product;
  }

  hasSku(sku: string): boolean {
    return this.skus.has(sku);
  }

  /** A product SKU of a simple product resolves to its base variant too. */
  bySku(sku: string): { product: Product; variant?: Variant } | undefined {
    const hit = this.skus.get(sku);
    if (hit && !hit.variant && hit.product.baseVariantId !== null) {
      return { product: hit.product, variant: this.variantsById.get(hit.product.baseVariantId) };
    }
    return hit;
  }

  product(id: number): Product | undefined {
    return this.productsById.get(id);
  }

  variant(id: number): Variant | undefined {
    return this.variantsById.get(id);
  }

  private makeVariant(
    productId: number,
    sku: string,
    skuId: number | null,
    price: Decimal | null,
    optionValues: OptionValue[],
  ): Variant {
    return {
      id: this.nextVariantId++,
      productId,
      sku,
      skuId,
      price,
      salePrice: null,
      retailPrice: null,
      costPrice: null,
      weight: null,
      purchasingDisabled: false,
      upc: '',
      inventoryWarningLevel: 0,
      binPickingNumber: '',
      optionValues,
    };
  }

  /** All products in id order. */
  products(): Product[] {
    return [...this.productsById.values()];
  }

  /** All variants in id order (base variants included). */
  variants(): Variant[] {
    return [...this.variantsById.values()];
  }

  /** Moves an index entry when a SKU changes; the caller has checked the new SKU is free. */
  renameSku(oldSku: string, newSku: string): void {
    const hit = this.skus.get(oldSku);
    if (!hit) return;
    this.skus.delete(oldSku);
    this.skus.set(newSku, hit);
  }

  clear(): void {
    this.productsById.clear();
    this.variantsById.clear();
    this.skus.clear();
    this.nextProductId = 111;
    this.nextVariantId = 1001;
    this.nextSkuId = 501;
    this.nextOptionId = 71;
    this.nextOptionValueId = 301;
  }
}

/** The price a shopper pays before tax and discounts: the sale price when set, else the price (variant over product). */
export function sellingPrice(product: Product, variant: Variant | undefined): Decimal {
  const price = variant?.price ?? product.price;
  const sale = variant?.salePrice ?? product.salePrice;
  return sale.gt(0) ? sale : price;
}
