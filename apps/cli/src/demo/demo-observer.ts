import type { DataSource } from '@mlc/platform-persistence';
import type { LedgerOrder, LedgerRefund, Snapshot } from './demo-records';
import type { SandboxControl } from './sandbox-control';

/** Reads the connector's ledger (bc-writer's schema) and the sandboxes' state, side by side. */
export class DemoObserver {
  constructor(
    private readonly writerDb: DataSource,
    private readonly control: SandboxControl,
    private readonly connectionId: string,
  ) {}

  async snapshot(): Promise<Snapshot> {
    const [orders, refunds, sandbox] = await Promise.all([this.ledgerOrders(), this.ledgerRefunds(), this.control.state()]);
    return { at: Date.now(), orders: new Map(orders.map((o) => [o.orderId, o])), refunds, sandbox };
  }

  private async ledgerOrders(): Promise<LedgerOrder[]> {
    const rows: Array<Record<string, unknown>> = await this.writerDb.query(
      `select order_id, state, bc_document_type, bc_document_number, posted, last_error
       from order_ledger where connection_id = $1`,
      [this.connectionId],
    );
    return rows.map((r) => ({
      orderId: Number(r.order_id),
      state: String(r.state),
      documentType: (r.bc_document_type as string | null) ?? null,
      documentNumber: (r.bc_document_number as string | null) ?? null,
      posted: r.posted === true,
      lastError: (r.last_error as string | null) ?? null,
    }));
  }

  private async ledgerRefunds(): Promise<LedgerRefund[]> {
    const rows: Array<Record<string, unknown>> = await this.writerDb.query(
      `select order_id, refund_id, state, bc_credit_memo_number, posted, last_error
       from refund_ledger where connection_id = $1`,
      [this.connectionId],
    );
    return rows.map((r) => ({
      orderId: Number(r.order_id),
      refundId: Number(r.refund_id),
      state: String(r.state),
      creditMemoNumber: (r.bc_credit_memo_number as string | null) ?? null,
      posted: r.posted === true,
      lastError: (r.last_error as string | null) ?? null,
    }));
  }
}
