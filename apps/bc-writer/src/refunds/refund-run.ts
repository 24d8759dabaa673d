import { transition, type OrderLedgerEvent, type OrderLedgerState, type StoreRefund } from '@mlc/orders';
import { orderSyncTransitions } from '../metrics/bc-writer.metrics';
import type {
  RefundLedgerPatch,
  RefundLedgerRepository,
  RefundLedgerRow,
} from '../persistence/refund-ledger.repository';
import { refundStateEvent } from '../orders/order-state-event';
import type { OrderRun } from '../orders/order-run';

/** One refund's ledger row within an order's run; the only way to change it (same transition table as orders). */
export class RefundRun {
  constructor(
    readonly order: OrderRun,
    readonly refund: StoreRefund,
    readonly raw: unknown,
    readonly rawHash: string,
    public row: RefundLedgerRow | undefined,
    private readonly repo: RefundLedgerRepository,
  ) {}

  /** The ledger row; asking before the refund entered the ledger is a programmer error. */
  get entry(): RefundLedgerRow {
    if (!this.row) throw new TypeError(`refund ${this.refund.id} has no ledger entry yet`);
    return this.row;
  }

  get key() {
    return { connectionId: this.order.ctx.connectionId, orderId: this.order.order.id, refundId: this.refund.id };
  }

  /** (Re)starts the refund at `state` with its current snapshot. */
  async begin(state: OrderLedgerState, reason: string, patch: RefundLedgerPatch = {}): Promise<void> {
    const full: RefundLedgerPatch = {
      totalAmount: this.refund.totalAmount.toString(),
      snapshot: this.raw,
      snapshotHash: this.rawHash,
      lastError: null,
      waitingForOrder: false,
      ...patch,
      state,
    };
    await this.save(this.row?.state, state, 'BEGIN', full, reason);
  }

  async move(event: OrderLedgerEvent, patch: RefundLedgerPatch = {}, reason?: string): Promise<void> {
    const from = this.row?.state;
    if (!from) throw new TypeError(`${event} needs a refund ledger entry (refund ${this.refund.id})`);
    const next = transition(from, event);
    if (!next.ok) throw new TypeError(`refund ${this.refund.id}: ${next.error}`);
    await this.save(from, next.to, event, { ...patch, state: next.to }, reason);
  }

  async note(patch: RefundLedgerPatch): Promise<void> {
    this.row = await this.repo.save(this.key, patch);
  }

  private async save(
    from: OrderLedgerState | undefined,
    to: OrderLedgerState,
    event: string,
    patch: RefundLedgerPatch,
    reason?: string,
  ): Promise<void> {
    const merged = { creditMemoId: null, creditMemoNumber: null, ...this.row, ...patch };
    const value = refundStateEvent({
      connectionId: this.key.connectionId,
      refund: this.refund,
      order: this.order.order,
      state: to,
      previousState: from,
      creditMemoId: merged.creditMemoId,
      creditMemoNumber: merged.creditMemoNumber,
      settingsVersion: this.order.ctx.settingsVersion,
      reason,
    });
    this.row = await this.repo.save(this.key, patch, value);
    this.order.transitions.push({ subject: `refund ${this.refund.id}`, from: from ?? null, to, event, reason, at: new Date().toISOString() });
    orderSyncTransitions.inc({ connection: this.key.connectionId, state: to });
  }
}
