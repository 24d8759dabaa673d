import { Decimal } from '@mlc/platform-money';
import type { DataSource } from '@mlc/platform-persistence';
import type { SandboxProcess } from '@mlc/testing';

export interface Percentiles {
  readonly n: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

interface World {
  bigcommerce: { prices: Record<string, string>; stock: Record<string, number> };
  'business-central': { items: Array<{ number: string; unitPrice: number; inventory: number }> };
}

/** Below bc-writer's default BigCommerce budget (25% of 150 per 30 s, about two reads per order): no queue. */
const ORDER_RATE_PER_SECOND = 0.5;
/** catalog settings default: changes are coalesced this long before a push. */
const COALESCE_MS = 2000;

export function percentiles(values: readonly number[]): Percentiles {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => (s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!);
  return { n: s.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: s[s.length - 1] ?? 0 };
}

/**
 * A steady load (orders at 2/s, one BC change a second: prices notify, stock moves silently) on SKUs kept apart, and
 * the time each one took to land: webhook to posted invoice (against the handler's own time, the work floor), BC
 * change to store (against the delays the design waits on purpose: poll or scan interval plus coalescing).
 */
export async function measureLoad(o: {
  sandbox: SandboxProcess;
  writerDb: DataSource;
  connectionId: string;
  skus: readonly string[];
  customers: readonly string[];
  orders: number;
  changes: number;
  watchIntervalMs: number;
  burstOrders: number;
  bigcommerceShare: number;
}) {
  const control = o.sandbox.control;
  const changeSkus = o.skus.slice(0, o.changes);
  const orderSkus = o.skus.slice(o.changes);
  const world0 = await control.state<World>();
  const items = new Map(world0['business-central'].items.map((i) => [i.number, i]));
  const placed = new Map<number, number>();
  const changes: Array<{ sku: string; kind: 'price' | 'stock'; value: string; at: number; seen?: number }> = [];
  const placing = (async () => {
    for (let i = 0; i < o.orders; i += 1) {
      const lines = [{ sku: orderSkus[(i * 7) % orderSkus.length]!, quantity: 1 + (i % 2) }];
      const res = await control.placeOrder({ customerEmail: o.customers[i % o.customers.length], lines, shippingCost: '7.50' });
      placed.set(res.id, Date.now());
      await new Promise((r) => setTimeout(r, 1000 / ORDER_RATE_PER_SECOND));
    }
  })();
  const changing = (async () => {
    for (const [i, sku] of changeSkus.entries()) {
      const item = items.get(sku.toUpperCase())!;
      const kind = i % 2 === 0 ? 'price' : 'stock';
      const value = kind === 'price' ? Decimal.fromWireNumber(item.unitPrice).times('1.1').round(2).toFixed(2) : String(item.inventory + 7);
      await control.changeItem(sku.toUpperCase(), kind === 'price' ? { unitPrice: value } : { inventory: Number(value) });
      changes.push({ sku, kind, value, at: Date.now() });
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  const deadline = Date.now() + 300_000;
  let done = false;
  while (!done && Date.now() < deadline) {
    const world = await control.state<World>();
    const now = Date.now();
    for (const c of changes) {
      const shown = c.kind === 'price' ? world.bigcommerce.prices[c.sku] : String(world.bigcommerce.stock[c.sku]);
      if (c.seen === undefined && shown === c.value) c.seen = now;
    }
    const [{ n }] = await o.writerDb.query(`select count(*)::int as n from order_ledger where connection_id = $1 and state = 'POSTED'`, [o.connectionId]);
    done = placed.size === o.orders && n >= o.orders && changes.length === o.changes && changes.every((c) => c.seen !== undefined);
    await new Promise((r) => setTimeout(r, 250));
  }
  await Promise.all([placing, changing]);
  const posted: Array<{ order_id: string; at: Date }> = await o.writerDb.query(
    `select order_id, min(created_at) as at from order_events where connection_id = $1 and state = 'POSTED' group by order_id`, [o.connectionId]);
  const handler: Array<{ ms: number }> = await o.writerDb.query(
    `select extract(epoch from finished_at - started_at) * 1000 as ms from sync_attempts
     where connection_id = $1 and refund_id is null and decision like 'create%' and outcome = 'ok'`, [o.connectionId]);
  const postedAt = posted.map((p) => [Number(p.order_id), new Date(p.at).getTime()] as const).filter(([id]) => placed.has(id));
  const orderPosted = percentiles(postedAt.map(([id, at]) => at - placed.get(id)!));
  const work = percentiles(handler.map((h) => Math.round(Number(h.ms))));
  const seen = (kind: string) => percentiles(changes.filter((c) => c.kind === kind && c.seen).map((c) => c.seen! - c.at));
  const burst = await saturate(o, orderSkus, Math.max(...placed.keys()));
  return {
    orderRatePerSecond: ORDER_RATE_PER_SECOND,
    latency: {
      webhookToPostedMs: orderPosted,
      handlerMs: work,
      webhookToPostedVsHandlerP50: ratio(orderPosted.p50, work.p50),
      priceToStoreMs: seen('price'),
      stockToStoreMs: seen('stock'),
      // Designed waits: a price is found by the delta poll (BC's notification comes ~30 s later), stock by the scan.
      catalogFloorMs: o.watchIntervalMs + COALESCE_MS,
      priceP50VsFloor: ratio(seen('price').p50, o.watchIntervalMs + COALESCE_MS),
      stockP50VsFloor: ratio(seen('stock').p50, o.watchIntervalMs + COALESCE_MS),
    },
    throughput: burst,
  };
}

/**
 * A burst of `burstOrders` placed at once: orders per minute from the first checkout to the last posted invoice,
 * against the floor the store's quota allows bc-writer (its share of 150 requests per 30 s, one read per order).
 */
async function saturate(o: { sandbox: SandboxProcess; writerDb: DataSource; connectionId: string; customers: readonly string[]; burstOrders: number; bigcommerceShare: number }, skus: readonly string[], afterId: number) {
  const start = Date.now();
  for (let i = 0; i < o.burstOrders; i += 1) {
    const lines = [{ sku: skus[(i * 11 + 3) % skus.length]!, quantity: 1 }];
    await o.sandbox.control.placeOrder({ customerEmail: o.customers[i % o.customers.length], lines, shippingCost: '5.00' });
  }
  const deadline = Date.now() + 600_000;
  let last = 0;
  for (;;) {
    const [row] = await o.writerDb.query(
      `select count(*)::int as n, max(updated_at) as last from order_ledger where connection_id = $1 and order_id > $2 and state = 'POSTED'`,
      [o.connectionId, afterId],
    );
    last = row.last ? new Date(row.last).getTime() : 0;
    if (row.n >= o.burstOrders || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const floorPerMinute = o.bigcommerceShare * 150 * 2;
  const perMinute = Math.round((o.burstOrders / Math.max(1, last - start)) * 60_000);
  return { burstOrders: o.burstOrders, ordersPerMinute: perMinute, floorPerMinute, vsFloor: ratio(perMinute, floorPerMinute) };
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 100) / 100);
