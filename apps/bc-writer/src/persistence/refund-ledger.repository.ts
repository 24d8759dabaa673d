import type { OrderLedgerState, RefundLedgerEntry } from '@mlc/orders';
import type { DataSource } from '@mlc/platform-persistence';
import { appendOrderEvent, type NewOrderEvent } from './order-events.repository';
import type { WritePending } from './order-ledger.repository';
import { required } from '../required';

/** One refund_ledger row: a store refund and its BC sales credit memo. */
export interface RefundLedgerRow {
  readonly connectionId: string;
  readonly orderId: number;
  readonly refundId: number;
  readonly state: OrderLedgerState;
  readonly totalAmount: string;
  readonly snapshotHash: string;
  readonly creditMemoId: string | null;
  readonly creditMemoNumber: string | null;
  readonly creditMemoEtag: string | null;
  readonly posted: boolean;
  readonly writePending: WritePending | null;
  /** Parked behind its order (not synced, parked, or not invoiced yet): re-evaluated whenever the order moves. */
  readonly waitingForOrder: boolean;
  readonly lastError: string | null;
  readonly attempts: number;
}

type Key = Pick<RefundLedgerRow, 'connectionId' | 'orderId' | 'refundId'>;
export type RefundLedgerPatch = Partial<Omit<RefundLedgerRow, keyof Key | 'attempts'>> & {
  readonly snapshot?: unknown;
  readonly detail?: unknown;
};

const COLUMNS: Record<keyof RefundLedgerPatch, string> = {
  state: 'state',
  totalAmount: 'total_amount',
  snapshot: 'snapshot',
  snapshotHash: 'snapshot_hash',
  creditMemoId: 'bc_credit_memo_id',
  creditMemoNumber: 'bc_credit_memo_number',
  creditMemoEtag: 'bc_credit_memo_etag',
  posted: 'posted',
  writePending: 'write_pending',
  waitingForOrder: 'waiting_for_order',
  lastError: 'last_error',
  detail: 'detail',
};
const JSON_COLUMNS = new Set(['snapshot', 'detail']);

/** refund_ledger: one row per store refund, changed together with its order-state event. */
export class RefundLedgerRepository {
  constructor(private readonly db: DataSource) {}

  async forOrder(connectionId: string, orderId: number): Promise<RefundLedgerRow[]> {
    const rows: DbRow[] = await this.db.query(
      `select * from refund_ledger where connection_id = $1 and order_id = $2 order by refund_id`,
      [connectionId, orderId],
    );
    return rows.map(toRow);
  }

  /** Creates the row when missing, then applies the change and appends the event, in one transaction. */
  async save(key: Key, patch: RefundLedgerPatch, event?: NewOrderEvent): Promise<RefundLedgerRow> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `insert into refund_ledger (connection_id, order_id, refund_id, state, total_amount, snapshot, snapshot_hash)
         values ($1, $2, $3, 'RECEIVED', 0, '{}', '') on conflict do nothing`,
        [key.connectionId, key.orderId, key.refundId],
      );
      const sets: string[] = ['updated_at = now()'];
      const values: unknown[] = [key.connectionId, key.orderId, key.refundId];
      for (const [field, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        const column = COLUMNS[field as keyof RefundLedgerPatch];
        values.push(JSON_COLUMNS.has(column) && value !== null ? JSON.stringify(value) : value);
        sets.push(`${column} = $${values.length}`);
      }
      // TypeORM answers UPDATE with [rows, affected count].
      const [rows]: [DbRow[], number] = await tx.query(
        `update refund_ledger set ${sets.join(', ')}
         where connection_id = $1 and order_id = $2 and refund_id = $3 returning *`,
        values,
      );
      if (event) await appendOrderEvent(tx, event);
      return toRow(required(rows[0], `refund ${key.refundId}'s ledger row`));
    });
  }
}

/** The domain's view of a refund row; a refund waiting for its order is re-decided as if new. */
export function toRefundEntry(row: RefundLedgerRow | undefined, force: boolean): RefundLedgerEntry | undefined {
  if (!row) return undefined;
  const retriable = row.state === 'PARKED' || row.state === 'FAILED' || row.state === 'NEEDS_MAPPING';
  if (row.waitingForOrder || (force && retriable)) return undefined;
  return { state: row.state, creditMemoId: row.creditMemoId ?? undefined };
}

interface DbRow {
  connection_id: string;
  order_id: string;
  refund_id: string;
  state: OrderLedgerState;
  total_amount: string;
  snapshot_hash: string;
  bc_credit_memo_id: string | null;
  bc_credit_memo_number: string | null;
  bc_credit_memo_etag: string | null;
  posted: boolean;
  write_pending: WritePending | null;
  waiting_for_order: boolean;
  last_error: string | null;
  attempts: number;
}

function toRow(r: DbRow): RefundLedgerRow {
  return {
    connectionId: r.connection_id,
    orderId: Number(r.order_id),
    refundId: Number(r.refund_id),
    state: r.state,
    totalAmount: r.total_amount,
    snapshotHash: r.snapshot_hash,
    creditMemoId: r.bc_credit_memo_id,
    creditMemoNumber: r.bc_credit_memo_number,
    creditMemoEtag: r.bc_credit_memo_etag,
    posted: r.posted,
    writePending: r.write_pending,
    waitingForOrder: r.waiting_for_order,
    lastError: r.last_error,
    attempts: r.attempts,
  };
}
