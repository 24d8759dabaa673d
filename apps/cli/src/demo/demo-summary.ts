import { Decimal } from '@mlc/platform-money';
import type { Attention, Evaluation } from './demo-expectations';
import type { Shopper } from './demo-plan';
import type { Readings } from './demo-readings';
import type { DemoRecord, Snapshot } from './demo-records';

export interface Percentiles {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

export interface CallRatio {
  readonly actual: number;
  readonly floor: number;
  readonly perOrder: number;
  readonly floorPerOrder: number;
  readonly ratio: number;
}

export interface DemoSummary {
  readonly ok: boolean;
  readonly connection: string;
  readonly wallSeconds: number;
  readonly skus: number;
  readonly orders: { readonly placed: number; readonly refused: number; readonly byShopper: Partial<Record<Shopper, number>> };
  readonly documents: ReadonlyArray<{ ledgerState: string; document: string; bcStatus: string; count: number }>;
  readonly customers: { readonly created: number; readonly matched: number };
  readonly creditMemos: { readonly refunds: number; readonly posted: number; readonly amount: string };
  readonly catalog: {
    readonly price: Record<string, number>;
    readonly stock: Record<string, number>;
    readonly driftCorrected: number;
    readonly pushes: number;
    readonly writeRequests: number;
    readonly floor: number;
  };
  readonly latencyMs: { readonly orderPosted: Percentiles; readonly priceToStore: Percentiles; readonly stockToStore: Percentiles };
  readonly apiCalls: { readonly orders: number; readonly bigcommerce: CallRatio; readonly businessCentral: CallRatio };
  readonly ordersPerMinute: number;
  readonly attention: readonly Attention[];
}

/** Nearest-rank percentiles of a list of durations (empty list: all zero). */
export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
  return { count: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

/** Everything the summary table shows, from what the demo did, saw last and read at the end (pure). */
export function summarize(record: DemoRecord, snap: Snapshot, evaluation: Evaluation, readings: Readings, endedAt: number): DemoSummary {
  const attention = [
    ...evaluation.attention,
    ...readings.deadLetters.map((d) => ({
      record: `dead letter ${d.key}`,
      state: d.code,
      detail: `${d.topic}: ${d.reason}`,
      fix: `ml-connector dlq list --topic ${d.topic}, fix the cause, then ml-connector dlq replay --topic ${d.topic}`,
    })),
  ];
  const syncing = record.orders.filter((o) => o.role !== 'cancelled');
  const posted = syncing.filter((o) => readings.postedAt.has(o.id));
  const created = Math.max(0, snap.sandbox['business-central'].customers.length - record.bcCustomersBefore);
  const lastPosted = Math.max(record.startedAt, ...posted.map((o) => readings.postedAt.get(o.id)!));
  const firstPlaced = Math.min(...record.orders.map((o) => o.placedAt), lastPosted);
  return {
    ok: evaluation.complete && readings.deadLetters.length === 0,
    connection: record.connectionId,
    wallSeconds: Math.round((endedAt - record.startedAt) / 100) / 10,
    skus: record.skus.length,
    orders: { placed: record.orders.length, refused: record.refused.length, byShopper: countBy(record.orders.map((o) => o.plan.shopper)) },
    documents: documentRows(record, snap),
    customers: { created, matched: Math.max(0, posted.length - created) },
    creditMemos: {
      refunds: record.refunds.length,
      posted: snap.refunds.filter((r) => r.state === 'POSTED' && r.posted).length,
      amount: Decimal.sum(record.refunds.map((r) => Decimal.parse(r.amount))).toFixed(2),
    },
    catalog: catalogTotals(readings),
    latencyMs: {
      orderPosted: percentiles(posted.filter((o) => o.role === 'normal').map((o) => readings.postedAt.get(o.id)! - o.placedAt)),
      priceToStore: percentiles(seen(record, 'price')),
      stockToStore: percentiles(seen(record, 'stock')),
    },
    apiCalls: apiCalls(posted.map((o) => o.id), created, readings),
    ordersPerMinute: posted.length === 0 ? 0 : Math.round((posted.length / Math.max(1, lastPosted - firstPlaced)) * 60_000),
    attention,
  };
}

function seen(record: DemoRecord, kind: 'price' | 'stock'): number[] {
  return record.changes.filter((c) => c.kind === kind && c.seenAt !== undefined).map((c) => c.seenAt! - c.appliedAt);
}

function countBy<T extends string>(values: readonly T[]): Partial<Record<T, number>> {
  const out: Partial<Record<T, number>> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function documentRows(record: DemoRecord, snap: Snapshot): DemoSummary['documents'] {
  const status = new Map<string, { kind: string; status: string }>();
  for (const [kind, docs] of Object.entries(snap.sandbox['business-central'].documents)) {
    for (const d of docs) if (d.externalDocumentNumber) status.set(d.externalDocumentNumber, { kind, status: d.status });
  }
  const rows = new Map<string, { ledgerState: string; document: string; bcStatus: string; count: number }>();
  const add = (ledgerState: string, externalNumber: string) => {
    const doc = status.get(externalNumber);
    const document = doc ? doc.kind.replace(/s$/, '') : 'none';
    const bcStatus = doc?.status ?? '-';
    const key = `${ledgerState}|${document}|${bcStatus}`;
    const row = rows.get(key) ?? { ledgerState, document, bcStatus, count: 0 };
    rows.set(key, { ...row, count: row.count + 1 });
  };
  for (const o of record.orders) add(snap.orders.get(o.id)?.state ?? 'not seen', `${record.documentPrefix}${o.id}`);
  for (const r of record.refunds) {
    const row = snap.refunds.find((x) => x.orderId === r.orderId && x.refundId === r.refundId);
    add(`refund ${row?.state ?? 'not seen'}`, `${record.documentPrefix}${r.orderId}-R${r.refundId}`);
  }
  return [...rows.values()].sort((a, b) => b.count - a.count);
}

function catalogTotals(readings: Readings): DemoSummary['catalog'] {
  const price: Record<string, number> = {};
  const stock: Record<string, number> = {};
  let driftCorrected = 0;
  let writeRequests = 0;
  let floor = 0;
  let pushes = 0;
  for (const { counts } of readings.pushRuns) {
    for (const [k, v] of Object.entries(counts.price ?? {})) if (typeof v === 'number') price[k] = (price[k] ?? 0) + v;
    for (const [k, v] of Object.entries(counts.stock ?? {})) if (typeof v === 'number') stock[k] = (stock[k] ?? 0) + v;
    driftCorrected += counts.drift?.corrected ?? 0;
    const requests = (counts.requests?.succeeded ?? 0) + (counts.requests?.failed ?? 0);
    writeRequests += requests;
    if (requests > 0) pushes += 1;
    // DESIGN 11: ceil(prices / 50) variant batches plus one inventory call per 2000 changed levels.
    floor += Math.ceil((counts.price?.changed ?? 0) / 50) + Math.ceil((counts.stock?.changed ?? 0) / 2000);
  }
  return { price, stock, driftCorrected, pushes, writeRequests, floor };
}

function apiCalls(postedIds: readonly number[], createdCustomers: number, readings: Readings): DemoSummary['apiCalls'] {
  const ids = new Set(postedIds);
  const own = readings.attempts.filter((a) => ids.has(a.orderId) && a.refundId === null);
  const orders = ids.size;
  const ratio = (actual: number, floor: number): CallRatio => ({
    actual,
    floor,
    perOrder: orders === 0 ? 0 : round2(actual / orders),
    floorPerOrder: orders === 0 ? 0 : round2(floor / orders),
    ratio: floor === 0 ? 0 : round2(actual / floor),
  });
  return {
    orders,
    // DESIGN 11: BigCommerce 1 (the order with its lines); BC 3 (create, post, read back) + 2 per new customer.
    bigcommerce: ratio(own.reduce((n, a) => n + a.bigcommerce, 0), orders),
    businessCentral: ratio(own.reduce((n, a) => n + a.bc, 0), orders * 3 + createdCustomers * 2),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
