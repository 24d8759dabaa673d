import { CANCELLING_STATUSES, contentHash, decideOrderAction, type OrderAction } from '@mlc/orders';
import { documentOps } from '../bc/document-ops';
import type { DocumentWriter } from '../bc/document-writer';
import { toLedgerEntry, type OrderLedgerPatch } from '../persistence/order-ledger.repository';
import type { OrderDocumentSteps } from './order-document.steps';
import type { OrderRun } from './order-run';
import { readSalesOrderProgress, sameShipped } from './sales-order-progress';
import { required } from '../required';

const CLEARED_DOCUMENT: OrderLedgerPatch = {
  documentType: null,
  documentId: null,
  documentNumber: null,
  documentEtag: null,
  posted: false,
  lineMap: null,
  shipped: null,
  writePending: null,
};

/**
 * Decides what a fresh snapshot means for an order (the domain's decideOrderAction) and carries it out: create,
 * resume after a crash, recreate an edited draft, cancel, or raise a conflict for a posted document. Unchanged
 * content is a no-op, except that a sales order's progress in BC (shipped quantities, invoicing) is read back.
 */
export class OrderSyncService {
  constructor(
    private readonly steps: OrderDocumentSteps,
    private readonly writer: DocumentWriter,
  ) {}

  /** Returns the decision, for the attempt record. */
  async sync(run: OrderRun): Promise<string> {
    const action = decideOrderAction(toLedgerEntry(run.row), run.order, run.settings, { force: run.ctx.force });
    await this.carryOut(run, action);
    return `${action.kind}: ${action.reason}`;
  }

  private async carryOut(run: OrderRun, action: OrderAction): Promise<void> {
    switch (action.kind) {
      case 'skip':
        return this.skip(run, action.reason);
      case 'noop':
        return this.refreshSalesOrder(run);
      case 'create':
        return this.create(run, action.reason);
      case 'resume':
        if (action.from === 'DOCUMENT_CREATED') return this.steps.post(run, true);
        return this.steps.fromReceived(run);
      case 'delete-draft-and-recreate':
        if (!(await this.removeDraft(run, action.reason))) return;
        await run.move('DRAFT_DELETED', { ...CLEARED_DOCUMENT, ...run.contentPatch() }, action.reason);
        return this.steps.fromReceived(run);
      case 'cancel':
        if (action.deleteDraftId && !(await this.removeDraft(run, action.reason))) return;
        return run.move('CANCEL', CLEARED_DOCUMENT, action.reason);
      case 'conflict':
        return this.conflict(run, action.diff);
    }
  }

  /** A new order, an order changed before its document existed, or a manual resync of a waiting one. */
  private async create(run: OrderRun, reason: string): Promise<void> {
    const state = run.row?.state;
    if (!state || state === 'SKIPPED') await run.begin('RECEIVED', reason);
    else if (state === 'NEEDS_MAPPING' || state === 'PARKED' || state === 'FAILED') {
      await run.move('RESYNC', { ...run.contentPatch(), lastError: null, writePending: null }, reason);
    } else await run.begin('RECEIVED', `${reason} (restarted from ${state})`, { customerId: null, customerNumber: null });
    await this.steps.fromReceived(run);
  }

  /**
   * Not syncable. An order the store has deducted stock for (anything but incomplete, cancelled, declined or
   * archived) is recorded as SKIPPED so catalog-writer counts it as committed; a SKIPPED order that is withdrawn
   * later is CANCELLED, which releases that stock.
   */
  private async skip(run: OrderRun, reason: string): Promise<void> {
    const { order } = run;
    const withdrawn = order.isDeleted || CANCELLING_STATUSES.includes(order.statusId) || order.statusId === 0;
    const row = run.row;
    if (row && row.state !== 'SKIPPED') return;
    if (withdrawn) {
      if (row) await run.begin('CANCELLED', reason);
      return;
    }
    if (!row || row.contentHash !== contentHash(order)) await run.begin('SKIPPED', reason);
  }

  private async conflict(run: OrderRun, diff: readonly string[]): Promise<void> {
    const text = `CONFLICT: ${diff.join('; ')}`;
    if (run.row?.state === 'CONFLICT' && run.row.lastError === text) return;
    await run.move('CONFLICT_DETECTED', { lastError: text, detail: { diff } }, text, true);
  }

  /**
   * Deletes the order's unposted document. False when it turned out to be posted (or invoiced by BC) meanwhile: the
   * ledger then records POSTED and the change becomes a conflict instead.
   */
  private async removeDraft(run: OrderRun, reason: string): Promise<boolean> {
    const row = run.entry;
    const type = row.documentType ?? 'salesInvoice';
    if (type === 'salesOrder') {
      await this.refreshSalesOrder(run);
      if (run.entry.posted) return this.postedMeanwhile(run, reason);
    }
    const id = required(row.documentId, `order ${run.order.id}'s document id`);
    const outcome = await this.writer.deleteDraft(documentOps(run.ctx.bc.api, type), id, row.documentEtag);
    if (outcome !== 'posted') return true;
    const doc = await documentOps(run.ctx.bc.api, type).get(id);
    await run.move('POSTED', { posted: true, documentNumber: doc?.number ?? row.documentNumber }, 'posted in BC meanwhile');
    return this.postedMeanwhile(run, reason);
  }

  private async postedMeanwhile(run: OrderRun, reason: string): Promise<false> {
    await this.conflict(run, [`${reason}, but the BC document was posted meanwhile`]);
    return false;
  }

  /** Sales-order mode: records what BC shipped, and the invoice once BC has invoiced the order. */
  async refreshSalesOrder(run: OrderRun): Promise<void> {
    const row = run.row;
    if (!row || row.documentType !== 'salesOrder' || row.state !== 'DOCUMENT_CREATED' || !row.documentId) return;
    const progress = await readSalesOrderProgress(run.ctx.bc.api, row);
    if (progress.kind === 'missing') {
      await run.note({ lastError: 'the sales order is no longer in BC and no invoice names it' });
    } else if (progress.kind === 'invoiced') {
      const patch = { invoiceId: progress.invoice.id, invoiceNumber: progress.invoice.number, posted: true };
      await run.move('POSTED', patch, `BC invoiced the sales order as ${progress.invoice.number}`);
    } else if (!sameShipped(row.shipped, progress.shipped) || (progress.invoice && !row.invoiceId)) {
      const invoice = progress.invoice ? { invoiceId: progress.invoice.id, invoiceNumber: progress.invoice.number } : {};
      await run.note({ shipped: progress.shipped, ...invoice }, 'BC shipped quantities changed');
    }
  }
}
