import type { BigCommerceApi } from '@mlc/bigcommerce';
import {
  contentHash,
  summarizeOrder,
  transition,
  type OrderLedgerEvent,
  type OrderSyncSettings,
  type StoreOrder,
} from '@mlc/orders';
import type { WriterBc } from '../bc/writer-bc';
import { orderLatency, orderSyncTransitions } from '../metrics/bc-writer.metrics';
import type {
  OrderLedgerPatch,
  OrderLedgerRepository,
  OrderLedgerRow,
  OrderRowState,
} from '../persistence/order-ledger.repository';
import type { AttemptTransition } from '../persistence/sync-attempts.repository';
import type { RefundRun } from '../refunds/refund-run';
import { orderStateEvent } from './order-state-event';

/** The order as fetched for this attempt: raw JSON (the audit evidence), its hash, and the parsed domain order. */
export interface OrderSnapshot {
  readonly raw: unknown;
  readonly hash: string;
  readonly order: StoreOrder;
}

/** What one handled signal works with. `bc` and `store` count their calls for the attempt record. */
export interface RunContext {
  readonly connectionId: string;
  readonly settings: OrderSyncSettings;
  readonly settingsVersion: number;
  readonly bc: WriterBc;
  readonly store: BigCommerceApi;
  /** A manual resync: re-evaluate orders and refunds parked, failed or waiting for mappings. */
  readonly force: boolean;
  readonly signalKind: 'order' | 'refund';
  /** When the signal was first raised (webhook receipt, poll, resync), for the latency metric. */
  readonly signalAt: Date;
}

/**
 * One signal's work on one order: the ledger row as it stands, and the only way to change it. Every state change
 * is checked against the domain's transition table and written with its order-state event in one transaction.
 */
export class OrderRun {
  readonly transitions: AttemptTransition[] = [];
  /** The refund being worked on, so a permanent failure is recorded on it rather than on the order. */
  activeRefund?: RefundRun;

  constructor(
    readonly ctx: RunContext,
    readonly snapshot: OrderSnapshot,
    public row: OrderLedgerRow | undefined,
    private readonly ledger: OrderLedgerRepository,
  ) {}

  get order(): StoreOrder {
    return this.snapshot.order;
  }

  get settings(): OrderSyncSettings {
    return this.ctx.settings;
  }

  get key() {
    return { connectionId: this.ctx.connectionId, orderId: this.order.id };
  }

  /** The ledger row; asking before the order entered the ledger is a programmer error. */
  get entry(): OrderLedgerRow {
    if (!this.row) throw new TypeError(`order ${this.order.id} has no ledger entry yet`);
    return this.row;
  }

  /** The ledger fields that describe the snapshot a document is built from. */
  contentPatch(): OrderLedgerPatch {
    return {
      contentHash: contentHash(this.order),
      summary: summarizeOrder(this.order),
      snapshot: this.snapshot.raw,
      snapshotHash: this.snapshot.hash,
      settingsVersion: this.ctx.settingsVersion,
    };
  }

  /** Starts (or restarts) the order's row in `state` with the current snapshot. */
  async begin(state: OrderRowState, reason: string, patch: OrderLedgerPatch = {}): Promise<void> {
    const previous = this.row?.state;
    const full: OrderLedgerPatch = { ...this.contentPatch(), lastError: null, detail: null, ...patch, state };
    const event = this.event(state, previous, reason, full);
    this.row = await this.ledger.start(this.key, { ...full, state }, event);
    this.record(previous ?? null, state, previous ? 'RESTART' : 'BEGIN', reason);
  }

  /** Applies a domain event; throws (a programmer error) when the table does not allow it from the current state. */
  async move(event: OrderLedgerEvent, patch: OrderLedgerPatch = {}, reason?: string, withoutLines = false) {
    const from = this.row?.state;
    if (!from || from === 'SKIPPED') throw new TypeError(`${event} needs a ledger entry (order ${this.order.id})`);
    const next = transition(from, event);
    if (!next.ok) throw new TypeError(`order ${this.order.id}: ${next.error}`);
    const full: OrderLedgerPatch = { ...patch, state: next.to };
    this.row = await this.ledger.update(this.key, full, this.event(next.to, from, reason, full, withoutLines));
    this.record(from, next.to, event, reason);
    if (next.to === 'POSTED' || (next.to === 'DOCUMENT_CREATED' && !this.postsDocuments())) this.observeLatency();
  }

  /** Records fields without changing the state; with `reason`, re-sends the state (e.g. BC shipped more). */
  async note(patch: OrderLedgerPatch, reason?: string): Promise<void> {
    const state = this.entry.state;
    const event = reason ? this.event(state, state, reason, patch) : undefined;
    this.row = await this.ledger.update(this.key, patch, event);
  }

  private postsDocuments(): boolean {
    return this.settings.documentType === 'salesInvoice' && this.settings.postInvoices;
  }

  private event(state: OrderRowState, previous: OrderRowState | undefined, reason: string | undefined, patch: OrderLedgerPatch, withoutLines = false) {
    const row = { ...this.key, documentType: null, documentId: null, documentNumber: null, shipped: null, ...this.row, ...patch };
    return orderStateEvent({
      row,
      state,
      previousState: previous,
      order: this.order,
      settings: this.settings,
      settingsVersion: this.ctx.settingsVersion,
      reason,
      withoutLines,
    });
  }

  private record(from: string | null, to: string, event: string, reason?: string): void {
    this.transitions.push({ subject: 'order', from, to, event, reason, at: new Date().toISOString() });
    orderSyncTransitions.inc({ connection: this.ctx.connectionId, state: to });
  }

  private observeLatency(): void {
    const seconds = (Date.now() - this.ctx.signalAt.getTime()) / 1000;
    if (seconds >= 0) orderLatency.observe({ connection: this.ctx.connectionId }, seconds);
  }
}
