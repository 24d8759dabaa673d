import { orderStateLines, type OrderSyncSettings, type StoreOrder, type StoreRefund } from '@mlc/orders';
import type { NewOrderEvent } from '../persistence/order-events.repository';
import type { OrderLedgerRow, OrderRowState } from '../persistence/order-ledger.repository';

export interface OrderEventInput {
  readonly row: Pick<OrderLedgerRow, 'connectionId' | 'orderId' | 'documentType' | 'documentId' | 'documentNumber' | 'shipped'>;
  readonly state: OrderRowState;
  readonly previousState?: OrderRowState;
  readonly order: StoreOrder;
  readonly settings: OrderSyncSettings;
  readonly settingsVersion: number;
  readonly reason?: string;
  /**
   * A conflict on a posted document carries no lines: BC inventory already reflects the posted document, so the
   * order commits no further stock; what differs needs a person (the reason names it).
   */
  readonly withoutLines?: boolean;
}

/**
 * `sync.order-state.v1` for an order: its SKUs and quantities (catalog-writer computes committed stock from them),
 * and in sales-order mode the quantities BC has shipped, when read.
 */
export function orderStateEvent(input: OrderEventInput): NewOrderEvent {
  const { row, order, settings } = input;
  const documentType = row.documentType ?? settings.documentType;
  const shipped = documentType === 'salesOrder' ? row.shipped : null;
  const lines = input.withoutLines
    ? []
    : orderStateLines(order).map((l) => ({
        sku: l.sku,
        quantity: String(l.quantity),
        ...(shipped?.[l.sku] !== undefined ? { shippedQuantity: shipped[l.sku] } : {}),
      }));
  return compactEvent({
    connectionId: row.connectionId,
    orderId: row.orderId,
    state: input.state,
    previousState: input.previousState,
    documentType,
    bcDocumentId: row.documentId ?? undefined,
    bcDocumentNumber: row.documentNumber ?? undefined,
    lines,
    reason: input.reason?.slice(0, 2000),
    settingsVersion: input.settingsVersion,
    occurredAt: new Date().toISOString(),
  });
}

export interface RefundEventInput {
  readonly connectionId: string;
  readonly refund: StoreRefund;
  readonly order: StoreOrder;
  readonly state: OrderRowState;
  readonly previousState?: OrderRowState;
  readonly creditMemoId?: string | null;
  readonly creditMemoNumber?: string | null;
  readonly settingsVersion: number;
  readonly reason?: string;
}

/** `sync.order-state.v1` for a refund: the refunded product SKUs and quantities, on the order's key. */
export function refundStateEvent(input: RefundEventInput): NewOrderEvent {
  const skuOf = new Map(input.order.lines.map((l) => [l.id, l.sku]));
  const bySku = new Map<string, number>();
  for (const item of input.refund.items) {
    const sku = item.type === 'PRODUCT' ? skuOf.get(item.itemId) : undefined;
    if (sku && item.quantity) bySku.set(sku, (bySku.get(sku) ?? 0) + item.quantity);
  }
  return compactEvent({
    connectionId: input.connectionId,
    orderId: input.order.id,
    refundId: input.refund.id,
    state: input.state,
    previousState: input.previousState,
    documentType: 'salesCreditMemo',
    bcDocumentId: input.creditMemoId ?? undefined,
    bcDocumentNumber: input.creditMemoNumber ?? undefined,
    lines: [...bySku].sort(([a], [b]) => (a < b ? -1 : 1)).map(([sku, quantity]) => ({ sku, quantity: String(quantity) })),
    reason: input.reason?.slice(0, 2000),
    settingsVersion: input.settingsVersion,
    occurredAt: new Date().toISOString(),
  });
}

function compactEvent(event: NewOrderEvent): NewOrderEvent {
  return Object.fromEntries(Object.entries(event).filter(([, v]) => v !== undefined)) as NewOrderEvent;
}
