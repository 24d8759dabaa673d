import {
  applyOrderState,
  CommittedStockState,
  emptyCommittedStock,
  OrderStateEvent,
  OrderStep,
  pruneSettledOrders,
} from '@mlc/catalog';
import type { DataSource } from '@mlc/platform-persistence';

/** Everything known about one order besides its steps: which BC document carries it. */
export interface CommittedOrderInfo {
  readonly orderId: number;
  readonly documentType: string;
  readonly bcDocumentId?: string;
  readonly steps: readonly OrderStep[];
}

interface OrderRow {
  order_id: string;
  document_type: string;
  bc_document_id: string | null;
  steps: OrderStep[];
}

/** What a push reads of committed stock. */
export interface CommittedReader {
  load(connectionId: string): Promise<CommittedStockState>;
  openOrders(connectionId: string, documentType: string): Promise<CommittedOrderInfo[]>;
  apply(event: OrderStateEvent): Promise<void>;
}

/**
 * Committed stock per connection, one row per order holding the reducer's events for it (`@mlc/catalog`'s
 * `applyOrderState` on a one-order state). Events of one order arrive on one partition, in order, so a row is never
 * written by two handlers at once; the row lock makes that hold for replays across replicas too.
 */
export class CommittedRepository implements CommittedReader {
  constructor(private readonly db: DataSource) {}

  /** Folds one `sync.order-state.v1` event into its order's row (idempotent: the reducer dedups by sequence). */
  async apply(event: OrderStateEvent & { readonly bcDocumentId?: string }): Promise<void> {
    await this.db.transaction(async (tx) => {
      const rows = (await tx.query(
        `select order_id, document_type, bc_document_id, steps from committed_orders
         where connection_id = $1 and order_id = $2 for update`,
        [event.connectionId, event.orderId],
      )) as OrderRow[];
      const before = stateOf(event.connectionId, rows);
      const after = applyOrderState(before, event);
      if (after === before) return;
      const steps = after.orders[String(event.orderId)] ?? [];
      const settled = Object.keys(pruneSettledOrders(after, Number.POSITIVE_INFINITY).orders).length === 0;
      const lastAt = new Date(Math.max(...steps.map((s) => s.at)));
      await tx.query(
        `insert into committed_orders (connection_id, order_id, document_type, bc_document_id, steps, settled,
           last_event_at)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (connection_id, order_id) do update set document_type = excluded.document_type,
           bc_document_id = coalesce(excluded.bc_document_id, committed_orders.bc_document_id),
           steps = excluded.steps, settled = excluded.settled, last_event_at = excluded.last_event_at`,
        [
          event.connectionId,
          event.orderId,
          event.documentType,
          event.bcDocumentId ?? null,
          JSON.stringify(steps),
          settled,
          lastAt,
        ],
      );
    });
  }

  /** The connection's committed-stock state, as the reducer would have built it from every event. */
  async load(connectionId: string): Promise<CommittedStockState> {
    const rows = (await this.db.query(
      `select order_id, document_type, bc_document_id, steps from committed_orders where connection_id = $1`,
      [connectionId],
    )) as OrderRow[];
    return stateOf(connectionId, rows);
  }

  /** Orders still committing stock, with their BC document (sales-order mode reads them back from BC). */
  async openOrders(connectionId: string, documentType: string): Promise<CommittedOrderInfo[]> {
    const rows = (await this.db.query(
      `select order_id, document_type, bc_document_id, steps from committed_orders
       where connection_id = $1 and document_type = $2 and not settled`,
      [connectionId, documentType],
    )) as OrderRow[];
    return rows.map((r) => ({
      orderId: Number(r.order_id),
      documentType: r.document_type,
      ...(r.bc_document_id !== null && { bcDocumentId: r.bc_document_id }),
      steps: r.steps,
    }));
  }

  /** Forgets settled orders whose last event is older than `before`; returns how many. */
  async pruneSettled(connectionId: string, before: Date): Promise<number> {
    const result = (await this.db.query(
      `delete from committed_orders where connection_id = $1 and settled and last_event_at < $2`,
      [connectionId, before],
    )) as [unknown[], number];
    return result[1];
  }
}

function stateOf(connectionId: string, rows: readonly OrderRow[]): CommittedStockState {
  const empty = emptyCommittedStock(connectionId);
  if (rows.length === 0) return empty;
  const orders: Record<string, readonly OrderStep[]> = {};
  for (const row of rows) orders[String(Number(row.order_id))] = row.steps;
  return { ...empty, orders };
}
