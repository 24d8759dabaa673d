import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { Decimal } from '@mlc/platform-money';
import type { DataSource } from '@mlc/platform-persistence';
import { DOCUMENT_PREFIX } from './connection-setup';
import type { OrderFate } from './workload';

export interface PlacedOrder {
  readonly id: number;
  readonly fate: OrderFate;
  readonly totalIncTax: string;
}

export interface PlacedRefund {
  readonly orderId: number;
  readonly refundId: number;
  readonly amount: string;
}

/** The parts of `GET /__sandbox/state` the assertions read. */
export interface WorldState {
  readonly bigcommerce: { readonly stock: Record<string, number>; readonly prices: Record<string, string> };
  readonly 'business-central': {
    readonly items: ReadonlyArray<{ number: string; unitPrice: number; inventory: number }>;
    readonly documents: Readonly<Record<string, ReadonlyArray<{ number: string; externalDocumentNumber?: string; totalAmountIncludingTax: number }>>>;
  };
}

export interface LedgerRows {
  readonly orders: ReadonlyMap<number, string>;
  readonly refunds: ReadonlyMap<string, string>;
}

const SETTLED_ORDER_STATES = new Set(['POSTED', 'CANCELLED', 'SKIPPED']);
const near = (bc: number, store: string) => !Decimal.fromWireNumber(bc).minus(store).abs().gt('0.01');

export async function readLedger(writerDb: DataSource, connectionId: string): Promise<LedgerRows> {
  const orders: Array<{ order_id: string; state: string }> = await writerDb.query(
    `select order_id, state from order_ledger where connection_id = $1`, [connectionId]);
  const refunds: Array<{ order_id: string; refund_id: string; state: string }> = await writerDb.query(
    `select order_id, refund_id, state from refund_ledger where connection_id = $1`, [connectionId]);
  return {
    orders: new Map(orders.map((r) => [Number(r.order_id), r.state])),
    refunds: new Map(refunds.map((r) => [`${r.order_id}-R${r.refund_id}`, r.state])),
  };
}

/** Orders without exactly one BC invoice at the store's total (or, cancelled unpaid, with any document). */
export function orderProblems(orders: readonly PlacedOrder[], world: WorldState, ledger: LedgerRows): string[] {
  const docs = documentsByExternalNumber(world);
  const out: string[] = [];
  for (const o of orders) {
    const found = docs.get(`${DOCUMENT_PREFIX}${o.id}`) ?? [];
    const state = ledger.orders.get(o.id) ?? 'no ledger entry';
    if (o.fate === 'cancel-unpaid') {
      if (found.length > 0 || !['CANCELLED', 'SKIPPED'].includes(state)) out.push(`order ${o.id} (cancelled unpaid): ${state}, ${found.length} document(s)`);
      continue;
    }
    if (state !== 'POSTED') out.push(`order ${o.id}: ledger ${state}`);
    else if (found.length !== 1) out.push(`order ${o.id}: ${found.length} BC documents`);
    else if (!near(found[0]!.totalAmountIncludingTax, o.totalIncTax)) out.push(`order ${o.id}: BC ${found[0]!.totalAmountIncludingTax} vs store ${o.totalIncTax}`);
  }
  return out;
}

/** Refunds without exactly one credit memo for their amount. */
export function refundProblems(refunds: readonly PlacedRefund[], world: WorldState, ledger: LedgerRows): string[] {
  const docs = documentsByExternalNumber(world);
  return refunds.flatMap((r) => {
    const key = `${r.orderId}-R${r.refundId}`;
    const memos = docs.get(`${DOCUMENT_PREFIX}${key}`) ?? [];
    const state = ledger.refunds.get(key) ?? 'no ledger entry';
    if (state !== 'POSTED') return [`refund ${key}: ledger ${state}`];
    if (memos.length !== 1) return [`refund ${key}: ${memos.length} credit memos`];
    return near(memos[0]!.totalAmountIncludingTax, r.amount) ? [] : [`refund ${key}: BC ${memos[0]!.totalAmountIncludingTax} vs ${r.amount}`];
  });
}

/** SKUs whose store price differs from BC's or whose store stock differs from BC inventory − committed. */
export function catalogProblems(skus: readonly string[], world: WorldState, committed: ReadonlyMap<string, number>): string[] {
  const items = new Map(world['business-central'].items.map((i) => [i.number, i]));
  return skus.flatMap((sku) => {
    const item = items.get(sku.toUpperCase());
    if (!item) return [`${sku}: no BC item`];
    const price = Decimal.fromWireNumber(item.unitPrice).toFixed(2);
    const stock = Math.max(0, item.inventory - (committed.get(sku) ?? 0));
    const store = { price: world.bigcommerce.prices[sku], stock: world.bigcommerce.stock[sku] };
    return store.price === price && store.stock === stock ? [] : [`${sku}: store ${store.price}/${store.stock}, BC ${price}/${stock}`];
  });
}

/** Ledger entries not in a settled state. */
export function unsettled(ledger: LedgerRows): string[] {
  return [
    ...[...ledger.orders].filter(([, s]) => !SETTLED_ORDER_STATES.has(s)).map(([id, s]) => `order ${id}: ${s}`),
    ...[...ledger.refunds].filter(([, s]) => s !== 'POSTED').map(([id, s]) => `refund ${id}: ${s}`),
  ];
}

/** Every record in every `.dlq` topic of the broker, as `topic key`. */
export async function deadLetterKeys(kafka: Kafka): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const out: string[] = [];
    for (const topic of (await admin.listTopics()).filter((t) => t.endsWith('.dlq'))) {
      const ends = (await admin.fetchTopicOffsets(topic)).filter((p) => Number(p.high) > Number(p.low));
      if (ends.length === 0) continue;
      const left = new Map(ends.map((p) => [p.partition, Number(p.high)]));
      const consumer = kafka.consumer({ groupId: `e2e-dlq-read-${randomUUID()}` });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              out.push(`${topic} ${message.key?.toString() ?? ''}`);
              if (Number(message.offset) + 1 >= (left.get(partition) ?? 0)) left.delete(partition);
              if (left.size === 0) resolve();
            },
          })
          .catch(reject);
      });
      await consumer.disconnect();
    }
    return out.sort();
  } finally {
    await admin.disconnect();
  }
}

function documentsByExternalNumber(world: WorldState): Map<string, Array<{ totalAmountIncludingTax: number }>> {
  const out = new Map<string, Array<{ totalAmountIncludingTax: number }>>();
  for (const docs of Object.values(world['business-central'].documents)) {
    for (const d of docs) if (d.externalDocumentNumber) out.set(d.externalDocumentNumber, [...(out.get(d.externalDocumentNumber) ?? []), d]);
  }
  return out;
}
