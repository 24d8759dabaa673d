'use strict';
// Headline figures of bench/results/*.json, each as a ratio to the floor or baseline the same run measured.
const fs = require('node:fs');
const path = require('node:path');

const r2 = (n) => Math.round(n * 100) / 100;
const ratio = (a, b) => (b ? `x${r2(a / b)}` : '-');
const row = (area, figure, measured, floor, x) => ({ area, figure, measured: String(measured), floor: String(floor), ratio: x });

const EXTRACTORS = {
  ingress: (j) => {
    const bare = j.servers.find((s) => /bare/i.test(s.name)) ?? j.servers[0];
    const ing = j.servers.find((s) => s !== bare) ?? j.servers[1];
    return [
      row('ingress', 'signed webhooks/s (acks=all, closed loop)', ing.max.perSecond, `${bare.max.perSecond} (bare signature check)`, ratio(ing.max.perSecond, bare.max.perSecond)),
      row('ingress', 'p99 ms at a fixed rate', ing.fixedRate.latencyMs.p99, `${bare.fixedRate.latencyMs.p99} (bare)`, ratio(ing.fixedRate.latencyMs.p99, bare.fixedRate.latencyMs.p99)),
    ];
  },
  'bc-writer': (j) => [
    ...(j.phases ?? []).map((p) => {
      const got = p.perOrder.bigcommerce + p.perOrder['business-central'];
      const floor = p.floor.bigcommerce + p.floor['business-central'];
      return row('bc-writer', `API calls per order, ${p.name} (BigCommerce + BC)`, `${p.perOrder.bigcommerce} + ${p.perOrder['business-central']}`, `${p.floor.bigcommerce} + ${p.floor['business-central']}`, ratio(got, floor));
    }),
    ...(j.throughput
      ? [
          row('bc-writer', `orders/min under the BC throttle (${j.throughput.throttle.requestsPerWindow} per ${j.throughput.throttle.windowMs / 1000} s)`, j.throughput.ordersPerMinute, `${j.throughput.allowedOrdersPerMinute} allowed at the steady rate (the run starts with a full window, so it can beat that; its own floor: the minutes row below)`, ratio(j.throughput.ordersPerMinute, j.throughput.allowedOrdersPerMinute)),
          ...(j.throughput.bigcommercePerOrder !== undefined
            ? [row('bc-writer', `BigCommerce calls per order under the BC throttle, ${j.throughput.signalsPerOrder} signals per order (webhook + poll)`, j.throughput.bigcommercePerOrder, 1, ratio(j.throughput.bigcommercePerOrder, 1))]
            : []),
          ...(j.throughput.floorMinutes !== undefined
            ? [row('bc-writer', `minutes for ${j.throughput.orders} orders under the BC throttle, 429 answers`, `${j.throughput.minutes}, ${j.throughput.throttledAnswers}`, `${j.throughput.floorMinutes} (sliding-window floor of the run)`, ratio(j.throughput.minutes, j.throughput.floorMinutes))]
            : []),
        ]
      : []),
  ],
  'catalog-writer-push': (j) =>
    j.runs.flatMap((r) => [
      row('catalog-writer', `store write requests: ${r.name}`, r.writes.total, r.floor, ratio(r.writes.total, r.floor)),
      row('catalog-writer', `wall time s: ${r.name}`, r2(r.wallMs / 1000), `${r2(r.budgetMinMs / 1000)} (quota share allows)`, ratio(r.wallMs, r.budgetMinMs)),
    ]),
  'bc-watcher-stock-scan': (j) =>
    j.scans.map((s) => row('bc-watcher', `BC requests per stock scan: ${s.name}`, s.requests, s.floor, ratio(s.requests, s.floor))),
  sandbox: (j) => [
    row('sandbox', 'BigCommerce simple GETs/s, quota lifted', j.runs.bigcommerceOpen.perSecond, `${j.runs.bare.perSecond} (bare node:http)`, ratio(j.runs.bigcommerceOpen.perSecond, j.runs.bare.perSecond)),
    row('sandbox', 'BC simple GETs/s, throttle lifted', j.runs.bcOpen.perSecond, `${j.runs.bare.perSecond} (bare node:http)`, ratio(j.runs.bcOpen.perSecond, j.runs.bare.perSecond)),
    row('sandbox', 'BigCommerce requests served under 150 per 30 s', j.limits.bigcommerce.accepted, `${j.limits.bigcommerce.allowed} allowed`, ratio(j.limits.bigcommerce.accepted, j.limits.bigcommerce.allowed)),
    row('sandbox', 'BC requests served under 6000 per 5 min', j.limits.businessCentral.accepted, `${j.limits.businessCentral.allowed} allowed`, ratio(j.limits.businessCentral.accepted, j.limits.businessCentral.allowed)),
  ],
  stack: (j) => {
    const bare = j.coldStartMs.bareNode;
    const services = Object.keys(j.rssMiB.idle);
    const lat = j.latency;
    return [
      ...services.map((s) => row('stack', `cold start ms: ${s}`, j.coldStartMs[s], `${bare} (bare node:http)`, ratio(j.coldStartMs[s], bare))),
      row('stack', 'cold start ms: the four services together', j.coldStartMs.stackTogether, `${bare} (bare node:http)`, ratio(j.coldStartMs.stackTogether, bare)),
      ...services.map((s) => row('stack', `idle / peak RSS MiB: ${s}`, `${j.rssMiB.idle[s]} / ${j.rssMiB.peak[s]}`, `${j.rssMiB.bareNode} (bare node:http)`, ratio(j.rssMiB.idle[s], j.rssMiB.bareNode))),
      row('stack', 'webhook -> posted invoice, p50 / p99 ms', `${lat.webhookToPostedMs.p50} / ${lat.webhookToPostedMs.p99}`, `${lat.handlerMs.p50} / ${lat.handlerMs.p99} (bc-writer handler)`, `x${lat.webhookToPostedVsHandlerP50}`),
      row('stack', 'BC price change -> store, p50 / p99 ms', `${lat.priceToStoreMs.p50} / ${lat.priceToStoreMs.p99}`, `${lat.catalogFloorMs} (poll interval + coalescing)`, `x${lat.priceP50VsFloor}`),
      row('stack', 'BC stock change -> store, p50 / p99 ms', `${lat.stockToStoreMs.p50} / ${lat.stockToStoreMs.p99}`, `${lat.catalogFloorMs} (scan interval + coalescing)`, `x${lat.stockP50VsFloor}`),
      row('stack', `orders/min, burst of ${j.throughput.burstOrders} (Standard plan store, default shares)`, j.throughput.ordersPerMinute, `${j.throughput.floorPerMinute} (bc-writer's quota share, 1 read/order)`, `x${j.throughput.vsFloor}`),
    ];
  },
};

/** The markdown block: machine, then one table row per headline figure, then where each figure came from. */
function table(dir, machine) {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  const rows = [];
  const sources = [];
  for (const file of files) {
    const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const kind = json.benchmark ?? path.basename(file, '.json');
    const extract = EXTRACTORS[kind];
    if (!extract) continue;
    try {
      rows.push(...extract(json));
      sources.push(`\`${file}\` (${json.at ?? json.generatedAt ?? 'undated'})`);
    } catch (err) {
      sources.push(`\`${file}\`: not summarised (${err.message})`);
    }
  }
  const order = ['sandbox', 'ingress', 'bc-writer', 'catalog-writer', 'bc-watcher', 'stack'];
  rows.sort((a, b) => order.indexOf(a.area) - order.indexOf(b.area));
  return [
    `Machine: ${machine}.`,
    '',
    '| area | figure | measured | floor / baseline (same run) | ratio |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.area} | ${r.figure} | ${r.measured} | ${r.floor} | ${r.ratio} |`),
    '',
    `From ${sources.join(', ') || 'no results yet'}. Each benchmark's own report (\`bench/results/<name>.md\`) has the details.`,
  ].join('\n');
}

module.exports = { table };
