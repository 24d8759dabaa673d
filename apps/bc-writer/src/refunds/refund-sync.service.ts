import {
  compareTotals,
  decideRefundAction,
  mapRefundToCreditMemo,
  parseStoreRefunds,
  refundExternalDocumentNumber,
  snapshotHash,
  type CreditMemoDraft,
} from '@mlc/orders';
import { Decimal } from '@mlc/platform-money';
import { PermanentError } from '@mlc/platform-errors';
import { documentOps, isPosted } from '../bc/document-ops';
import type { DocumentWriter } from '../bc/document-writer';
import type { ReferenceDataCache } from '../bc/reference-data';
import { totalMismatches } from '../metrics/bc-writer.metrics';
import { toLedgerEntry } from '../persistence/order-ledger.repository';
import { toRefundEntry, type RefundLedgerRepository, type RefundLedgerRow } from '../persistence/refund-ledger.repository';
import { creditMemoInput } from '../orders/document-input';
import type { ItemResolver } from '../orders/item-resolver';
import type { OrderRun } from '../orders/order-run';
import type { OrderSyncService } from '../orders/order-sync.service';
import { RefundRun } from './refund-run';
import { required } from '../required';

export interface RefundSyncDeps {
  readonly repo: RefundLedgerRepository;
  readonly items: ItemResolver;
  readonly refs: ReferenceDataCache;
  readonly writer: DocumentWriter;
  readonly orders: OrderSyncService;
}

/**
 * Refunds -> sales credit memos (DESIGN.md 3.11), strictly after their order and one at a time (they share the
 * order's Kafka key and run after the order's own step). The refund list is read only when there can be news: a
 * refund signal, a refund still in progress or waiting for its order, or a store refunded amount the ledger has not
 * accounted for yet; so an order without refunds costs no extra call.
 */
export class RefundSyncService {
  constructor(private readonly deps: RefundSyncDeps) {}

  async sync(run: OrderRun): Promise<string | undefined> {
    const rows = await this.deps.repo.forOrder(run.ctx.connectionId, run.order.id);
    if (!this.mayHaveNews(run, rows)) return undefined;
    const raw = await run.ctx.store.listRefunds(run.order.id);
    const parsed = parseStoreRefunds({ data: raw });
    if (!parsed.ok) throw new PermanentError('VALIDATION', `refunds of order ${run.order.id}: ${parsed.errors.join('; ')}`);
    const byId = new Map(rows.map((r) => [r.refundId, r]));
    for (const refund of parsed.refunds) {
      const rawRefund = raw.find((r) => r.id === refund.id);
      const refundRun = new RefundRun(run, refund, rawRefund, snapshotHash(rawRefund), byId.get(refund.id), this.deps.repo);
      run.activeRefund = refundRun;
      await this.one(refundRun);
      run.activeRefund = undefined;
    }
    return `${parsed.refunds.length} refund(s) read`;
  }

  private mayHaveNews(run: OrderRun, rows: readonly RefundLedgerRow[]): boolean {
    if (run.ctx.signalKind === 'refund') return true;
    const open = rows.some(
      (r) =>
        r.waitingForOrder ||
        r.state === 'RECEIVED' ||
        r.state === 'CUSTOMER_RESOLVED' ||
        (r.state === 'DOCUMENT_CREATED' && run.settings.postInvoices) ||
        (run.ctx.force && (r.state === 'PARKED' || r.state === 'FAILED' || r.state === 'NEEDS_MAPPING')),
    );
    const accounted = Decimal.sum(rows.map((r) => Decimal.parse(r.totalAmount)));
    return open || run.order.payments.refundedAmount.gt(accounted);
  }

  private async one(refund: RefundRun): Promise<void> {
    const run = refund.order;
    const invoiceId = await this.invoiceOf(run);
    const entry = toRefundEntry(refund.row, run.ctx.force);
    const action = decideRefundAction(toLedgerEntry(run.row), entry, run.settings, invoiceId);
    switch (action.kind) {
      case 'noop':
        return;
      case 'wait-for-order':
        if (refund.row?.waitingForOrder && refund.row.state === 'PARKED') return;
        return refund.begin('PARKED', action.reason, { waitingForOrder: true, lastError: `WAITING_FOR_ORDER: ${action.reason}` });
      case 'resume':
        if (action.from === 'DOCUMENT_CREATED') return this.post(refund, true);
        return this.create(refund, required(invoiceId, 'the order invoice'), action.reason);
      case 'create':
        return this.create(refund, required(invoiceId, 'the order invoice'), action.reason);
    }
  }

  /** The order's BC invoice: the posted invoice itself, or (sales-order mode) the one BC made from the order. */
  private async invoiceOf(run: OrderRun): Promise<string | null> {
    if (run.settings.documentType === 'salesInvoice') return run.row?.posted ? run.row.documentId : null;
    if (!run.row?.invoiceId) await this.deps.orders.refreshSalesOrder(run);
    return run.row?.invoiceId ?? null;
  }

  private async create(refund: RefundRun, invoiceId: string, reason: string): Promise<void> {
    const run = refund.order;
    const state = refund.row?.state;
    if (!state) await refund.begin('RECEIVED', reason);
    else if (state === 'PARKED' || state === 'FAILED' || state === 'NEEDS_MAPPING') {
      await refund.move('RESYNC', { lastError: null, writePending: null, waitingForOrder: false }, reason);
    }
    const request = { connectionId: run.ctx.connectionId, settings: run.settings, bc: run.ctx.bc, order: run.order };
    const items = await this.deps.items.resolve(request);
    if (items.kind !== 'resolved') {
      const skus = items.unresolved.map((u) => u.sku).join(', ');
      return refund.move('ITEMS_UNRESOLVED', { lastError: `NEEDS_MAPPING: ${skus}` }, `NEEDS_MAPPING: ${skus}`);
    }
    const context = await this.deps.refs.context(run.ctx.connectionId, run.ctx.settingsVersion, run.ctx.bc);
    if (!context) return refund.move('PARK', { lastError: "LOCAL_CURRENCY_UNKNOWN: BC's local currency is unknown" });
    if (refund.entry.state === 'RECEIVED') {
      await refund.move('CUSTOMER_RESOLVED', {}, `the order's customer ${run.entry.customerNumber}`);
    }
    const memo = { ...context, invoiceId, customerId: required(run.entry.customerId, 'the order customer') };
    const draft = mapRefundToCreditMemo(refund.refund, run.order, run.settings, items.items, memo);
    if (draft.kind === 'parked') {
      const patch = { lastError: `${draft.reason}: ${draft.detail}`, detail: { explanation: draft.explanation } };
      return refund.move('PARK', patch, draft.reason);
    }
    await this.createCreditMemo(refund, draft);
  }

  /** Creates (or finds) the credit memo, checks its total against the refund, and posts it when configured. */
  private async createCreditMemo(refund: RefundRun, draft: CreditMemoDraft): Promise<void> {
    const run = refund.order;
    const ops = documentOps(run.ctx.bc.api, 'salesCreditMemo');
    const number = refundExternalDocumentNumber(run.settings, run.order.id, refund.refund.id);
    const pending = refund.entry.writePending === 'create';
    const markPending = () => refund.note({ writePending: 'create' });
    const { doc, adopted } = await this.deps.writer.ensureCreated(ops, creditMemoInput(draft), number, pending, markPending);
    const patch = { creditMemoId: doc.id, creditMemoNumber: doc.number, creditMemoEtag: doc.etag, writePending: null };
    await refund.move('DOCUMENT_CREATED', { ...patch, detail: { explanation: draft.explanation } }, `credit memo ${doc.number}`);
    const totals = compareTotals(doc.totalAmountIncludingTax, draft.totals.refundTotal, run.settings);
    if (totals.kind === 'TOTAL_MISMATCH') {
      totalMismatches.inc({ connection: run.ctx.connectionId });
      const text = `TOTAL_MISMATCH: ${totals.detail}`;
      if (totals.action === 'hold-draft' && !isPosted(doc, 'salesCreditMemo')) return refund.move('PARK', { lastError: text }, text);
      await refund.note({ lastError: `${text} (accepted)` });
    }
    if (draft.post) await this.post(refund, adopted);
  }

  private async post(refund: RefundRun, resuming: boolean): Promise<void> {
    const ops = documentOps(refund.order.ctx.bc.api, 'salesCreditMemo');
    const doc = await this.deps.writer.ensurePosted(ops, required(refund.entry.creditMemoId, 'the credit memo id'), resuming, () =>
      refund.note({ writePending: 'post' }),
    );
    const patch = { creditMemoNumber: doc.number, creditMemoEtag: doc.etag, posted: true, writePending: null };
    await refund.move('POSTED', patch, `posted as ${doc.number}`);
  }
}
