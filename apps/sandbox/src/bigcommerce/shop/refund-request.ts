import { Decimal } from '@mlc/platform-money';
import { isInt, isMoneyNumber, isRecord } from '../http/request-input';
import type { RefundItemRequest } from '../pricing/refund-calculator';

const ITEM_TYPES = new Set(['PRODUCT', 'GIFT_WRAPPING', 'SHIPPING', 'HANDLING', 'ORDER', 'FEE', 'TAX']);
const QUANTITY_TYPES = new Set(['PRODUCT', 'GIFT_WRAPPING']);

export interface PaymentRequest {
  readonly providerId: string;
  readonly amount: Decimal;
  readonly offline: boolean;
}

export interface ParsedRefundBody {
  readonly items: RefundItemRequest[];
  readonly taxAdjustment?: Decimal;
  readonly payments?: PaymentRequest[];
  readonly override?: { total: Decimal; tax: Decimal };
}

/** Validates a refund-quote or refund body against the documented shapes; returns field errors by path. */
export function parseRefundBody(
  body: unknown,
  requirePayments: boolean,
): { ok: true; value: ParsedRefundBody } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!isRecord(body)) return { ok: false, errors: { body: 'must be a JSON object' } };
  const hasItems = Array.isArray(body.items);
  const taxAdjustment = body.tax_adjustment_amount;
  if (!hasItems && taxAdjustment === undefined) errors.items = 'items or tax_adjustment_amount is required';
  if (taxAdjustment !== undefined && !isMoneyNumber(taxAdjustment)) errors.tax_adjustment_amount = 'must be a number';
  const items = hasItems ? parseItems(body.items as unknown[], errors) : [];
  const payments = body.payments === undefined ? undefined : parsePayments(body.payments, errors);
  if (requirePayments && hasItems && payments === undefined) errors.payments = 'payments is required';
  const override = parseOverride(body.merchant_calculated_override, errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      items,
      taxAdjustment: typeof taxAdjustment === 'number' ? Decimal.fromWireNumber(taxAdjustment) : undefined,
      payments,
      override,
    },
  };
}

function parseItems(raw: unknown[], errors: Record<string, string>): RefundItemRequest[] {
  if (raw.length === 0) errors.items = 'at least one item is required';
  return raw.flatMap((item, i): RefundItemRequest[] => {
    if (!isRecord(item) || typeof item.item_type !== 'string' || !ITEM_TYPES.has(item.item_type)) {
      errors[`items.${i}.item_type`] = 'must be one of PRODUCT, GIFT_WRAPPING, SHIPPING, HANDLING, ORDER, FEE, TAX';
      return [];
    }
    if (!isInt(item.item_id)) errors[`items.${i}.item_id`] = 'must be an integer';
    const byQuantity = QUANTITY_TYPES.has(item.item_type);
    if (byQuantity && (!isInt(item.quantity) || item.quantity < 1))
      errors[`items.${i}.quantity`] = 'must be a positive integer';
    if (!byQuantity && !isMoneyNumber(item.amount)) errors[`items.${i}.amount`] = 'must be a number';
    if (item.reason !== undefined && (typeof item.reason !== 'string' || item.reason.length > 1000)) {
      errors[`items.${i}.reason`] = 'must be a string of at most 1000 characters';
    }
    return [
      {
        itemType: item.item_type as RefundItemRequest['itemType'],
        itemId: item.item_id as number,
        quantity: byQuantity ? (item.quantity as number) : undefined,
        amount: !byQuantity && isMoneyNumber(item.amount) ? Decimal.fromWireNumber(item.amount) : undefined,
        reason: typeof item.reason === 'string' ? item.reason : undefined,
      },
    ];
  });
}

function parsePayments(raw: unknown, errors: Record<string, string>): PaymentRequest[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    errors.payments = 'must be a non-empty array';
    return [];
  }
  return raw.flatMap((p, i): PaymentRequest[] => {
    if (!isRecord(p) || typeof p.provider_id !== 'string' || !isMoneyNumber(p.amount)) {
      errors[`payments.${i}`] = 'needs provider_id (string) and amount (number)';
      return [];
    }
    return [{ providerId: p.provider_id, amount: Decimal.fromWireNumber(p.amount), offline: p.offline === true }];
  });
}

function parseOverride(raw: unknown, errors: Record<string, string>): { total: Decimal; tax: Decimal } | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw) || !isMoneyNumber(raw.total_amount) || !isMoneyNumber(raw.total_tax)) {
    errors.merchant_calculated_override = 'needs total_amount and total_tax (numbers)';
    return undefined;
  }
  return { total: Decimal.fromWireNumber(raw.total_amount), tax: Decimal.fromWireNumber(raw.total_tax) };
}
