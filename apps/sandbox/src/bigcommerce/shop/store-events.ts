import type { Product, Variant } from '../store/model';

/** Sink for store events; the webhook dispatcher implements it. */
export interface EventSink {
  emit(scope: string, data: Record<string, unknown>): void;
}

/**
 * The `data` of each webhook scope the sandbox fires, as documented: thin payloads with ids only. `store/sku/*`
 * carries the variant's v2 SKU id as `data.id`, not the variant id.
 */
export class StoreEvents {
  constructor(private readonly sink: EventSink) {}

  orderCreated(orderId: number): void {
    this.sink.emit('store/order/created', { type: 'order', id: orderId });
  }

  orderUpdated(orderId: number): void {
    this.sink.emit('store/order/updated', { type: 'order', id: orderId });
  }

  orderArchived(orderId: number): void {
    this.sink.emit('store/order/archived', { type: 'order', id: orderId });
  }

  /** A status change fires `updated` and `statusUpdated`, as the store does. */
  orderStatusChanged(orderId: number, previous: number, next: number): void {
    this.orderUpdated(orderId);
    this.sink.emit('store/order/statusUpdated', {
      type: 'order',
      id: orderId,
      status: { previous_status_id: previous, new_status_id: next },
    });
  }

  refundCreated(orderId: number, refundId: number): void {
    this.sink.emit('store/order/refund/created', { type: 'order', id: orderId, refund: { refund_id: refundId } });
  }

  productUpdated(productId: number): void {
    this.sink.emit('store/product/updated', { type: 'product', id: productId });
  }

  productCreated(productId: number): void {
    this.sink.emit('store/product/created', { type: 'product', id: productId });
  }

  skuUpdated(variant: Variant): void {
    if (variant.skuId === null) return;
    this.sink.emit('store/sku/updated', {
      type: 'sku',
      id: variant.skuId,
      sku: { product_id: variant.productId, variant_id: variant.id },
    });
  }

  customerCreated(customerId: number): void {
    this.sink.emit('store/customer/created', { type: 'customer', id: customerId });
  }

  customerUpdated(customerId: number): void {
    this.sink.emit('store/customer/updated', { type: 'customer', id: customerId });
  }

  /**
   * Stock changed: `store/product/inventory/...` for product-tracked items, `store/sku/inventory/...` for
   * variant-tracked ones; the `order/` variants when an order caused it. `value` is the new level for absolute
   * changes and the delta for relative ones.
   */
  inventoryChanged(
    product: Product,
    variant: Variant | undefined,
    method: 'absolute' | 'relative',
    value: number,
    byOrder: boolean,
  ): void {
    const middle = byOrder ? 'inventory/order/updated' : 'inventory/updated';
    if (product.inventoryTracking === 'variant' && variant && variant.skuId !== null) {
      this.sink.emit(`store/sku/${middle}`, {
        type: 'sku',
        id: variant.skuId,
        inventory: { product_id: product.id, method, value, variant_id: variant.id },
      });
      return;
    }
    if (product.inventoryTracking === 'product') {
      this.sink.emit(`store/product/${middle}`, {
        type: 'product',
        id: product.id,
        inventory: { product_id: product.id, method, value },
      });
    }
  }
}
