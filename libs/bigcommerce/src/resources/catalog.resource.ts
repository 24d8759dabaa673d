import { Decimal } from '@mlc/platform-money';
import { z } from 'zod';
import { BigCommerceClient } from '../client/bigcommerce-client';
import { requestPath } from '../client/request-path';
import { summarizeErrorBody } from '../client/error-body';
import {
  BatchProblem,
  BatchUpdateResult,
  CatalogPort,
  BIGCOMMERCE_LIMITS,
  ProductUpdate,
  VariantUpdate,
} from '../bigcommerce-api.port';
import { V3OffsetPaginator } from '../pagination/v3-offset-paginator';
import {
  BigCommerceProduct,
  BigCommerceVariant,
  batchUpdateSchema,
  productCollectionSchema,
  productSchema,
  variantCollectionSchema,
  variantSchema,
} from '../schemas/catalog.schema';
import { toWireMoney } from '../values/money';
import { batchSize, collect, defined, integerIn, positiveId } from './input-checks';

/**
 * v3 catalog. Scans and batch updates run at `catalog-push` priority so they leave the rate-limit reserve to order
 * reads. Batch PUTs carry absolute values, so repeating one is harmless and they are retried; a 207 answer is a
 * partial success whose problems are returned beside what was updated.
 */
export class CatalogResource implements CatalogPort {
  constructor(private readonly client: BigCommerceClient) {}

  listProducts(options: { readonly pageSize?: number } = {}): AsyncIterable<BigCommerceProduct> {
    return new V3OffsetPaginator(
      (page, limit) =>
        this.client.request({
          method: 'GET',
          path: requestPath('/v3/catalog/products'),
          query: { include: 'variants', page, limit },
          schema: productCollectionSchema,
          priority: 'catalog-push',
        }),
      options.pageSize ?? BIGCOMMERCE_LIMITS.pageSize,
    );
  }

  async getVariantsBySku(skus: readonly string[]): Promise<BigCommerceVariant[]> {
    const found: BigCommerceVariant[] = [];
    for (const sku of new Set(skus.filter((s) => s !== ''))) {
      const pages = new V3OffsetPaginator(
        (page, limit) =>
          this.client.request({
            method: 'GET',
            path: requestPath('/v3/catalog/variants'),
            query: { sku, page, limit },
            schema: variantCollectionSchema,
            priority: 'catalog-push',
          }),
        BIGCOMMERCE_LIMITS.pageSize,
      );
      found.push(...(await collect(pages)));
    }
    return found;
  }

  async updateVariantsBatch(updates: readonly VariantUpdate[]): Promise<BatchUpdateResult<BigCommerceVariant>> {
    batchSize(updates.length, BIGCOMMERCE_LIMITS.variantsPerBatch, 'updateVariantsBatch');
    const body = updates.map((u) =>
      defined({
        id: positiveId(u.id, 'variant id'),
        price: nullableMoney(u.price),
        sale_price: nullableMoney(u.salePrice),
        inventory_level: level(u.inventoryLevel),
      }),
    );
    return this.put('/v3/catalog/variants', body, variantSchema);
  }

  async updateProductsBatch(updates: readonly ProductUpdate[]): Promise<BatchUpdateResult<BigCommerceProduct>> {
    batchSize(updates.length, BIGCOMMERCE_LIMITS.productsPerBatch, 'updateProductsBatch');
    const body = updates.map((u) =>
      defined({
        id: positiveId(u.id, 'product id'),
        price: u.price === undefined ? undefined : money(u.price),
        sale_price: productSalePrice(u.salePrice),
        inventory_level: level(u.inventoryLevel),
      }),
    );
    return this.put('/v3/catalog/products', body, productSchema);
  }

  private async put<T extends z.ZodType>(
    template: string,
    body: unknown[],
    item: T,
  ): Promise<BatchUpdateResult<z.infer<T>>> {
    const answer = await this.client.request({
      method: 'PUT',
      path: requestPath(template),
      body,
      schema: batchUpdateSchema(item),
      priority: 'catalog-push',
      delivery: 'idempotent',
    });
    const raw = answer.errors === undefined ? [] : Array.isArray(answer.errors) ? answer.errors : [answer.errors];
    const problems: BatchProblem[] = raw.map((p) => ({ status: p.status, ...summarizeErrorBody(p) }));
    return { updated: answer.data as z.infer<T>[], problems };
  }
}

function money(amount: Decimal): number {
  if (amount.isNegative()) throw new RangeError('catalog prices cannot be negative');
  return toWireMoney(amount);
}

function nullableMoney(amount: Decimal | null | undefined): number | null | undefined {
  return amount === undefined || amount === null ? amount : money(amount);
}

/**
 * A product's `sale_price` is a non-nullable number (products_catalog.v3.yml, unlike a variant's): "no sale price"
 * is 0, so clearing it sends 0 rather than null.
 */
function productSalePrice(amount: Decimal | null | undefined): number | undefined {
  return amount === undefined ? undefined : amount === null ? 0 : money(amount);
}

function level(value: number | undefined): number | undefined {
  return value === undefined ? undefined : integerIn(value, 0, BIGCOMMERCE_LIMITS.maxInventoryLevel, 'inventoryLevel');
}
