import { Decimal } from '@mlc/platform-money';
import type { DemoRecord, LedgerOrder, PlacedOrder, Snapshot } from './demo-records';
import type { SandboxDocument } from './sandbox-control';

/** A record not (yet) where it should be, and the operator command that moves it on. */
export interface Attention {
  readonly record: string;
  readonly state: string;
  readonly detail: string;
  readonly fix: string;
}

export interface Count {
  readonly done: number;
  readonly total: number;
}

export interface Evaluation {
  readonly orders: Count;
  readonly refunds: Count;
  readonly changes: Count;
  /** Seeded SKUs whose store price and stock equal BC's (stock: BC inventory − committed). */
  readonly catalog: Count;
  readonly attention: readonly Attention[];
  readonly complete: boolean;
}

const TOLERANCE = Decimal.parse('0.01');
const SETTLED_CANCELLED = new Set(['CANCELLED', 'SKIPPED']);

/** Where every record the demo created stands against its expected end state (pure: one snapshot in, no I/O). */
export function evaluate(record: DemoRecord, snap: Snapshot): Evaluation {
  const attention: Attention[] = [];
  const documents = documentsByExternalNumber(snap);
  let ordersDone = 0;
  for (const order of record.orders) {
    const problem = orderProblem(record, order, snap.orders.get(order.id), documents);
    if (problem) attention.push(problem);
    else ordersDone += 1;
  }
  let refundsDone = 0;
  for (const refund of record.refunds) {
    const row = snap.refunds.find((r) => r.orderId === refund.orderId && r.refundId === refund.refundId);
    const memos = documents.get(`${record.documentPrefix}${refund.orderId}-R${refund.refundId}`) ?? [];
    const name = `refund ${refund.refundId} of order ${refund.orderId}`;
    const resync = `ml-connector resync order ${record.connectionId} ${refund.orderId}`;
    if (!row || row.state !== 'POSTED' || !row.posted) {
      attention.push({ record: name, state: row?.state ?? 'not seen', detail: row?.lastError ?? 'no posted credit memo yet', fix: resync });
    } else if (memos.length !== 1 || !withinTolerance(memos[0]!.totalAmountIncludingTax, refund.amount)) {
      const detail = `${memos.length} credit memo(s); BC total ${memos[0]?.totalAmountIncludingTax ?? '-'} vs refund ${refund.amount}`;
      attention.push({ record: name, state: 'MISMATCH', detail, fix: resync });
    } else refundsDone += 1;
  }
  const catalog = catalogInStep(record, snap, attention);
  const changesDone = record.changes.filter((c) => storeCarries(snap, c.sku, c.kind, c.value)).length;
  const orders = { done: ordersDone, total: record.orders.length };
  const refunds = { done: refundsDone, total: record.refunds.length };
  const changes = { done: changesDone, total: record.changes.length };
  const complete =
    attention.length === 0 && [orders, refunds, changes, catalog].every((c) => c.done === c.total);
  return { orders, refunds, changes, catalog, attention, complete };
}

function orderProblem(
  record: DemoRecord,
  order: PlacedOrder,
  row: LedgerOrder | undefined,
  documents: ReadonlyMap<string, SandboxDocument[]>,
): Attention | undefined {
  const name = `order ${order.id} (${order.plan.key})`;
  const invoices = documents.get(`${record.documentPrefix}${order.id}`) ?? [];
  const resync = `ml-connector resync order ${record.connectionId} ${order.id}`;
  if (order.role === 'cancelled') {
    if (row && SETTLED_CANCELLED.has(row.state) && invoices.length === 0) return undefined;
    return { record: name, state: row?.state ?? 'not seen', detail: `cancelled in the store; ${invoices.length} BC document(s)`, fix: resync };
  }
  if (!row || row.state !== 'POSTED' || !row.posted) {
    return { record: name, state: row?.state ?? 'not seen', detail: row?.lastError ?? 'not posted yet', fix: fixFor(record.connectionId, order.id, row) };
  }
  if (invoices.length !== 1) return { record: name, state: 'DUPLICATE', detail: `${invoices.length} BC invoices`, fix: resync };
  if (!withinTolerance(invoices[0]!.totalAmountIncludingTax, order.totalIncTax)) {
    const detail = `BC total ${invoices[0]!.totalAmountIncludingTax} vs store ${order.totalIncTax}`;
    return { record: name, state: 'TOTAL_MISMATCH', detail, fix: resync };
  }
  return undefined;
}

/** The command an operator runs for an order in this ledger state. */
export function fixFor(connectionId: string, orderId: number, row: LedgerOrder | undefined): string {
  const resync = `ml-connector resync order ${connectionId} ${orderId}`;
  switch (row?.state) {
    case 'NEEDS_MAPPING':
      return `ml-connector mappings sku set ${connectionId} <SKU> <BC item number> && ${resync}`;
    case 'PARKED':
    case 'FAILED':
      return `fix the cause above (ml-connector mappings settings show ${connectionId}), then ${resync}`;
    case 'CONFLICT':
      return `settle the posted document in BC (credit memo), then ${resync}`;
    default:
      return resync;
  }
}

function catalogInStep(record: DemoRecord, snap: Snapshot, attention: Attention[]): Count {
  const store = snap.sandbox.bigcommerce;
  const items = new Map(snap.sandbox['business-central'].items.map((i) => [i.number, i]));
  const committed = committedBySku(record, snap);
  let done = 0;
  const off: string[] = [];
  for (const sku of record.skus) {
    const item = items.get(sku.toUpperCase());
    if (!item) continue;
    const priceOk = store.prices[sku] === Decimal.fromWireNumber(item.unitPrice).toFixed(2);
    const expectedStock = Math.max(0, item.inventory - (committed.get(sku) ?? 0));
    if (priceOk && store.stock[sku] === expectedStock) done += 1;
    else off.push(`${sku} (store ${store.prices[sku]}/${store.stock[sku]}, BC ${item.unitPrice}/${expectedStock})`);
  }
  if (off.length > 0) {
    attention.push({
      record: `${off.length} SKU(s) out of step`,
      state: 'CATALOG',
      detail: off.slice(0, 5).join(', ') + (off.length > 5 ? ', ...' : ''),
      fix: `ml-connector backfill catalog --connection ${record.connectionId}`,
    });
  }
  return { done, total: done + off.length };
}

/** Quantities the store has sold that BC inventory does not reflect yet: lines of orders not yet posted. */
function committedBySku(record: DemoRecord, snap: Snapshot): Map<string, number> {
  const committed = new Map<string, number>();
  for (const order of record.orders) {
    if (order.role === 'cancelled') continue;
    if (snap.orders.get(order.id)?.state === 'POSTED') continue;
    for (const line of order.plan.request.lines) committed.set(line.sku, (committed.get(line.sku) ?? 0) + line.quantity);
  }
  return committed;
}

/** Whether the store shows a BC change's value for the SKU. */
export function storeCarries(snap: Snapshot, sku: string, kind: 'price' | 'stock', value: string): boolean {
  const store = snap.sandbox.bigcommerce;
  return kind === 'price' ? store.prices[sku] === value : store.stock[sku] === Number(value);
}

function documentsByExternalNumber(snap: Snapshot): Map<string, SandboxDocument[]> {
  const out = new Map<string, SandboxDocument[]>();
  for (const docs of Object.values(snap.sandbox['business-central'].documents)) {
    for (const doc of docs) {
      if (!doc.externalDocumentNumber) continue;
      out.set(doc.externalDocumentNumber, [...(out.get(doc.externalDocumentNumber) ?? []), doc]);
    }
  }
  return out;
}

function withinTolerance(bcTotal: number, storeTotal: string): boolean {
  return !Decimal.fromWireNumber(bcTotal).minus(storeTotal).abs().gt(TOLERANCE);
}
