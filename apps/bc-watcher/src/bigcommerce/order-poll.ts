import { BIGCOMMERCE_LIMITS, BigCommerceOrderSummary, parseRfc2822 } from '@mlc/bigcommerce';
import { bigcommerceOrderSignalV1, TopicValue } from '@mlc/contracts';
import { advance, RecentlyPublished } from '../polling/delta-window';
import { StreamWatermark } from '../polling/watermarks';
import type { WatermarkStore } from '../persistence/watcher-state.port';
import { JobDeps, publishInChunks } from '../scheduling/job-deps';

type OrderSignal = TopicValue<typeof bigcommerceOrderSignalV1>;

const STREAM = 'bigcommerce-orders';
const PAGE = BIGCOMMERCE_LIMITS.pageSize;

/**
 * The BigCommerce order safety net: orders with `min_date_modified` at or after the watermark minus the overlap,
 * `sort=date_modified:asc`, read to the end. Each full page restarts the query from its last `date_modified`
 * (keyset paging): offset pages shift when an order is modified mid-poll, and a shifted order could be skipped. Only
 * a page whose orders all share one second is followed by offset. Every batch is published before the watermark
 * moves to its last date.
 */
export class OrderPoll {
  private readonly recent = new Map<string, RecentlyPublished>();

  constructor(
    private readonly deps: JobDeps,
    private readonly watermarks: WatermarkStore,
  ) {}

  /** Polls one connection; returns how many orders were signalled. */
  async run(connectionId: string): Promise<number> {
    const startedAt = Date.now();
    const store = await this.deps.resources.bigcommerce(connectionId);
    const mark = await StreamWatermark.open(this.watermarks, this.deps, connectionId, STREAM);
    const recent = this.recentFor(connectionId);
    const floor = mark.floor();
    let cursor = floor;
    let signalled = 0;
    let restart = true;
    while (restart) {
      restart = false;
      let batch: BigCommerceOrderSummary[] = [];
      for await (const order of store.listOrdersModifiedSince(cursor, { pageSize: PAGE })) {
        batch.push(order);
        if (batch.length < PAGE) continue;
        signalled += await this.flush(connectionId, batch, recent, mark);
        const last = modifiedMs(order);
        batch = [];
        if (last > cursor.getTime()) {
          cursor = new Date(last);
          restart = true;
          break;
        }
      }
      signalled += await this.flush(connectionId, batch, recent, mark);
    }
    await mark.completed(startedAt);
    // The bound is sent in whole seconds, so the next poll reads back from this second's start.
    recent.prune(Math.floor(floor.getTime() / 1000) * 1000);
    return signalled;
  }

  private async flush(
    connectionId: string,
    batch: readonly BigCommerceOrderSummary[],
    recent: RecentlyPublished,
    mark: StreamWatermark,
  ): Promise<number> {
    if (batch.length === 0) return 0;
    const fresh = batch.filter((o) => recent.isNew(String(o.id), modifiedMs(o)));
    await publishInChunks(this.deps.sink, bigcommerceOrderSignalV1, fresh.flatMap((o) => signalsFor(connectionId, o)));
    for (const o of fresh) recent.remember(String(o.id), modifiedMs(o));
    await mark.save(advance(mark.value, batch.map(modifiedMs)));
    return fresh.length;
  }

  private recentFor(connectionId: string): RecentlyPublished {
    let recent = this.recent.get(connectionId);
    if (!recent) {
      recent = new RecentlyPublished();
      this.recent.set(connectionId, recent);
    }
    return recent;
  }
}

/**
 * An order signal for every modified order, plus a refund signal (without a refund id: "check this order's refunds")
 * when the order shows a refunded amount, because a missed `store/order/refund/created` would otherwise stay missed.
 */
export function signalsFor(connectionId: string, order: BigCommerceOrderSummary): OrderSignal[] {
  const occurredAt = new Date(modifiedMs(order)).toISOString();
  const base = { connectionId, orderId: order.id, source: 'poll', occurredAt } as const;
  const signals: OrderSignal[] = [{ ...base, kind: 'order' }];
  const refunded = (order as { refunded_amount?: unknown }).refunded_amount;
  if (typeof refunded === 'string' && /[1-9]/.test(refunded)) signals.push({ ...base, kind: 'refund' });
  return signals;
}

function modifiedMs(order: BigCommerceOrderSummary): number {
  return parseRfc2822(order.date_modified).getTime();
}
