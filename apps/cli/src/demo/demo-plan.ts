import { Decimal } from '@mlc/platform-money';
import type { PlaceOrderRequest } from './sandbox-control';

/** Who places an order: a seeded customer, a shopper new to both systems, or a guest checkout. */
export type Shopper = 'returning' | 'new' | 'repeat-new' | 'guest' | 'guest-known';

export interface PlannedOrder {
  /** Stable name in the plan (`o17`, `cancelled`, `unmapped`). */
  readonly key: string;
  readonly shopper: Shopper;
  readonly request: PlaceOrderRequest;
}

export interface PlannedCatalogChange {
  readonly sku: string;
  readonly kind: 'price' | 'stock';
  /** New BC unit price (2 places) or new absolute BC inventory. */
  readonly value: string;
}

export interface DemoPlan {
  readonly orders: readonly PlannedOrder[];
  /** Placed unpaid (Awaiting Payment, not syncable), then cancelled by the merchant. */
  readonly cancelled: PlannedOrder;
  /** Sells a store-only SKU: parks as NEEDS_MAPPING until `mappings sku set` (to a BC-only item) + `resync order`. */
  readonly unmapped: PlannedOrder & { readonly storeSku: string; readonly mapToItem: string };
  /** Keys of orders refunded once posted: one line of the first, everything of the second. */
  readonly partialRefund: { readonly key: string; readonly sku: string };
  readonly fullRefund: { readonly key: string };
  readonly catalogChanges: readonly PlannedCatalogChange[];
}

export interface PlanInput {
  readonly skus: readonly string[];
  readonly customers: readonly string[];
  /** BC unit prices and inventory by item number (= SKU) when the plan is made. */
  readonly prices: Readonly<Record<string, string>>;
  readonly inventory: Readonly<Record<string, number>>;
  readonly orders: number;
  readonly catalogChanges: number;
  readonly seed: number;
}

const SHIPPING = ['0.00', '4.99', '7.50', '12.00', '19.95'];
const PRICE_FACTORS = ['0.80', '0.85', '0.90', '0.95', '1.05', '1.10', '1.15', '1.25'];
export const LEGACY_SKU = 'MUG-LEGACY-01';
/**
 * The BC item the store-only SKU is mapped to: an item only BC has (created by the demo), so the mapping gives it its
 * one store listing. Mapping it to an item another listing already carries would make both ambiguous.
 */
export const LEGACY_ITEM = 'MUG-1001';

/** Deterministic for its input: the same seed plans the same burst (mulberry32). */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A realistic burst: returning and new shoppers (some new ones buying twice), guests, coupons, shipping and pickup,
 * one to four lines each, plus BC price changes and silent stock movements on SKUs no order touches (so each one's
 * arrival in the store is measurable on its own).
 */
export function planDemo(input: PlanInput): DemoPlan {
  if (input.skus.length < 20) throw new Error('the demo needs at least 20 SKUs');
  const rng = createRng(input.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
  const shuffled = [...input.skus].sort((a, b) => (a < b ? -1 : 1)).map((s) => ({ s, r: rng() }));
  shuffled.sort((a, b) => a.r - b.r);
  const changeCount = Math.min(input.catalogChanges, Math.floor(input.skus.length / 3));
  const changePool = shuffled.slice(0, changeCount).map((x) => x.s);
  const orderPool = shuffled.slice(changeCount).map((x) => x.s);

  const newEmails: string[] = [];
  const orders: PlannedOrder[] = [];
  for (let i = 0; i < input.orders; i += 1) {
    const shopper = pickShopper(rng(), newEmails.length > 0);
    const email = emailFor(shopper, i, input, newEmails, pick);
    const lines = pickLines(rng, orderPool);
    const pickup = rng() < 0.15;
    const coupon = rng();
    orders.push({
      key: `o${i + 1}`,
      shopper,
      request: {
        ...(shopper.startsWith('guest') ? { guest: true } : {}),
        customerEmail: email,
        lines,
        ...(coupon < 0.25 ? { couponCode: 'SAVE10' } : coupon < 0.35 ? { couponCode: 'FIVEOFF' } : {}),
        ...(pickup ? { fulfillment: 'pickup' as const } : { shippingCost: pick(SHIPPING) }),
      },
    });
  }
  const multiLine = orders.find((o) => o.request.lines.length >= 2) ?? orders[0]!;
  const other = orders.find((o) => o !== multiLine && o.request.fulfillment !== 'pickup') ?? orders[1]!;
  return {
    orders,
    cancelled: {
      key: 'cancelled',
      shopper: 'returning',
      request: { customerEmail: input.customers[0]!, lines: [{ sku: orderPool[0]!, quantity: 2 }], statusId: 7, shippingCost: '7.50' },
    },
    unmapped: {
      key: 'unmapped',
      shopper: 'new',
      storeSku: LEGACY_SKU,
      mapToItem: LEGACY_ITEM,
      request: {
        customerEmail: 'legacy.collector@example.net',
        lines: [
          { sku: LEGACY_SKU, quantity: 1 },
          { sku: orderPool[2]!, quantity: 1 },
        ],
        shippingCost: '4.99',
      },
    },
    partialRefund: { key: multiLine.key, sku: multiLine.request.lines[0]!.sku },
    fullRefund: { key: other.key },
    catalogChanges: changePool.map((sku, i) => catalogChange(sku, i % 2 === 0 ? 'price' : 'stock', input, rng)),
  };
}

function pickShopper(r: number, haveNew: boolean): Shopper {
  if (r < 0.4) return 'returning';
  if (r < 0.6) return 'new';
  if (r < 0.7) return haveNew ? 'repeat-new' : 'new';
  if (r < 0.9) return 'guest';
  return 'guest-known';
}

function emailFor(
  shopper: Shopper,
  i: number,
  input: PlanInput,
  newEmails: string[],
  pick: <T>(list: readonly T[]) => T,
): string {
  switch (shopper) {
    case 'returning':
    case 'guest-known':
      return pick(input.customers);
    case 'repeat-new':
      return pick(newEmails);
    case 'guest':
      return `guest.${input.seed}.${i + 1}@example.org`;
    case 'new': {
      // Mixed case on purpose: BC's email filter is case-sensitive, the connector's match is not.
      const email = `New.Shopper.${input.seed}.${i + 1}@Example.net`;
      newEmails.push(email.toLowerCase());
      return email;
    }
  }
}

function pickLines(rng: () => number, pool: readonly string[]): Array<{ sku: string; quantity: number }> {
  const count = 1 + Math.floor(rng() * rng() * 4);
  const skus = new Set<string>();
  while (skus.size < count) skus.add(pool[3 + Math.floor(rng() * (pool.length - 3))]!);
  return [...skus].map((sku) => ({ sku, quantity: 1 + Math.floor(rng() * rng() * 3) }));
}

function catalogChange(sku: string, kind: 'price' | 'stock', input: PlanInput, rng: () => number): PlannedCatalogChange {
  const number = sku.toUpperCase();
  if (kind === 'price') {
    const factor = PRICE_FACTORS[Math.floor(rng() * PRICE_FACTORS.length)]!;
    const price = Decimal.parse(input.prices[number] ?? '10.00').times(factor).round(2);
    return { sku, kind, value: Decimal.max(price, Decimal.parse('0.99')).toFixed(2) };
  }
  const current = input.inventory[number] ?? 0;
  const delta = Math.floor(rng() * 31) - 10;
  return { sku, kind, value: String(Math.max(0, current + (delta === 0 ? 5 : delta))) };
}
