import { createHash } from 'node:crypto';
import type { StoreOrder } from '../model/store-order';
import { canonicalJson } from './canonical-json';

/**
 * What the ledger keeps of a synced order so a later edit can be described. Addresses are kept only as a short
 * fingerprint: a diff says that they changed, never what they were.
 */
export interface OrderContentSummary {
  readonly currency: string;
  readonly customerId: number | null;
  readonly dateCreated: string;
  readonly totalIncTax: string;
  readonly totalTax: string;
  readonly discount: string;
  readonly shippingExTax: string;
  readonly handlingExTax: string;
  readonly wrappingExTax: string;
  readonly addressFingerprint: string;
  readonly lines: readonly {
    readonly id: number;
    readonly sku: string;
    readonly quantity: number;
    readonly priceExTax: string;
  }[];
}

export function summarizeOrder(order: StoreOrder): OrderContentSummary {
  const addresses = [order.billingAddress, ...order.shippingConsignments.map((c) => c.address)];
  return {
    currency: order.currency.transactional,
    customerId: order.customerId,
    dateCreated: order.dateCreated,
    totalIncTax: order.totals.totalIncTax.toString(),
    totalTax: order.totals.totalTax.toString(),
    discount: order.totals.discountAmount.plus(order.totals.couponDiscount).toString(),
    shippingExTax: order.shipping.exTax.toString(),
    handlingExTax: order.handling.exTax.toString(),
    wrappingExTax: order.wrapping.exTax.toString(),
    addressFingerprint: createHash('sha256').update(canonicalJson(addresses)).digest('hex').slice(0, 16),
    lines: order.lines.map((l) => ({
      id: l.id,
      sku: l.sku,
      quantity: l.quantity,
      priceExTax: l.priceExTax.toString(),
    })),
  };
}

const FIELDS = [
  ['currency', 'currency'],
  ['customerId', 'store customer'],
  ['dateCreated', 'order date'],
  ['totalIncTax', 'total_inc_tax'],
  ['totalTax', 'total_tax'],
  ['discount', 'discounts'],
  ['shippingExTax', 'shipping ex tax'],
  ['handlingExTax', 'handling ex tax'],
  ['wrappingExTax', 'wrapping ex tax'],
] as const;

/** Human-readable differences between two summaries, e.g. `line 101 (SKU TEE-M) quantity 2 -> 3`. */
export function diffSummaries(before: OrderContentSummary, after: OrderContentSummary): string[] {
  const diff: string[] = FIELDS.filter(([key]) => before[key] !== after[key]).map(
    ([key, label]) => `${label} ${String(before[key])} -> ${String(after[key])}`,
  );
  if (before.addressFingerprint !== after.addressFingerprint) diff.push('billing or shipping address changed');
  const old = new Map(before.lines.map((l) => [l.id, l]));
  for (const line of after.lines) {
    const prior = old.get(line.id);
    if (!prior) diff.push(`line ${line.id} (SKU ${line.sku}) added: ${line.quantity} x ${line.priceExTax}`);
    else {
      if (prior.sku !== line.sku) diff.push(`line ${line.id} SKU ${prior.sku} -> ${line.sku}`);
      if (prior.quantity !== line.quantity)
        diff.push(`line ${line.id} (SKU ${line.sku}) quantity ${prior.quantity} -> ${line.quantity}`);
      if (prior.priceExTax !== line.priceExTax)
        diff.push(`line ${line.id} (SKU ${line.sku}) price ${prior.priceExTax} -> ${line.priceExTax}`);
    }
    old.delete(line.id);
  }
  for (const gone of old.values()) diff.push(`line ${gone.id} (SKU ${gone.sku}) removed`);
  return diff;
}
