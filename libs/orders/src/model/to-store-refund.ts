import { Decimal } from '@mlc/platform-money';
import { parseStoreDate } from './dates';
import { formatIssues } from './raw/format-issues';
import {
  bigCommerceRefundCollectionSchema,
  bigCommerceRefundSchema,
  type BigCommerceRefund,
} from './raw/bigcommerce-refund.schema';
import type { StoreRefund } from './store-refund';
import { money } from './to-store-order';

export type StoreRefundParseResult = { ok: true; refund: StoreRefund } | { ok: false; errors: string[] };
export type StoreRefundsParseResult = { ok: true; refunds: StoreRefund[] } | { ok: false; errors: string[] };

/** Validates one raw v3 refund object and maps it; errors name the field (`refund.total_amount: ...`). */
export function parseStoreRefund(json: unknown): StoreRefundParseResult {
  const parsed = bigCommerceRefundSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.error.issues, 'refund') };
  return { ok: true, refund: toStoreRefund(parsed.data) };
}

/** Validates the `{data: [...]}` body of GET /v3/orders/{id}/payment_actions/refunds; refunds come back by id. */
export function parseStoreRefunds(json: unknown): StoreRefundsParseResult {
  const parsed = bigCommerceRefundCollectionSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.error.issues, 'refunds') };
  return { ok: true, refunds: parsed.data.data.map(toStoreRefund).sort((a, b) => a.id - b.id) };
}

/** Maps a schema-validated refund to the domain model. */
export function toStoreRefund(raw: BigCommerceRefund): StoreRefund {
  return {
    id: raw.id,
    orderId: raw.order_id,
    createdAt: parseStoreDate(raw.created) ?? raw.created,
    reason: raw.reason,
    totalAmount: money(raw.total_amount),
    totalTax: money(raw.total_tax),
    usesMerchantOverride: raw.uses_merchant_override_values,
    items: raw.items.map((item) => ({
      type: item.item_type,
      itemId: item.item_id,
      quantity: item.quantity ?? null,
      requestedAmount:
        item.requested_amount === null || item.requested_amount === undefined ? null : money(item.requested_amount),
      adjustment: Decimal.sum(item.adjustments.map((a) => money(a.amount))),
      reason: item.reason,
    })),
    payments: raw.payments.map((p) => ({
      providerId: p.provider_id,
      amount: money(p.amount),
      offline: p.offline,
      declined: p.is_declined,
    })),
  };
}
