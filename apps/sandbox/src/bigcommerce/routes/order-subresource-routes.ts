import type { ApiContext, ApiRoute } from '../http/api-gateway';
import { v2Error } from '../http/bc-errors';
import { pageRequest, v2List } from '../http/pagination';
import { ORDER_STATUSES, serializeStatus, STATUS_BY_ID } from '../store/order-statuses';
import { serializeConsignments } from '../serializers/consignment-serializer';
import { serializeOrderLine } from '../serializers/order-line-serializer';
import { serializeCoupon, serializeShippingAddress } from '../serializers/order-serializer';
import { apiBase, BigCommerceServices, findOrder } from './services';

const SCOPES = ['store_v2_orders'] as const;
const NOT_FOUND = () => v2Error(404, 'The requested resource was not found.');

/**
 * v2 order sub-resources: products (50 per page by default), shipping addresses (served under both documented
 * spellings, `/shipping_addresses` and the `/shippingaddresses` the order's reference points to), coupons,
 * consignments, shipping quotes (always 204: API and control-API orders have none) and order statuses.
 */
export function orderSubresourceRoutes(s: BigCommerceServices): ApiRoute[] {
  const withOrder = (ctx: ApiContext) => findOrder(s, ctx.params.order_id);
  const base = (ctx: ApiContext) => apiBase(ctx.req, s.state.settings.storeHash);
  const addressRoutes = ['shipping_addresses', 'shippingaddresses'].flatMap((segment): ApiRoute[] => [
    {
      method: 'GET',
      path: `/v2/orders/:order_id/${segment}`,
      scopes: SCOPES,
      handler: (ctx) => {
        const order = withOrder(ctx);
        if (!order) return NOT_FOUND();
        return v2List(order.shippingAddresses, pageRequest(ctx.query, 50, 250), (a) =>
          serializeShippingAddress(order, a, base(ctx)),
        );
      },
    },
    {
      method: 'GET',
      path: `/v2/orders/:order_id/${segment}/:address_id`,
      scopes: SCOPES,
      handler: (ctx) => {
        const order = withOrder(ctx);
        const address = order?.shippingAddresses.find((a) => String(a.id) === ctx.params.address_id);
        if (!order || !address) return NOT_FOUND();
        return { status: 200, body: serializeShippingAddress(order, address, base(ctx)) };
      },
    },
    {
      method: 'GET',
      path: `/v2/orders/:order_id/${segment}/:address_id/shipping_quotes`,
      scopes: SCOPES,
      handler: (ctx) => {
        const order = withOrder(ctx);
        if (!order?.shippingAddresses.some((a) => String(a.id) === ctx.params.address_id)) return NOT_FOUND();
        return { status: 204 };
      },
    },
  ]);
  return [
    {
      method: 'GET',
      path: '/v2/orders/:order_id/products',
      scopes: SCOPES,
      handler: (ctx) => {
        const order = withOrder(ctx);
        if (!order) return NOT_FOUND();
        return v2List(order.lines, pageRequest(ctx.query, 50, 250), (l) => serializeOrderLine(order, l));
      },
    },
    {
      method: 'GET',
      path: '/v2/orders/:order_id/products/:line_id',
      scopes: SCOPES,
      handler: (ctx) => {
        const order = withOrder(ctx);
        const line = order?.lines.find((l) => String(l.id) === ctx.params.line_id);
        if (!order || !line) return NOT_FOUND();
        return { status: 200, body: serializeOrderLine(order, line) };
      },
    },
    ...addressRoutes,
    {
      method: 'GET',
      path: '/v2/orders/:order_id/coupons',
      scopes: SCOPES,
      handler: (ctx) => {
        const order = withOrder(ctx);
        if (!order) return NOT_FOUND();
        return v2List(order.coupons, pageRequest(ctx.query, 50, 250), (c) => serializeCoupon(order, c));
      },
    },
    {
      method: 'GET',
      path: '/v2/orders/:order_id/consignments',
      scopes: SCOPES,
      handler: (ctx) => {
        const order = withOrder(ctx);
        if (!order) return NOT_FOUND();
        const inline = (ctx.query.get('include') ?? '').split(',').includes('consignments.line_items');
        return {
          status: 200,
          body: serializeConsignments(order, base(ctx), inline, (id) => s.state.inventory.location(id)),
        };
      },
    },
    {
      method: 'GET',
      path: '/v2/order_statuses',
      scopes: SCOPES,
      handler: () => ({ status: 200, body: ORDER_STATUSES.map(serializeStatus) }),
    },
    {
      method: 'GET',
      path: '/v2/order_statuses/:status_id',
      scopes: SCOPES,
      handler: (ctx) => {
        const status = /^\d+$/.test(ctx.params.status_id ?? '')
          ? STATUS_BY_ID.get(Number(ctx.params.status_id))
          : undefined;
        return status ? { status: 200, body: serializeStatus(status) } : NOT_FOUND();
      },
    },
  ];
}
