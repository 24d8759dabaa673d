import {
  applyOrderState,
  CommittedStockState,
  emptyCommittedStock,
  OrderStateEvent,
  OrderStep,
  SkuMapEntry,
} from '@mlc/catalog';
import { Decimal } from '@mlc/platform-money';
import type { BcSalesOrderState } from '../gateways/bc-item-source.port';
import type { CommittedOrderInfo, CommittedReader } from '../persistence/committed.repository';
import type { ConnectionRuntime } from './connection-runtime';

/** Committed stock as a push sees it. */
export interface CommittedLoader {
  /**
   * Reads back from BC what the events cannot say (sales-order mode: shipped quantities). Call it BEFORE reading the
   * items: an order BC absorbs between the two reads then counts as still committed (the store offers too little
   * once) instead of as absorbed while the inventory read does not show it yet (too much).
   */
  readBack(rt: ConnectionRuntime, entries: readonly SkuMapEntry[]): Promise<void>;
  /** The state for a plan: every event so far, refined by the latest read-back. */
  load(rt: ConnectionRuntime, entries: readonly SkuMapEntry[]): Promise<CommittedStockState>;
}

/** Synthetic steps sort right after the real event they refine; a newer real event (next integer) supersedes them. */
const SYNTHETIC_OFFSET = 0.5;

/**
 * Committed stock for a push. In posted-invoice mode it is exactly what `sync.order-state.v1` events say. In
 * sales-order mode BC ships orders without the connector: before a push reads its items, the open orders touching
 * its SKUs are read back from BC (at most once per `minIntervalMs` per order) and their shipped quantities folded in
 * as a refining step timed at the sales order's `lastModifiedDateTime` (never later than the read), so inventory read
 * after the shipment is not reduced twice. A sales order BC no longer has was shipped and invoiced (`shipAndInvoice`
 * removes it): it counts as posted at the time of the read, which precedes the item read.
 */
export class CommittedSource implements CommittedLoader {
  private readonly refined = new Map<string, { readAt: number; step: OrderStep }>();

  constructor(
    private readonly repo: CommittedReader,
    private readonly minIntervalMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  async readBack(rt: ConnectionRuntime, entries: readonly SkuMapEntry[]): Promise<void> {
    if (rt.documentType === 'salesOrder') await this.refine(rt, entries, true);
  }

  async load(rt: ConnectionRuntime, entries: readonly SkuMapEntry[]): Promise<CommittedStockState> {
    const state = await this.repo.load(rt.connectionId);
    if (rt.documentType !== 'salesOrder') return state;
    const refined = await this.refine(rt, entries, false);
    return { ...state, orders: { ...state.orders, ...refined } };
  }

  /**
   * Refined steps of the open sales orders touching `entries`: read from BC when `fresh` (unless read less than
   * `minIntervalMs` ago), otherwise as last read back (read now when never read).
   */
  private async refine(
    rt: ConnectionRuntime,
    entries: readonly SkuMapEntry[],
    fresh: boolean,
  ): Promise<Record<string, readonly OrderStep[]>> {
    const skus = new Set(entries.map((e) => e.sku));
    const itemOfSku = new Map(entries.map((e) => [e.sku, e.bcItemId]));
    const orders: Record<string, readonly OrderStep[]> = {};
    for (const order of await this.repo.openOrders(rt.connectionId, 'salesOrder')) {
      const latest = order.steps[order.steps.length - 1];
      const documentId = order.bcDocumentId;
      if (!latest || !documentId || !Object.keys(latest.lines).some((sku) => skus.has(sku))) continue;
      const step = await this.refinedStep(rt, order, documentId, latest, itemOfSku, fresh);
      orders[String(order.orderId)] = [...order.steps.filter((s) => s.sequence !== step.sequence), step];
    }
    return orders;
  }

  private async refinedStep(
    rt: ConnectionRuntime,
    order: CommittedOrderInfo,
    documentId: string,
    latest: OrderStep,
    itemOfSku: ReadonlyMap<string, string>,
    fresh: boolean,
  ): Promise<OrderStep> {
    const key = `${rt.connectionId}:${order.orderId}:${latest.sequence}`;
    const cached = this.refined.get(key);
    const maxAge = fresh ? this.minIntervalMs : Number.POSITIVE_INFINITY;
    if (cached && this.now() - cached.readAt < maxAge) return cached.step;
    const readAt = this.now();
    if (this.refined.size > 50_000) this.refined.clear();
    const bcOrder = await rt.bc.salesOrder(documentId);
    const event = syntheticEvent(rt.connectionId, order.orderId, latest, bcOrder, itemOfSku, readAt);
    // An order BC no longer has is settled for good: recorded, so it is not read back again.
    if (!bcOrder) await this.repo.apply(event);
    const step = stepOf(event);
    this.refined.set(key, { readAt, step });
    return step;
  }
}

/** The reducer's step of an event. */
function stepOf(event: OrderStateEvent): OrderStep {
  const [step] = applyOrderState(emptyCommittedStock(event.connectionId), event).orders[String(event.orderId)] ?? [];
  if (!step) throw new Error(`order ${event.orderId}: the reducer kept no step`);
  return step;
}

/** The order as BC holds it now, as an order-state event (lines by SKU, shipped quantities by item). */
export function syntheticEvent(
  connectionId: string,
  orderId: number,
  latest: OrderStep,
  bcOrder: BcSalesOrderState | undefined,
  itemOfSku: ReadonlyMap<string, string>,
  readAt: number,
): OrderStateEvent {
  const shippedByItem = new Map<string, Decimal>();
  for (const line of bcOrder?.lines ?? []) {
    if (!line.itemId) continue;
    const id = line.itemId.toLowerCase();
    shippedByItem.set(id, (shippedByItem.get(id) ?? Decimal.ZERO).plus(line.shippedQuantity));
  }
  const lines = Object.entries(latest.lines).map(([sku, line]) => {
    const quantity = Decimal.parse(line.open).plus(line.absorbed);
    const item = itemOfSku.get(sku)?.toLowerCase();
    const shipped = item === undefined ? Decimal.parse(line.absorbed) : (shippedByItem.get(item) ?? Decimal.ZERO);
    return { sku, quantity: quantity.toString(), shippedQuantity: Decimal.min(shipped, quantity).toString() };
  });
  const sequence = latest.sequence + SYNTHETIC_OFFSET;
  const at = bcOrder ? Math.min(bcOrder.lastModifiedAt, readAt) : readAt;
  return {
    connectionId,
    orderId,
    state: bcOrder ? 'DOCUMENT_CREATED' : 'POSTED',
    documentType: 'salesOrder',
    lines,
    sequence,
    occurredAt: new Date(Number.isNaN(at) ? readAt : at).toISOString(),
  };
}
