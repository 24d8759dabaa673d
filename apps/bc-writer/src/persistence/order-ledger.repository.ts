import type { OrderLedgerEntry, OrderLedgerState, OrderContentSummary } from '@mlc/orders';
import type { DataSource, QueryRunner } from '@mlc/platform-persistence';
import { appendOrderEvent, type NewOrderEvent } from './order-events.repository';
import { required } from '../required';

/** `SKIPPED`: seen but not syncable (yet); kept so a later cancellation can release the stock it committed. */
export type OrderRowState = OrderLedgerState | 'SKIPPED';
export type WritePending = 'create' | 'post' | 'delete';

/** Which store SKU each product line of the BC document carries (for BC's shipped quantities). */
export interface LineMapEntry {
  readonly sequence: number;
  readonly sku: string;
}

/** One order_ledger row. */
export interface OrderLedgerRow {
  readonly connectionId: string;
  readonly orderId: number;
  readonly state: OrderRowState;
  readonly contentHash: string;
  readonly summary: OrderContentSummary | null;
  readonly snapshotHash: string;
  readonly settingsVersion: number;
  readonly customerId: string | null;
  readonly customerNumber: string | null;
  readonly documentType: 'salesInvoice' | 'salesOrder' | null;
  readonly documentId: string | null;
  readonly documentNumber: string | null;
  readonly documentEtag: string | null;
  readonly invoiceId: string | null;
  readonly invoiceNumber: string | null;
  readonly posted: boolean;
  readonly lineMap: readonly LineMapEntry[] | null;
  readonly shipped: Readonly<Record<string, string>> | null;
  readonly writePending: WritePending | null;
  readonly lastError: string | null;
  readonly detail: unknown;
  readonly attempts: number;
  readonly receivedAt: Date;
}

type Key = Pick<OrderLedgerRow, 'connectionId' | 'orderId'>;
export type OrderLedgerPatch = Partial<Omit<OrderLedgerRow, 'connectionId' | 'orderId' | 'attempts' | 'receivedAt'>> & {
  readonly snapshot?: unknown;
};

const COLUMNS: Record<keyof OrderLedgerPatch, string> = {
  state: 'state',
  contentHash: 'content_hash',
  summary: 'summary',
  snapshot: 'snapshot',
  snapshotHash: 'snapshot_hash',
  settingsVersion: 'settings_version',
  customerId: 'customer_id',
  customerNumber: 'customer_number',
  documentType: 'bc_document_type',
  documentId: 'bc_document_id',
  documentNumber: 'bc_document_number',
  documentEtag: 'bc_document_etag',
  invoiceId: 'bc_invoice_id',
  invoiceNumber: 'bc_invoice_number',
  posted: 'posted',
  lineMap: 'line_map',
  shipped: 'shipped',
  writePending: 'write_pending',
  lastError: 'last_error',
  detail: 'detail',
};
const JSON_COLUMNS = new Set(['summary', 'snapshot', 'line_map', 'shipped', 'detail']);

/** order_ledger: one row per store order; every state change is written with its order-state event atomically. */
export class OrderLedgerRepository {
  constructor(private readonly db: DataSource) {}

  async get(connectionId: string, orderId: number): Promise<OrderLedgerRow | undefined> {
    const rows: DbRow[] = await this.db.query(`select * from order_ledger where connection_id = $1 and order_id = $2`, [
      connectionId,
      orderId,
    ]);
    return rows[0] ? toRow(rows[0]) : undefined;
  }

  /** Inserts or replaces the row (a new sync cycle of the order), with its first event. */
  async start(key: Key, patch: OrderLedgerPatch & { state: OrderRowState }, event?: NewOrderEvent): Promise<OrderLedgerRow> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `insert into order_ledger (connection_id, order_id, state, content_hash, snapshot, snapshot_hash, settings_version)
         values ($1, $2, $3, '', '{}', '', 0) on conflict (connection_id, order_id) do nothing`,
        [key.connectionId, key.orderId, patch.state],
      );
      return this.write(tx, key, patch, event);
    });
  }

  /** Applies a change (and appends its event) in one transaction; counts the attempt when asked. */
  async update(key: Key, patch: OrderLedgerPatch, event?: NewOrderEvent): Promise<OrderLedgerRow> {
    return this.db.transaction((tx) => this.write(tx, key, patch, event));
  }

  async countAttempt(key: Key): Promise<void> {
    await this.db.query(
      `update order_ledger set attempts = attempts + 1 where connection_id = $1 and order_id = $2`,
      [key.connectionId, key.orderId],
    );
  }

  /** Entries per connection and state, for the orders_by_state gauge. */
  async countsByState(): Promise<Array<{ connectionId: string; state: string; count: number }>> {
    const rows: Array<{ connection_id: string; state: string; n: string }> = await this.db.query(
      `select connection_id, state, count(*)::text as n from order_ledger group by connection_id, state`,
    );
    return rows.map((r) => ({ connectionId: r.connection_id, state: r.state, count: Number(r.n) }));
  }

  private async write(tx: QueryRunnerLike, key: Key, patch: OrderLedgerPatch, event?: NewOrderEvent) {
    const sets: string[] = ['updated_at = now()'];
    const values: unknown[] = [key.connectionId, key.orderId];
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      const column = COLUMNS[field as keyof OrderLedgerPatch];
      values.push(JSON_COLUMNS.has(column) && value !== null ? JSON.stringify(value) : value);
      sets.push(`${column} = $${values.length}`);
    }
    // TypeORM answers UPDATE with [rows, affected count].
    const [rows]: [DbRow[], number] = await tx.query(
      `update order_ledger set ${sets.join(', ')} where connection_id = $1 and order_id = $2 returning *`,
      values,
    );
    if (event) await appendOrderEvent(tx, event);
    return toRow(required(rows[0], `order ${key.orderId}'s ledger row`));
  }
}

type QueryRunnerLike = Pick<QueryRunner['manager'], 'query'>;

/** The domain's view of a row (decideOrderAction, decideRefundAction). A SKIPPED row is no entry. */
export function toLedgerEntry(row: OrderLedgerRow | undefined): OrderLedgerEntry | undefined {
  if (!row || row.state === 'SKIPPED') return undefined;
  return {
    state: row.state,
    contentHash: row.contentHash,
    summary: row.summary ?? undefined,
    document:
      row.documentId && row.documentType
        ? {
            type: row.documentType,
            id: row.documentId,
            number: row.documentNumber ?? undefined,
            posted: row.posted,
          }
        : undefined,
  };
}

interface DbRow {
  connection_id: string;
  order_id: string;
  state: OrderRowState;
  content_hash: string;
  summary: OrderContentSummary | null;
  snapshot_hash: string;
  settings_version: number;
  customer_id: string | null;
  customer_number: string | null;
  bc_document_type: 'salesInvoice' | 'salesOrder' | null;
  bc_document_id: string | null;
  bc_document_number: string | null;
  bc_document_etag: string | null;
  bc_invoice_id: string | null;
  bc_invoice_number: string | null;
  posted: boolean;
  line_map: LineMapEntry[] | null;
  shipped: Record<string, string> | null;
  write_pending: WritePending | null;
  last_error: string | null;
  detail: unknown;
  attempts: number;
  received_at: Date;
}

function toRow(r: DbRow): OrderLedgerRow {
  return {
    connectionId: r.connection_id,
    orderId: Number(r.order_id),
    state: r.state,
    contentHash: r.content_hash,
    summary: r.summary,
    snapshotHash: r.snapshot_hash,
    settingsVersion: r.settings_version,
    customerId: r.customer_id,
    customerNumber: r.customer_number,
    documentType: r.bc_document_type,
    documentId: r.bc_document_id,
    documentNumber: r.bc_document_number,
    documentEtag: r.bc_document_etag,
    invoiceId: r.bc_invoice_id,
    invoiceNumber: r.bc_invoice_number,
    posted: r.posted,
    lineMap: r.line_map,
    shipped: r.shipped,
    writePending: r.write_pending,
    lastError: r.last_error,
    detail: r.detail,
    attempts: r.attempts,
    receivedAt: r.received_at,
  };
}
