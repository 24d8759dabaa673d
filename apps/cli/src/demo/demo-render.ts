import { table } from '../output';
import type { DemoSummary, Percentiles } from './demo-summary';

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const dist = (p: Percentiles) =>
  p.count === 0 ? 'none measured' : `p50 ${seconds(p.p50)}  p90 ${seconds(p.p90)}  p99 ${seconds(p.p99)}  max ${seconds(p.max)}  (n=${p.count})`;
const counts = (c: Record<string, number>) =>
  Object.entries(c)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';

/** The summary as people read it: one block per question the demo answers. */
export function renderSummary(s: DemoSummary): string {
  const shoppers = Object.entries(s.orders.byShopper)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const out = [
    '',
    `ml-connector demo on connection "${s.connection}": ${s.ok ? 'every record reached its expected state' : 'SOME RECORDS NEED ATTENTION'} (${s.wallSeconds} s)`,
    '',
    `ORDERS -> BC DOCUMENTS   ${s.orders.placed} orders placed (${shoppers})${s.orders.refused ? `, ${s.orders.refused} refused at checkout (out of stock)` : ''}`,
    indent(table(s.documents.map((d) => ({ ...d })), ['ledgerState', 'document', 'bcStatus', 'count'])),
    '',
    `CUSTOMERS                ${s.customers.created} created in BC, ${s.customers.matched} orders matched to an existing BC customer`,
    `CREDIT MEMOS             ${s.creditMemos.posted} of ${s.creditMemos.refunds} refunds posted as credit memos (${s.creditMemos.amount} refunded)`,
    `CATALOG UPDATES          price: ${counts(s.catalog.price)}`,
    `                         stock: ${counts(s.catalog.stock)}; drift corrected: ${s.catalog.driftCorrected} SKU(s)`,
    `                         ${s.catalog.writeRequests} store write requests in ${s.catalog.pushes} pushes (floor ${s.catalog.floor})`,
    '',
    'LATENCY',
    indent(
      table(
        [
          { path: 'webhook -> posted invoice', distribution: dist(s.latencyMs.orderPosted) },
          { path: 'BC price change -> store', distribution: dist(s.latencyMs.priceToStore) },
          { path: 'BC stock change -> store', distribution: dist(s.latencyMs.stockToStore) },
        ],
        ['path', 'distribution'],
      ),
    ),
    '',
    `API CALLS PER ORDER      over ${s.apiCalls.orders} posted orders; ${s.ordersPerMinute} orders per minute`,
    indent(
      table(
        [
          { system: 'BigCommerce', ...s.apiCalls.bigcommerce },
          { system: 'Business Central', ...s.apiCalls.businessCentral },
        ].map((r) => ({ system: r.system, perOrder: r.perOrder, floor: r.floorPerOrder, ratio: `x${r.ratio}`, calls: r.actual })),
        ['system', 'perOrder', 'floor', 'ratio', 'calls'],
      ),
    ),
    '',
    s.attention.length === 0 ? 'NEEDS ATTENTION          nothing' : `NEEDS ATTENTION          ${s.attention.length} record(s)`,
    ...(s.attention.length === 0 ? [] : [indent(table(s.attention.map((a) => ({ ...a })), ['record', 'state', 'detail', 'fix']))]),
    '',
  ];
  return out.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
