import type { ApiRoute } from '../http/api-gateway';
import { v2Error } from '../http/bc-errors';
import { isInt, isRecord, jsonBody } from '../http/request-input';
import { STATUS_BY_ID } from '../store/order-statuses';
import { serializeOrder } from '../serializers/order-serializer';
import { apiBase, BigCommerceServices, currencyId, findOrder } from './services';

const STRING_FIELDS = {
  staff_notes: 'staffNotes',
  customer_message: 'customerMessage',
  external_order_id: 'externalOrderId',
} as const;

/** Fields the store computes or owns; writing them is refused as the real API refuses it. */
const READ_ONLY = new Set([
  'id',
  'date_created',
  'date_modified',
  'date_shipped',
  'cart_id',
  'status',
  'custom_status',
  'subtotal_tax',
  'shipping_cost_tax',
  'handling_cost_tax',
  'wrapping_cost_tax',
  'payment_status',
  'store_credit_amount',
  'gift_certificate_amount',
  'currency_id',
  'currency_code',
  'currency_exchange_rate',
  'default_currency_id',
  'default_currency_code',
  'coupon_discount',
  'shipping_address_count',
  'total_tax',
  'items_shipped',
  'refunded_amount',
  'coupons',
  'consignments',
  'external_id',
  'store_default_currency_code',
  'store_default_to_transactional_exchange_rate',
  'is_tax_inclusive_pricing',
  'items_total',
]);

/**
 * `PUT /v2/orders/{id}`: status changes (firing `updated` and `statusUpdated`), notes, `external_order_id`, and
 * `is_deleted: true` (archiving). Re-pricing writes (products, addresses, totals, fees) are not simulated and are
 * refused with a message saying so rather than silently ignored.
 */
export function orderUpdateRoute(s: BigCommerceServices): ApiRoute {
  return {
    method: 'PUT',
    path: '/v2/orders/:order_id',
    scopes: ['store_v2_orders'],
    handler: (ctx) => {
      const order = findOrder(s, ctx.params.order_id);
      if (!order) return v2Error(404, 'The requested resource was not found.');
      const parsed = jsonBody(ctx);
      if (!parsed.ok) return parsed.response;
      const body = parsed.value;
      if (!isRecord(body)) return v2Error(400, 'The request body must be a JSON object.');
      for (const field of Object.keys(body)) {
        if (READ_ONLY.has(field)) {
          return v2Error(
            400,
            `The field '${field}' cannot be written to. Please remove it from your request before trying again.`,
          );
        }
        if (field !== 'status_id' && field !== 'is_deleted' && !(field in STRING_FIELDS)) {
          return v2Error(
            400,
            `The field '${field}' cannot be updated in the sandbox (only status_id, staff_notes, customer_message, external_order_id, is_deleted).`,
          );
        }
      }
      if (body.status_id !== undefined && (!isInt(body.status_id) || !STATUS_BY_ID.has(body.status_id))) {
        return v2Error(400, "The field 'status_id' is invalid.");
      }
      if (body.is_deleted !== undefined && typeof body.is_deleted !== 'boolean')
        return v2Error(400, "The field 'is_deleted' is invalid.");
      for (const [field, key] of Object.entries(STRING_FIELDS)) {
        if (body[field] === undefined) continue;
        if (typeof body[field] !== 'string') return v2Error(400, `The field '${field}' is invalid.`);
        order[key] = body[field];
      }
      if (isInt(body.status_id)) s.orders.changeStatus(order, body.status_id);
      else if (body.is_deleted !== true) s.orders.touch(order);
      if (body.is_deleted === true && !order.isDeleted) s.orders.archive(order);
      if (body.is_deleted === false) order.isDeleted = false;
      const view = {
        apiBase: apiBase(ctx.req, s.state.settings.storeHash),
        currencyIds: (code: string) => currencyId(s, code),
        location: (id: number) => s.state.inventory.location(id),
      };
      return { status: 200, body: serializeOrder(order, view) };
    },
  };
}
