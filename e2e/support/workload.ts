import { Decimal } from '@mlc/platform-money';

export interface OrderRequest {
  readonly customerEmail?: string;
  readonly guest?: boolean;
  readonly lines: Array<{ sku: string; quantity: number }>;
  readonly couponCode?: string;
  readonly shippingCost?: string;
  readonly fulfillment?: 'shipping' | 'pickup';
  readonly statusId?: number;
}

/** What happens to an order after checkout. */
export type OrderFate = 'keep' | 'refund-partial' | 'refund-full' | 'pay-later' | 'cancel-unpaid';

export interface PlannedOrder {
  readonly request: OrderRequest;
  readonly fate: OrderFate;
}

export interface CatalogChange {
  readonly number: string;
  readonly unitPrice?: string;
  readonly inventory?: number;
}

/** Awaiting Payment: not syncable until the merchant marks it paid (Awaiting Fulfillment) or cancels it. */
export const AWAITING_PAYMENT = 7;
export const AWAITING_FULFILLMENT = 11;
export const CANCELLED = 5;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Orders of mixed shapes (returning, new and guest shoppers; one to four lines; coupons; shipping or pickup; paid at
 * once or later; some cancelled unpaid, some refunded in part or in full) and BC changes (half prices, which notify,
 * half silent stock movements), deterministic for a seed.
 */
export function buildWorkload(input: {
  skus: readonly string[];
  customers: readonly string[];
  prices: Readonly<Record<string, number>>;
  orders: number;
  changes: number;
  seed: number;
}): { orders: PlannedOrder[]; changes: CatalogChange[] } {
  const r = rng(input.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const orders: PlannedOrder[] = [];
  for (let i = 0; i < input.orders; i += 1) {
    const kind = r();
    const email = kind < 0.4 ? pick(input.customers) : kind < 0.75 ? `shopper.${input.seed}.${i % 97}@example.net` : `guest.${i}@example.org`;
    const fateRoll = r();
    const fate: OrderFate =
      fateRoll < 0.06 ? 'refund-partial' : fateRoll < 0.1 ? 'refund-full' : fateRoll < 0.15 ? 'pay-later' : fateRoll < 0.18 ? 'cancel-unpaid' : 'keep';
    orders.push({ fate, request: orderRequest(r, pick, input.skus, email, kind >= 0.75, fate) });
  }
  const changes = Array.from({ length: input.changes }, (_, i): CatalogChange => {
    const number = pick(input.skus).toUpperCase();
    if (i % 2 === 0) {
      const factor = pick(['0.85', '0.9', '0.95', '1.05', '1.1', '1.2']);
      return { number, unitPrice: Decimal.fromWireNumber(input.prices[number] ?? 10).times(factor).round(2).toFixed(2) };
    }
    return { number, inventory: 40 + Math.floor(r() * 160) };
  });
  return { orders, changes };
}

function orderRequest(
  r: () => number,
  pick: <T>(list: readonly T[]) => T,
  skus: readonly string[],
  email: string,
  guest: boolean,
  fate: OrderFate,
): OrderRequest {
  const lines = new Map<string, number>();
  const count = 1 + Math.floor(r() * r() * 4);
  while (lines.size < count) lines.set(pick(skus), 1 + Math.floor(r() * r() * 3));
  const coupon = r();
  const unpaid = fate === 'pay-later' || fate === 'cancel-unpaid';
  return {
    customerEmail: email,
    ...(guest ? { guest: true } : {}),
    lines: [...lines].map(([sku, quantity]) => ({ sku, quantity })),
    ...(coupon < 0.2 ? { couponCode: 'SAVE10' } : coupon < 0.3 ? { couponCode: 'FIVEOFF' } : {}),
    ...(r() < 0.15 ? { fulfillment: 'pickup' as const } : { shippingCost: pick(['0.00', '4.99', '9.50', '14.00']) }),
    ...(unpaid ? { statusId: AWAITING_PAYMENT } : {}),
  };
}
