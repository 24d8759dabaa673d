import type { SandboxControl } from '@mlc/testing';
import type { PlacedOrder, PlacedRefund } from './outcome';
import { AWAITING_FULFILLMENT, CANCELLED, type OrderRequest, type PlannedOrder } from './workload';

/**
 * Plays the workload against the sandboxes like shoppers and the merchant: checkouts a few at a time (an order the
 * store refuses as out of stock is retried with other lines), and once the connector has an order in its ledger, the
 * merchant's follow-up (mark paid, cancel, refund part or all).
 */
export class WorkloadRunner {
  readonly placed: PlacedOrder[] = [];
  readonly refunds: PlacedRefund[] = [];
  readonly lines = new Map<number, OrderRequest['lines']>();
  private readonly followedUp = new Set<number>();
  refusals = 0;

  constructor(
    private readonly control: SandboxControl,
    private readonly spareSkus: readonly string[],
  ) {}

  /**
   * Places every order, `concurrency` at a time and at most one per `intervalMs` (a burst spread over the run, so
   * the chaos lands in the middle of it), calling `onProgress(placedCount)` after each.
   */
  async place(
    orders: readonly PlannedOrder[],
    concurrency: number,
    intervalMs: number,
    onProgress: (n: number) => void,
  ): Promise<void> {
    const queue = orders.map((order, index) => ({ order, index }));
    const start = Date.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const due = start + next.index * intervalMs - Date.now();
          if (due > 0) await new Promise((r) => setTimeout(r, due));
          await this.placeOne(next.order);
          onProgress(this.placed.length);
        }
      }),
    );
  }

  /** Runs the follow-ups whose order reached the ledger state they need; returns how many are still to do. */
  async followUps(ledger: ReadonlyMap<number, string>): Promise<number> {
    let pending = 0;
    for (const order of this.placed) {
      if (order.fate === 'keep' || this.followedUp.has(order.id)) continue;
      const state = ledger.get(order.id);
      const unpaid = order.fate === 'pay-later' || order.fate === 'cancel-unpaid';
      if (unpaid ? state === undefined : state !== 'POSTED') {
        pending += 1;
        continue;
      }
      this.followedUp.add(order.id);
      if (order.fate === 'pay-later') await this.control.setOrderStatus(order.id, AWAITING_FULFILLMENT);
      else if (order.fate === 'cancel-unpaid') await this.control.setOrderStatus(order.id, CANCELLED);
      else await this.refund(order);
    }
    return pending;
  }

  private async refund(order: PlacedOrder): Promise<void> {
    const lines = this.lines.get(order.id)!;
    const body = order.fate === 'refund-partial' ? { items: [{ sku: lines[0]!.sku, quantity: 1 }] } : {};
    const refund = await this.control.request<{ refundId: number; amount: string }>('POST', `/bigcommerce/orders/${order.id}/refunds`, body);
    this.refunds.push({ orderId: order.id, refundId: refund.refundId, amount: refund.amount });
  }

  private async placeOne(planned: PlannedOrder): Promise<void> {
    let request = planned.request;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const placed = await this.control.request<{ id: number; total_inc_tax: string }>('POST', '/bigcommerce/orders', request);
        this.placed.push({ id: placed.id, fate: planned.fate, totalIncTax: placed.total_inc_tax });
        this.lines.set(placed.id, request.lines);
        return;
      } catch (err) {
        if (attempt >= 5 || !/answered (409|422)/.test(String(err))) throw err;
        this.refusals += 1;
        const sku = this.spareSkus[(this.refusals * 7) % this.spareSkus.length]!;
        request = { ...request, lines: [{ sku, quantity: 1 }] };
      }
    }
  }
}
