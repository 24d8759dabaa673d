import { BigCommerceClient } from '../client/bigcommerce-client';
import { requestPath } from '../client/request-path';
import {
  InventoryAdjustment,
  InventoryAdjustmentItem,
  InventoryPort,
  BIGCOMMERCE_LIMITS,
} from '../bigcommerce-api.port';
import { V3OffsetPaginator } from '../pagination/v3-offset-paginator';
import { BigCommerceLocation, adjustmentResponseSchema, locationCollectionSchema } from '../schemas/inventory.schema';
import { batchSize, collect, integerIn, positiveId } from './input-checks';

/**
 * v3 inventory adjustments. BigCommerce asks that inventory writes wait for each 200 before the next, so this
 * resource runs them one at a time. Absolute (PUT) is idempotent and retried; relative (POST) would double-count if
 * repeated, so a timeout, reset or 5xx after sending surfaces as OutcomeUnknownError. Processing is asynchronous:
 * a read straight after may still show the old level.
 */
export class InventoryResource implements InventoryPort {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly client: BigCommerceClient) {}

  async adjustAbsolute(adjustment: InventoryAdjustment): Promise<{ readonly transactionId: string }> {
    const items = adjustment.items.map((i) => wireItem(i, 0));
    return this.serially(() => this.send('PUT', '/v3/inventory/adjustments/absolute', adjustment.reason, items));
  }

  async adjustRelative(adjustment: InventoryAdjustment): Promise<{ readonly transactionId: string }> {
    const items = adjustment.items.map((i) => wireItem(i, -BIGCOMMERCE_LIMITS.maxInventoryLevel));
    return this.serially(() => this.send('POST', '/v3/inventory/adjustments/relative', adjustment.reason, items));
  }

  async listLocations(): Promise<BigCommerceLocation[]> {
    const pages = new V3OffsetPaginator(
      (page, limit) =>
        this.client.request({
          method: 'GET',
          path: requestPath('/v3/inventory/locations'),
          query: { page, limit },
          schema: locationCollectionSchema,
          priority: 'catalog-push',
        }),
      BIGCOMMERCE_LIMITS.pageSize,
    );
    return collect(pages);
  }

  private async send(method: 'PUT' | 'POST', template: string, reason: string, items: object[]) {
    batchSize(items.length, BIGCOMMERCE_LIMITS.inventoryItemsPerAdjustment, `${method} ${template}`);
    const answer = await this.client.request({
      method,
      path: requestPath(template),
      body: { reason, items },
      schema: adjustmentResponseSchema,
      priority: 'catalog-push',
      delivery: method === 'PUT' ? 'idempotent' : 'once',
    });
    return { transactionId: answer.transaction_id };
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function wireItem(item: InventoryAdjustmentItem, minQuantity: number): object {
  const base = {
    location_id: positiveId(item.locationId, 'locationId'),
    quantity: integerIn(item.quantity, minQuantity, BIGCOMMERCE_LIMITS.maxInventoryLevel, 'quantity'),
  };
  const t = item.target;
  if ('productId' in t) return { ...base, product_id: positiveId(t.productId, 'productId') };
  if ('variantId' in t) return { ...base, variant_id: positiveId(t.variantId, 'variantId') };
  if (t.sku.trim() === '') throw new RangeError('sku must not be empty');
  return { ...base, sku: t.sku };
}
