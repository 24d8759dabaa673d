import {
  applyOrderState,
  CommittedStockState,
  emptyCommittedStock,
  OrderStep,
  SkuMapEntry,
} from '@mlc/catalog';
import { Decimal } from '@mlc/platform-money';
import type { BcSalesOrderState } from '../gateways/bc-item-source.port';
import type { CommittedOrderInfo, CommittedReader } from '../persistence/committed.repository';
import type { ConnectionRuntime } from './connection-runtime';

/** Committed stock as a push sees it. */
export interface CommittedLoader {
  load(rt: ConnectionRuntime, entries: readonly SkuMapEntry[]): Promise<CommittedStockState>;
}

/** Synthetic steps sort right after the real event they refine; a newer real event (next integer) supersedes them. */
const SYNTHETIC_OFFSET = 0.5;

/**
 * Committed stock for a push. In posted-invoice mode it is exactly what `sync.order-state.v1` events say. In
 * sales-order mode BC ships orders without the connector: for the open orders touching the pushed SKUs, the shipped
 * quantities are read back from BC (at most once per `minIntervalMs` per order) and folded in as a refining step
 * timed at the sales order's `lastModifiedDateTime`, so BC inventory read after the shipment is not reduced twice. A
 * sales order BC no longer has was shipped and invoiced (`shipAndInvoice` removes it): it counts as posted now.
 */
export class CommittedSource implements CommittedLoader {
  private readonly refined = new Map<string, { readAt: number; step: OrderStep }>();

  constructor(
    private readonly repo: CommittedReader,
    private readonly minIntervalMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async load(rt: ConnectionRuntime, entries: readonly SkuMapEntry[]): Promise<CommittedStockState> {
    const state = await this.repo.load(rt.connectionId);
    if (rt.documentType !== 'salesOrder') return state;
    const skus = new Set(entries.map((e) => e.sku));
    const itemOfSku = new Map(entries.map((e) => [e.sku, e.bcItemId]));
    const orders = { ...state.orders };
    for (const order of await this.repo.openOrders(rt.connectionId, 'salesOrder')) {
      const latest = order.steps[order.steps.length - 1];
      const documentId = order.bcDocumentId;
      if (!latest || !documentId || !Object.keys(latest.lines).some((sku) => skus.has(sku))) continue;
      const step = await this.refinedStep(rt, order, documentId, latest, itemOfSku);
      if (step) orders[String(order.orderId)] = [...order.steps.filter((s) => s.sequence !== step.sequence), step];
    }
    return { ...state, orders };
  }

  private async refinedStep(
    rt: ConnectionRuntime,
    order: CommittedOrderInfo,
    documentId: string,
    latest: OrderStep,
    itemOfSku: ReadonlyMap<string, string>,
  ): Promise<OrderStep | undefined> {
    const key = `${rt.connectionId}:${order.orderId}:${latest.sequence}`;
    const cached = this.refined.get(key);
    if (cached && this.now() - cached.readAt < this.minIntervalMs) return cached.step;
    const readAt = this.now();
    if (this.refined.size > 50_000) this.refined.clear();
    const bcOrder = await rt.bc.salesOrder(documentId);
    const step = syntheticStep(rt.connectionId, order.orderId, latest, bcOrder, itemOfSku, readAt);
    this.refined.set(key, { readAt, step });
    return step;
  }
}

/** The reducer's step for the order as BC holds it now (lines by SKU, shipped quantities by item). */
export function syntheticStep(
  connectionId: string,
  orderId: number,
  latest: OrderStep,
  bcOrder: BcSalesOrderState | undefined,
  itemOfSku: ReadonlyMap<string, string>,
  readAt: number,
): OrderStep {
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
  const event = {
    connectionId,
    orderId,
    state: bcOrder ? 'DOCUMENT_CREATED' : 'POSTED',
    documentType: 'salesOrder',
    lines,
    sequence,
    occurredAt: new Date(Number.isNaN(at) ? readAt : at).toISOString(),
  };
  const [step] = applyOrderState(emptyCommittedStock(connectionId), event).orders[String(orderId)] ?? [];
  if (!step) throw new Error(`order ${orderId}: the reducer kept no step`);
  return step;
}
