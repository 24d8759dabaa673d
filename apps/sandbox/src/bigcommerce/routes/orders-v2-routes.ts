import type { SandboxResponse } from '../../core/router';
import type { ApiContext, ApiRoute } from '../http/api-gateway';
import { v2Error } from '../http/bc-errors';
import { pageRequest, v2List } from '../http/pagination';
import type { Order } from '../store/model';
import { ORDER_STATUSES } from '../store/order-statuses';
import { OrderView, serializeOrder } from '../serializers/order-serializer';
import { orderFilters, orderSort } from './order-filters';
import { orderUpdateRoute } from './order-update';
import { apiBase, BigCommerceServices, currencyId, findOrder } from './services';

const SCOPES = ['store_v2_orders'] as const;
const INCLUDES = new Set(['consignments', 'consignments.line_items', 'fees']);

/** v2 orders: list with filters, paging and 204 when empty, count, read, update and archive. */
export function ordersV2Routes(s: BigCommerceServices): ApiRoute[] {
  const view = (ctx: ApiContext) => orderView(s, ctx);
  return [
    {
      method: 'GET',
      path: '/v2/orders',
      scopes: SCOPES,
      handler: (ctx) => {
        const selected = selectOrders(s, ctx);
        if ('response' in selected) return selected.response;
        const v = view(ctx);
        if ('response' in v) return v.response;
        return v2List(selected.orders, pageRequest(ctx.query, 50, 250), (o) => serializeOrder(o, v.view));
      },
    },
    {
      method: 'GET',
      path: '/v2/orders/count',
      scopes: SCOPES,
      handler: (ctx) => {
        const selected = selectOrders(s, ctx);
        if ('response' in selected) return selected.response;
        const statuses = [...ORDER_STATUSES]
          .sort((a, b) => a.order - b.order)
          .map((st) => ({
            id: st.id,
            name: st.name,
            system_label: st.name,
            custom_label: st.name,
            system_description: st.description,
            count: selected.orders.filter((o) => o.statusId === st.id).length,
            sort_order: st.order,
          }));
        return { status: 200, body: { statuses, count: selected.orders.length } };
      },
    },
    {
      method: 'GET',
      path: '/v2/orders/:order_id',
      scopes: SCOPES,
      handler: (ctx) => {
        const order = findOrder(s, ctx.params.order_id);
        if (!order) return v2Error(404, 'The requested resource was not found.');
        const v = view(ctx);
        if ('response' in v) return v.response;
        return { status: 200, body: serializeOrder(order, v.view) };
      },
    },
    orderUpdateRoute(s),
    {
      method: 'DELETE',
      path: '/v2/orders/:order_id',
      scopes: SCOPES,
      handler: (ctx) => {
        const order = findOrder(s, ctx.params.order_id);
        if (!order) return v2Error(404, 'The requested resource was not found.');
        if (!order.isDeleted) s.orders.archive(order);
        return { status: 204 };
      },
    },
  ];
}

function selectOrders(s: BigCommerceServices, ctx: ApiContext): { orders: Order[] } | { response: SandboxResponse } {
  const parsed = orderFilters(ctx.query);
  if (!parsed.ok) return { response: v2Error(400, `The filter '${parsed.field}' has an invalid value.`) };
  const sort = orderSort(ctx.query.get('sort'));
  if (sort === undefined) return { response: v2Error(400, `The sort '${ctx.query.get('sort')}' is not supported.`) };
  const orders = [...s.state.orders.values()].filter((o) => parsed.filters.every((f) => f(o)));
  if (sort !== 'default') orders.sort(sort);
  return { orders };
}

function orderView(s: BigCommerceServices, ctx: ApiContext): { view: OrderView } | { response: SandboxResponse } {
  const include = (ctx.query.get('include') ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const unknown = include.find((i) => !INCLUDES.has(i));
  if (unknown) return { response: v2Error(400, `The include '${unknown}' is not supported.`) };
  const asObject = ctx.query.get('consignment_structure') === 'object';
  const consignments: OrderView['consignments'] = !asObject
    ? undefined
    : include.includes('consignments.line_items')
      ? 'lines'
      : include.includes('consignments')
        ? 'refs'
        : undefined;
  return {
    view: {
      apiBase: apiBase(ctx.req, s.state.settings.storeHash),
      consignments,
      fees: include.includes('fees'),
      currencyIds: (code: string) => currencyId(s, code),
      location: (id: number) => s.state.inventory.location(id),
    },
  };
}
