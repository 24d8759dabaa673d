import type { SandboxResponse } from '../../core/router';
import type { ApiContext, ApiRoute } from '../http/api-gateway';
import { parseFilterDate } from '../http/bc-dates';
import { refundError, v3Error } from '../http/bc-errors';
import { pageRequest, v3List } from '../http/pagination';
import { intListParam, jsonBody } from '../http/request-input';
import { ParsedRefundBody, parseRefundBody } from '../shop/refund-request';
import type { Refund } from '../store/model';
import { serializeQuote, serializeRefund, serializeTransaction } from '../serializers/payment-serializer';
import { BigCommerceServices, findOrder } from './services';

const READ = ['store_v2_transactions', 'store_v2_orders'] as const;
const ORDER_NOT_FOUND = () => v3Error(404, 'The requested order was not found.');

/**
 * Order transactions and payment actions: transactions (204 when none), refund quotes (201), refunds (201; 422
 * wrapped as `{data: [error]}`; 409 while another refund of the order is in flight) and refund reads.
 */
export function paymentRoutes(s: BigCommerceServices): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: '/v3/orders/:order_id/transactions',
      scopes: READ,
      handler: (ctx) => {
        const order = findOrder(s, ctx.params.order_id);
        if (!order) return ORDER_NOT_FOUND();
        const transactions = s.state.transactions.get(order.id) ?? [];
        if (transactions.length === 0) return { status: 204 };
        return v3List(transactions, pageRequest(ctx.query, 50, 250), serializeTransaction);
      },
    },
    {
      method: 'POST',
      path: '/v3/orders/:order_id/payment_actions/refund_quotes',
      scopes: READ,
      handler: (ctx) => {
        const order = findOrder(s, ctx.params.order_id);
        if (!order) return ORDER_NOT_FOUND();
        const body = refundBody(ctx, false);
        if ('response' in body) return body.response;
        const quoted = s.refunds.quote(order, body.value);
        if (!quoted.ok) return v3Error(422, quoted.title, {});
        const methods = s.refunds.methods(order, quoted.quote.total);
        return {
          status: 201,
          body: { data: serializeQuote(order, quoted.quote, methods, s.state.settings.pricesIncludeTax), meta: {} },
        };
      },
    },
    {
      method: 'POST',
      path: '/v3/orders/:order_id/payment_actions/refunds',
      scopes: READ,
      handler: async (ctx) => {
        const order = findOrder(s, ctx.params.order_id);
        if (!order) return ORDER_NOT_FOUND();
        const body = refundBody(ctx, true);
        if ('response' in body) return body.response;
        const outcome = await s.refunds.create(order, body.value);
        if (!outcome.ok) return refundError(outcome.status, outcome.title);
        return { status: 201, body: { data: serializeRefund(outcome.refund), meta: {} } };
      },
    },
    {
      method: 'GET',
      path: '/v3/orders/:order_id/payment_actions/refunds',
      scopes: READ,
      handler: (ctx) => {
        const order = findOrder(s, ctx.params.order_id);
        if (!order) return ORDER_NOT_FOUND();
        const txId = ctx.query.get('transaction_id');
        const refunds = [...s.state.refunds.values()].filter(
          (r) => r.orderId === order.id && (!txId || r.payments.some((p) => p.transactionId === txId)),
        );
        return { status: 200, body: { data: refunds.map((r) => serializeRefund(r)), meta: {} } };
      },
    },
    { method: 'GET', path: '/v3/orders/payment_actions/refunds', scopes: READ, handler: (ctx) => allRefunds(s, ctx) },
    {
      method: 'GET',
      path: '/v3/orders/payment_actions/refunds/:refund_id',
      scopes: READ,
      handler: (ctx) => {
        const refund = /^\d+$/.test(ctx.params.refund_id ?? '')
          ? s.state.refunds.get(Number(ctx.params.refund_id))
          : undefined;
        if (!refund) return v3Error(404, 'The requested refund was not found.');
        return { status: 200, body: { data: serializeRefund(refund, true), meta: {} } };
      },
    },
  ];
}

function refundBody(
  ctx: ApiContext,
  requirePayments: boolean,
): { value: ParsedRefundBody } | { response: SandboxResponse } {
  const parsed = jsonBody(ctx);
  if (!parsed.ok) return { response: parsed.response };
  const body = parseRefundBody(parsed.value, requirePayments);
  if (!body.ok) return { response: v3Error(422, 'JSON data is missing or invalid', body.errors) };
  return { value: body.value };
}

function allRefunds(s: BigCommerceServices, ctx: ApiContext): SandboxResponse {
  const orderIds = intListParam(ctx.query, 'order_id:in');
  const ids = intListParam(ctx.query, 'id:in');
  if (orderIds === null || ids === null) return v3Error(422, 'The filter parameter is invalid.', {});
  const bounds: Array<(r: Refund) => boolean> = [];
  for (const [name, op] of [
    ['created:min', (a: number, b: number) => a >= b],
    ['created:max', (a: number, b: number) => a <= b],
  ] as const) {
    const raw = ctx.query.get(name);
    if (raw === null) continue;
    const ms = parseFilterDate(raw);
    if (ms === undefined)
      return v3Error(422, `The ${name} parameter must be an RFC 3339 date-time.`, { [name]: 'is invalid' });
    bounds.push((r) => op(r.created, ms));
  }
  const txId = ctx.query.get('transaction_id');
  const refunds = [...s.state.refunds.values()].filter(
    (r) =>
      (!orderIds || orderIds.includes(r.orderId)) &&
      (!ids || ids.includes(r.id)) &&
      (!txId || r.payments.some((p) => p.transactionId === txId)) &&
      bounds.every((b) => b(r)),
  );
  return v3List(refunds, pageRequest(ctx.query, 50, 250), (r) => serializeRefund(r));
}
