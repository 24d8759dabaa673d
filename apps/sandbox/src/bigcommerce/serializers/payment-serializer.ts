import { toIsoZ } from '../http/bc-dates';
import type { RefundQuote } from '../pricing/refund-calculator';
import type { RefundMethodLeg } from '../shop/refund-service';
import type { Order, Refund, Transaction } from '../store/model';
import { moneyNumber } from './wire';

export function serializeTransaction(tx: Transaction): Record<string, unknown> {
  return {
    id: tx.id,
    order_id: String(tx.orderId),
    event: tx.event,
    method: 'credit_card',
    amount: moneyNumber(tx.amount, 2),
    currency: tx.currency,
    gateway: 'testgateway',
    gateway_transaction_id: tx.gatewayTransactionId,
    date_created: toIsoZ(tx.dateCreated),
    test: true,
    status: 'ok',
    fraud_review: false,
    ...(tx.referenceTransactionId !== null ? { reference_transaction_id: tx.referenceTransactionId } : {}),
    offline: null,
    custom: null,
    payment_method_id: 'testgateway.card',
    payment_instrument_token: null,
    provider_instrument_token: null,
    provider_customer_id: null,
    avs_result: { code: 'Y', message: 'Street and postal code match', street_match: 'Y', postal_match: 'Y' },
    cvv_result: { code: 'M', message: 'CVV matches' },
    credit_card: {
      card_type: 'visa',
      card_iin: '411111',
      card_last4: '1111',
      card_expiry_month: 12,
      card_expiry_year: 2030,
    },
    gift_certificate: null,
    store_credit: null,
    custom_provider_field_result: null,
  };
}

export function serializeQuote(
  order: Order,
  quote: RefundQuote,
  methods: RefundMethodLeg[][],
  taxInclusive: boolean,
): Record<string, unknown> {
  return {
    order_id: order.id,
    total_refund_amount: moneyNumber(quote.total, 2),
    total_refund_tax_amount: moneyNumber(quote.tax, 2),
    order_level_refund_amount: moneyNumber(quote.orderLevel, 2),
    rounding: 0,
    adjustment: 0,
    tax_inclusive: taxInclusive,
    refund_methods: methods.map((legs) =>
      legs.map((leg) => ({
        provider_id: leg.providerId,
        provider_description: leg.description,
        amount: moneyNumber(leg.amount, 2),
        offline: leg.offline,
        offline_provider: leg.offline,
        offline_reason: leg.offline ? 'This payment is refunded outside the store.' : '',
      })),
    ),
  };
}

/**
 * A refund. The single-refund endpoint documents `items[].requested_amount` as a nullable string while the list and
 * create endpoints document a number; each endpoint gets its documented form.
 */
export function serializeRefund(refund: Refund, requestedAmountAsString = false): Record<string, unknown> {
  return {
    id: refund.id,
    order_id: refund.orderId,
    user_id: 0,
    created: toIsoZ(refund.created),
    reason: refund.reason,
    total_amount: moneyNumber(refund.totalAmount, 2),
    total_tax: moneyNumber(refund.totalTax, 2),
    uses_merchant_override_values: refund.usesMerchantOverride,
    items: refund.items.map((i) => ({
      item_type: i.itemType,
      item_id: i.itemId,
      reason: i.reason,
      ...(i.quantity !== undefined ? { quantity: i.quantity } : {}),
      ...requestedAmount(i.requestedAmount, requestedAmountAsString),
    })),
    payments: refund.payments.map((p) => ({
      id: p.id,
      provider_id: p.providerId,
      amount: moneyNumber(p.amount, 2),
      offline: p.offline,
      is_declined: false,
      declined_message: '',
      transaction_id: p.transactionId,
    })),
  };
}

function requestedAmount(
  amount: Refund['items'][number]['requestedAmount'],
  asString: boolean,
): Record<string, unknown> {
  if (asString) return { requested_amount: amount?.toFixed(2) ?? null };
  return amount === null ? {} : { requested_amount: moneyNumber(amount, 2) };
}
