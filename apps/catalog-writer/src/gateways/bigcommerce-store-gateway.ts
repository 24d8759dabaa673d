import {
  BatchUpdateResult,
  BigCommerceApiClient,
  BigCommerceProduct,
  InventoryAdjustment,
  productCollectionSchema,
  requestPath,
  V3OffsetPaginator,
} from '@mlc/bigcommerce';
import type { InventoryAdjustmentItem as PlannedItem, StoreProductScan, StoreWrite } from '@mlc/catalog';
import { Decimal } from '@mlc/platform-money';
import { z } from 'zod';
import { StoreFacts, StoreGateway, StoreLevel, WriteAttempt } from './store-gateway.port';
import { attemptOfError } from './write-attempt';

const IDS_PER_REQUEST = 100;
const PRODUCT_PAGE = 250;
const LEVELS_PAGE = 1000;

const levelPageSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      identity: z.looseObject({ product_id: z.number().int(), variant_id: z.number().int().nullable().optional() }),
      total_inventory_onhand: z.number().int(),
    }),
  ),
  meta: z
    .looseObject({
      pagination: z.looseObject({ current_page: z.number().int(), total_pages: z.number().int() }).optional(),
    })
    .optional(),
});

/**
 * The store through `@mlc/bigcommerce`: port methods where they exist, and the client's typed `request` for the two
 * reads the port lacks (products by id with their variants, levels per location). Every call runs at
 * `catalog-push` priority, so the store's rate limiter keeps the configured reserve for order reads.
 */
export class BigCommerceStoreGateway implements StoreGateway {
  constructor(private readonly api: BigCommerceApiClient) {}

  async facts(): Promise<StoreFacts> {
    const info = await this.api.storeInformation();
    return {
      currency: info.currency,
      pricesIncludeTax: info.is_price_entered_with_tax ?? false,
      decimals: info.decimal_places ?? 2,
    };
  }

  async *scanProducts(): AsyncIterable<readonly StoreProductScan[]> {
    let page: StoreProductScan[] = [];
    for await (const product of this.api.listProducts({ pageSize: PRODUCT_PAGE })) {
      page.push(productScanOf(product));
      if (page.length === PRODUCT_PAGE) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  async productsByIds(ids: readonly number[]): Promise<StoreProductScan[]> {
    const found: StoreProductScan[] = [];
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += IDS_PER_REQUEST) {
      const answer = await this.api.client.request({
        method: 'GET',
        path: requestPath('/v3/catalog/products'),
        query: { 'id:in': unique.slice(i, i + IDS_PER_REQUEST), include: 'variants', limit: PRODUCT_PAGE },
        schema: productCollectionSchema,
        priority: 'catalog-push',
      });
      found.push(...answer.data.map(productScanOf));
    }
    return found;
  }

  async *levels(locationId: number): AsyncIterable<readonly StoreLevel[]> {
    const pages = new V3OffsetPaginator(
      (page, limit) =>
        this.api.client.request({
          method: 'GET',
          path: requestPath('/v3/inventory/locations/{location_id}/items', { location_id: locationId }),
          query: { page, limit },
          schema: levelPageSchema,
          priority: 'catalog-push',
        }),
      LEVELS_PAGE,
    );
    for await (const rows of pages.pages()) {
      yield rows.map((r) => ({
        productId: r.identity.product_id,
        ...(typeof r.identity.variant_id === 'number' && { variantId: r.identity.variant_id }),
        onHand: r.total_inventory_onhand,
      }));
    }
  }

  async send(write: StoreWrite): Promise<WriteAttempt> {
    try {
      switch (write.kind) {
        case 'variant-prices':
          return batchAttempt(await this.api.updateVariantsBatch(write.body.map(priceUpdate)));
        case 'product-prices':
          return batchAttempt(await this.api.updateProductsBatch(write.body.map(priceUpdate)));
        case 'absolute-stock':
          return stockAttempt(await this.api.adjustAbsolute(adjustmentOf(write.body)));
        case 'relative-stock':
          return stockAttempt(await this.api.adjustRelative(adjustmentOf(write.body)));
      }
    } catch (err) {
      return attemptOfError(err, write);
    }
  }
}

/** The map's view of a product: its SKU, tracking mode, base variant and option variants. */
export function productScanOf(product: BigCommerceProduct): StoreProductScan {
  return {
    id: product.id,
    sku: product.sku,
    inventoryTracking: product.inventory_tracking,
    baseVariantId: product.base_variant_id ?? null,
    variants: (product.variants ?? []).map((v) => ({
      id: v.id,
      sku: v.sku,
      optionValueCount: v.option_values?.length ?? 0,
    })),
  };
}

function priceUpdate(u: { readonly id: number; readonly price: number }) {
  return { id: u.id, price: Decimal.fromWireNumber(u.price) };
}

/** A 207 reports problems without naming the items: the whole batch counts as failed and is sent again later. */
function batchAttempt(answer: BatchUpdateResult<unknown>): WriteAttempt {
  if (answer.problems.length === 0) return { result: 'succeeded', retryable: false };
  const titles = answer.problems.map((p) => p.title ?? `status ${p.status ?? '?'}`).join('; ');
  return { result: 'failed', retryable: false, errorCode: 'PARTIAL_FAILURE', error: `207: ${titles}` };
}

function stockAttempt(answer: { readonly transactionId: string }): WriteAttempt {
  return { result: 'succeeded', retryable: false, transactionId: answer.transactionId };
}

function adjustmentOf(body: { readonly reason: string; readonly items: readonly PlannedItem[] }): InventoryAdjustment {
  return {
    reason: body.reason,
    items: body.items.map((i) => ({
      locationId: i.location_id,
      quantity: i.quantity,
      target: 'product_id' in i ? { productId: i.product_id } : { variantId: i.variant_id },
    })),
  };
}
