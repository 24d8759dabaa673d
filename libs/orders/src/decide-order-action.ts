import type { OrderLedgerState } from './ledger-state';
import { contentHash } from './ledger/content-hash';
import { diffSummaries, summarizeOrder, type OrderContentSummary } from './ledger/order-summary';
import type { StoreOrder } from './model/store-order';
import type { OrderSyncSettings } from './settings/order-sync-settings';

/** BigCommerce statuses that withdraw an order: 5 Cancelled, 6 Declined (archived orders count too). */
export const CANCELLING_STATUSES: readonly number[] = [5, 6];

/** What the ledger remembers of an order. */
export interface OrderLedgerEntry {
  readonly state: OrderLedgerState;
  readonly contentHash: string;
  /** Summary of the snapshot the document was built from, to describe later edits. */
  readonly summary?: OrderContentSummary;
  readonly document?: {
    readonly type: 'salesInvoice' | 'salesOrder';
    readonly id: string;
    readonly number?: string;
    readonly posted: boolean;
  };
}

export type OrderAction =
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'noop'; readonly reason: string }
  | { readonly kind: 'create'; readonly reason: string }
  | { readonly kind: 'resume'; readonly from: OrderLedgerState; readonly reason: string }
  | { readonly kind: 'delete-draft-and-recreate'; readonly documentId: string; readonly reason: string }
  | { readonly kind: 'cancel'; readonly deleteDraftId: string | null; readonly reason: string }
  | { readonly kind: 'conflict'; readonly reason: string; readonly diff: readonly string[] };

export interface DecideOptions {
  /** Manual resync: retry an order parked, failed or waiting for mappings even though its content is unchanged. */
  readonly force?: boolean;
}

/**
 * Decides what a fresh snapshot means for an order, given its ledger entry (DESIGN.md 3.3, 3.4 and 3.10):
 * - not in the ledger: create when the status is syncable, else skip;
 * - cancelled (status 5 or 6) or archived: delete a draft, or raise a conflict for a posted document;
 * - same content hash: noop, or resume an interrupted run from its last recorded state;
 * - changed content: recreate a draft from the new snapshot, conflict for a posted document (with a diff).
 * The content hash ignores status and fulfilment progress (see contentHash), so shipping an order is not an edit.
 * 'create' and 'resume' do not prove that BC has no document yet (a run may have died between BC's answer and the
 * ledger write): the writer still looks the document up by externalDocumentNumber before creating (DESIGN.md 3.9).
 */
export function decideOrderAction(
  entry: OrderLedgerEntry | undefined,
  order: StoreOrder,
  settings: OrderSyncSettings,
  options: DecideOptions = {},
): OrderAction {
  const syncable = !order.isDeleted && settings.syncableStatuses.includes(order.statusId);
  const withdrawn = order.isDeleted || CANCELLING_STATUSES.includes(order.statusId);
  const status = order.isDeleted ? 'archived' : `status ${order.statusId} (${order.status})`;
  if (!entry)
    return syncable
      ? { kind: 'create', reason: `new order, ${status}` }
      : { kind: 'skip', reason: `${status} is not syncable` };
  if (entry.state === 'CANCELLED') {
    return {
      kind: 'skip',
      reason: `the ledger closed this order as cancelled; now ${status} (a reinstated order needs a manual resync)`,
    };
  }
  const draft = draftOf(entry);
  const posted = entry.document?.posted === true || entry.state === 'POSTED' || entry.state === 'CONFLICT';
  if (withdrawn) return onWithdrawn(entry, order, status, draft, posted);
  if (!syncable) {
    return entry.document
      ? { kind: 'noop', reason: `${status} is not syncable; the BC document is kept` }
      : { kind: 'skip', reason: `${status} is not syncable` };
  }
  if (entry.contentHash === contentHash(order)) return onUnchanged(entry, settings, draft, options);
  if (posted)
    return {
      kind: 'conflict',
      reason: 'the order changed after its BC document was posted',
      diff: changes(entry, order),
    };
  if (draft)
    return {
      kind: 'delete-draft-and-recreate',
      documentId: draft,
      reason: 'the order changed; its draft is rebuilt from the new snapshot',
    };
  return { kind: 'create', reason: `the order changed while ${entry.state}; build from the new snapshot` };
}

function onWithdrawn(
  entry: OrderLedgerEntry,
  order: StoreOrder,
  status: string,
  draft: string | null,
  posted: boolean,
): OrderAction {
  if (posted) {
    return {
      kind: 'conflict',
      reason: `${status} after its BC document was posted`,
      diff: [`order ${order.id} is ${status}`],
    };
  }
  return {
    kind: 'cancel',
    deleteDraftId: draft,
    reason: draft ? `${status}: delete the draft` : `${status}: nothing in BC yet`,
  };
}

function onUnchanged(
  entry: OrderLedgerEntry,
  settings: OrderSyncSettings,
  draft: string | null,
  options: DecideOptions,
): OrderAction {
  switch (entry.state) {
    case 'RECEIVED':
    case 'CUSTOMER_RESOLVED':
      return { kind: 'resume', from: entry.state, reason: 'same content; an earlier run stopped here' };
    case 'DOCUMENT_CREATED':
      return settings.documentType === 'salesInvoice' && settings.postInvoices
        ? { kind: 'resume', from: entry.state, reason: 'same content; the invoice is created but not posted yet' }
        : { kind: 'noop', reason: 'same content; the document is in BC' };
    case 'NEEDS_MAPPING':
    case 'PARKED':
    case 'FAILED':
      if (!options.force) return { kind: 'noop', reason: `same content; still ${entry.state} until resynced` };
      return draft
        ? { kind: 'delete-draft-and-recreate', documentId: draft, reason: `manual resync from ${entry.state}` }
        : { kind: 'create', reason: `manual resync from ${entry.state}` };
    default:
      return { kind: 'noop', reason: `same content; ${entry.state}` };
  }
}

/** The id of an unposted document the connector may delete. */
function draftOf(entry: OrderLedgerEntry): string | null {
  return entry.document && !entry.document.posted ? entry.document.id : null;
}

function changes(entry: OrderLedgerEntry, order: StoreOrder): string[] {
  if (!entry.summary) return ['content hash changed (no earlier summary recorded)'];
  const diff = diffSummaries(entry.summary, summarizeOrder(order));
  return diff.length > 0 ? diff : ['content changed outside the summarised fields'];
}
