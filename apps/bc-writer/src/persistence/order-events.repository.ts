import type { TopicValue } from '@mlc/contracts';
import type { syncOrderStateV1 } from '@mlc/contracts';
import type { DataSource, QueryRunner } from '@mlc/platform-persistence';
import { required } from '../required';

export type OrderStateValue = TopicValue<typeof syncOrderStateV1>;

/** An order-state event before its per-order sequence is assigned (in the same transaction as the ledger change). */
export type NewOrderEvent = Omit<OrderStateValue, 'sequence'>;

export interface StoredOrderEvent {
  readonly id: string;
  readonly value: OrderStateValue;
}

type Tx = Pick<QueryRunner['manager'], 'query'>;

/**
 * Appends an event to the outbox (order_events) with the next sequence of its order (orders and refunds of one
 * order share the counter, as they share the Kafka key). Published afterwards by OrderStatePublisher, so a ledger
 * change is never recorded without its event, nor an event sent for a change that was rolled back.
 */
export async function appendOrderEvent(tx: Tx, event: NewOrderEvent): Promise<number> {
  const rows: Array<{ next: number }> = await tx.query(
    `select coalesce(max(sequence), 0) + 1 as next from order_events where connection_id = $1 and order_id = $2`,
    [event.connectionId, event.orderId],
  );
  const sequence = required(rows[0], 'the next sequence').next;
  const value: OrderStateValue = { ...event, sequence };
  await tx.query(
    `insert into order_events (connection_id, order_id, sequence, state, payload) values ($1, $2, $3, $4, $5)`,
    [event.connectionId, event.orderId, sequence, event.state, JSON.stringify(value)],
  );
  return sequence;
}

/** The outbox of `sync.order-state.v1`. */
export class OrderEventsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Locks unpublished events (of one order, or those older than `olderThanMs` everywhere), hands them to `publish`
   * in sequence order and marks them published in the same transaction; locked rows are skipped by a concurrent
   * flusher, so an event is sent once unless the process dies between the send and the commit.
   */
  async flush(
    publish: (values: OrderStateValue[]) => Promise<void>,
    scope: { connectionId: string; orderId: number } | { olderThanMs: number },
  ): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [where, params] =
        'connectionId' in scope
          ? ['connection_id = $1 and order_id = $2', [scope.connectionId, scope.orderId]]
          : [`created_at < now() - ($1::text || ' milliseconds')::interval`, [String(scope.olderThanMs)]];
      const rows: Array<{ id: string; payload: OrderStateValue }> = await tx.query(
        `select id, payload from order_events where published_at is null and ${where}
         order by connection_id, order_id, sequence limit 500 for update skip locked`,
        params,
      );
      if (rows.length === 0) return 0;
      await publish(rows.map((r) => r.payload));
      await tx.query(`update order_events set published_at = now() where id = any($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }

  /** Every event of an order, oldest first (trace, tests). */
  async forOrder(connectionId: string, orderId: number): Promise<StoredOrderEvent[]> {
    const rows: Array<{ id: string; payload: OrderStateValue }> = await this.db.query(
      `select id, payload from order_events where connection_id = $1 and order_id = $2 order by sequence`,
      [connectionId, orderId],
    );
    return rows.map((r) => ({ id: r.id, value: r.payload }));
  }
}
