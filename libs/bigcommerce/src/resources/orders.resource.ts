import { BigCommerceClient } from '../client/bigcommerce-client';
import { requestPath } from '../client/request-path';
import { BIGCOMMERCE_LIMITS, ListOrdersOptions, OrdersPort } from '../bigcommerce-api.port';
import { V2PagePaginator } from '../pagination/v2-page-paginator';
import {
  BigCommerceOrder,
  BigCommerceOrderProduct,
  BigCommerceOrderSummary,
  orderProductListSchema,
  orderSchema,
  orderSummaryListSchema,
} from '../schemas/order.schema';
import { BigCommerceRefund, refundCollectionSchema } from '../schemas/refund.schema';
import { formatRfc2822 } from '../values/dates';
import { collect, positiveId } from './input-checks';

/**
 * v2 orders and v3 refunds. Lines come inline with the order (one call per order, DESIGN.md 11). The modified-since
 * poll sends RFC 2822 bounds (the format v2 emits, `+` encoded as `%2B`), sorts by `date_modified:asc` and drops ids
 * already seen: an order modified while we page moves to the end and shows up twice.
 */
export class OrdersResource implements OrdersPort {
  constructor(private readonly client: BigCommerceClient) {}

  async getOrder(orderId: number): Promise<BigCommerceOrder> {
    return this.client.request({
      method: 'GET',
      path: requestPath('/v2/orders/{id}', { id: positiveId(orderId, 'orderId') }),
      query: { include: 'consignments.line_items', consignment_structure: 'object' },
      schema: orderSchema,
      priority: 'order-read',
    });
  }

  async *listOrdersModifiedSince(
    since: Date,
    options: ListOrdersOptions = {},
  ): AsyncGenerator<BigCommerceOrderSummary> {
    const query = {
      min_date_modified: formatRfc2822(since),
      max_date_modified: options.until ? formatRfc2822(options.until) : undefined,
      sort: 'date_modified:asc',
    };
    const pages = new V2PagePaginator(
      (page, limit) =>
        this.client.request({
          method: 'GET',
          path: requestPath('/v2/orders'),
          query: { ...query, page, limit },
          schema: orderSummaryListSchema,
          empty: () => [],
          priority: 'order-read',
        }),
      options.pageSize ?? BIGCOMMERCE_LIMITS.pageSize,
    );
    const seen = new Set<number>();
    for await (const order of pages) {
      if (seen.has(order.id)) continue;
      seen.add(order.id);
      yield order;
    }
  }

  async listOrderProducts(orderId: number): Promise<BigCommerceOrderProduct[]> {
    const path = requestPath('/v2/orders/{id}/products', { id: positiveId(orderId, 'orderId') });
    const pages = new V2PagePaginator(
      (page, limit) =>
        this.client.request({
          method: 'GET',
          path,
          query: { page, limit },
          schema: orderProductListSchema,
          empty: () => [],
          priority: 'order-read',
        }),
      BIGCOMMERCE_LIMITS.pageSize,
    );
    return collect(pages);
  }

  /** One call: the per-order refund list is not paginated (its meta is empty). */
  async listRefunds(orderId: number): Promise<BigCommerceRefund[]> {
    const answer = await this.client.request({
      method: 'GET',
      path: requestPath('/v3/orders/{id}/payment_actions/refunds', { id: positiveId(orderId, 'orderId') }),
      schema: refundCollectionSchema,
      empty: () => ({ data: [], meta: {} }),
      priority: 'order-read',
    });
    return answer.data;
  }
}
