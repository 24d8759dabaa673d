import {
  compareTotals,
  mapOrderToSalesDocument,
  orderExternalDocumentNumber,
  skusToResolve,
  type ResolvedItems,
  type SalesDocumentDraft,
} from '@mlc/orders';
import { PermanentError } from '@mlc/platform-errors';
import { documentOps, isPosted, type BcDocument } from '../bc/document-ops';
import type { DocumentWriter } from '../bc/document-writer';
import type { ReferenceDataCache } from '../bc/reference-data';
import { totalMismatches } from '../metrics/bc-writer.metrics';
import type { CustomerLinksRepository } from '../persistence/customer-links.repository';
import type { CustomerResolver } from './customer-resolver';
import { productLineMap, salesDocumentInput } from './document-input';
import type { ItemResolver } from './item-resolver';
import type { OrderRun } from './order-run';
import { required } from '../required';

export interface DocumentStepsDeps {
  readonly items: ItemResolver;
  readonly customers: CustomerResolver;
  readonly customerLinks: CustomerLinksRepository;
  readonly refs: ReferenceDataCache;
  readonly writer: DocumentWriter;
}

/**
 * The forward path of an order (DESIGN.md 3.5 to 3.9): every SKU resolved before anything is written, then the
 * customer, then the document built by the domain, created with its lines in one request, compared with the store's
 * total, posted when configured and read back. Each step records its state before the next external write.
 */
export class OrderDocumentSteps {
  constructor(private readonly deps: DocumentStepsDeps) {}

  /** From RECEIVED (or CUSTOMER_RESOLVED, whose customer is kept): items, customer, document. */
  async fromReceived(run: OrderRun): Promise<void> {
    const items = await this.resolveItems(run);
    if (!items) return;
    if (run.entry.state === 'RECEIVED') {
      const customer = await this.deps.customers.resolve({ ...this.request(run), order: run.order });
      if (customer.kind === 'park') {
        await run.move('PARK', { lastError: `${customer.reason}: ${customer.detail}` }, customer.reason);
        return;
      }
      const patch = { customerId: customer.customer.id, customerNumber: customer.customer.number };
      await run.move('CUSTOMER_RESOLVED', { ...patch, detail: { customer: customer.note } }, customer.note);
    }
    await this.createDocument(run, items);
  }

  /** From DOCUMENT_CREATED: post (re-reading first, since an earlier run may have posted already). */
  async post(run: OrderRun, resuming: boolean): Promise<void> {
    const ops = documentOps(run.ctx.bc.api, 'salesInvoice');
    const id = required(run.entry.documentId, `order ${run.order.id}'s document id`);
    const doc = await this.deps.writer.ensurePosted(ops, id, resuming, () => run.note({ writePending: 'post' }));
    const patch = { documentNumber: doc.number, documentEtag: doc.etag, posted: true, writePending: null };
    await run.move('POSTED', patch, `posted as ${doc.number}`);
  }

  private async resolveItems(run: OrderRun): Promise<ResolvedItems | undefined> {
    const resolution = await this.deps.items.resolve({ ...this.request(run), order: run.order });
    if (resolution.kind === 'resolved') return resolution.items;
    const skus = resolution.unresolved.map((u) => `${u.sku || '(no SKU)'} (${u.reason}: ${u.detail})`);
    const reason = `NEEDS_MAPPING: ${skus.join('; ')}`;
    await run.move('ITEMS_UNRESOLVED', { lastError: reason, detail: { unresolved: resolution.unresolved } }, reason);
    return undefined;
  }

  private async createDocument(run: OrderRun, items: ResolvedItems): Promise<void> {
    const { connectionId, settingsVersion, bc } = run.ctx;
    const context = await this.deps.refs.context(connectionId, settingsVersion, bc);
    if (!context) {
      const detail = "BC's local currency is unknown (no customer without a currency of its own to read it from)";
      await run.move('PARK', { lastError: `LOCAL_CURRENCY_UNKNOWN: ${detail}` }, 'LOCAL_CURRENCY_UNKNOWN');
      return;
    }
    const customer = {
      id: required(run.entry.customerId, `order ${run.order.id}'s customer`),
      number: required(run.entry.customerNumber, `order ${run.order.id}'s customer number`),
    };
    const draft = mapOrderToSalesDocument(run.order, run.settings, customer, items, context);
    if (draft.kind === 'parked') {
      const detail = { explanation: draft.explanation };
      await run.move('PARK', { lastError: `${draft.reason}: ${draft.detail}`, detail }, draft.reason);
      return;
    }
    const ops = documentOps(bc.api, draft.documentType);
    const number = orderExternalDocumentNumber(run.settings, run.order.id);
    const pending = run.entry.writePending === 'create';
    const created = await this.deps.writer
      .ensureCreated(ops, salesDocumentInput(draft), number, pending, () => run.note({ writePending: 'create' }))
      .catch((err: unknown) => this.refused(run, err));
    const how = created.adopted ? `found ${created.doc.number} by ${number} (an earlier attempt created it)` : 'created';
    await run.move('DOCUMENT_CREATED', this.documentPatch(run, created.doc, draft), `${how} ${created.doc.number}`);
    await this.afterCreated(run, draft, created.doc, created.adopted);
  }

  /** Totals check (TOTAL_MISMATCH held as a draft or accepted, per setting), then posting when configured. */
  private async afterCreated(run: OrderRun, draft: SalesDocumentDraft, doc: BcDocument, adopted: boolean) {
    const totals = compareTotals(doc.totalAmountIncludingTax, draft.totals.storeTotalIncTax, run.settings);
    const alreadyPosted = isPosted(doc, draft.documentType);
    if (totals.kind === 'TOTAL_MISMATCH') {
      totalMismatches.inc({ connection: run.ctx.connectionId });
      const reason = `TOTAL_MISMATCH: ${totals.detail}`;
      if (totals.action === 'hold-draft' && !alreadyPosted) {
        await run.move('PARK', { lastError: reason }, reason);
        return;
      }
      await run.note({ lastError: `${reason} (accepted)` });
    }
    if (draft.post) await this.post(run, adopted);
  }

  private documentPatch(run: OrderRun, doc: BcDocument, draft: SalesDocumentDraft) {
    return {
      documentType: draft.documentType,
      documentId: doc.id,
      documentNumber: doc.number,
      documentEtag: doc.etag,
      posted: false,
      writePending: null,
      lineMap: productLineMap(draft, run.order),
      detail: {
        explanation: draft.explanation,
        totals: { bc: doc.totalAmountIncludingTax.toFixed(2), store: draft.totals.storeTotalIncTax.toFixed(2) },
      },
    };
  }

  /**
   * BC refused the document for good (a blocked or deleted item or customer behind a kept link): forget the links,
   * so the next attempt (a resync) resolves afresh and parks with the real reason, and let the error fail the order.
   */
  private async refused(run: OrderRun, err: unknown): Promise<never> {
    if (err instanceof PermanentError) {
      await this.deps.items.forget(run.ctx.connectionId, skusToResolve(run.order).map((u) => u.sku));
      const email = run.order.billingAddress.email.trim().toLowerCase();
      if (email) await this.deps.customerLinks.forgetEmail(run.ctx.connectionId, email);
    }
    throw err;
  }

  private request(run: OrderRun) {
    return { connectionId: run.ctx.connectionId, settings: run.settings, bc: run.ctx.bc };
  }
}
