import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { repoRoot } from '@mlc/testing';
import { BenchStack, type StackEnv } from './bench-stack';
import { describeMachine } from '../machine';
import { markdownReport, type BenchResults, type PhaseResult } from './report';

/*
 * bc-writer benchmark (DESIGN.md section 11): API calls per order at steady state against the floor (BigCommerce 1;
 * BC 3 for a known customer, +2 for a new one), counted from the sandbox request log, and orders per minute while
 * BC's throttle binds, as a ratio to what the throttle allows. Run after `node scripts/build.js` with the local stack
 * up (`source infra/env.sh`): `node dist/bench/bc-writer/bc-writer.bench.js`. Results: bench/results/bc-writer.{json,md}.
 */

const SKUS = Array.from({ length: 10 }, (_, i) => `SKU-${String(i + 1).padStart(5, '0')}`);
const PER_PHASE = Number(process.env.BENCH_ORDERS ?? 30);
const THROUGHPUT_ORDERS = Number(process.env.BENCH_THROUGHPUT_ORDERS ?? 150);
const THROTTLE = { requestsPerWindow: 60, windowMs: 15_000 };
const STORE_QUOTA = 3000;
const QUOTA_SHARE = 0.5;

async function main(): Promise<void> {
  const env: StackEnv = {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    SCHEMA_REGISTRY_URL: process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://mlc:mlc@127.0.0.1:5432/ml_connector',
  };
  const stack = await BenchStack.start(env);
  try {
    // A store quota that does not bind (an Enterprise-sized plan): this benchmark is about BC's limits; the
    // BigCommerce bound (1 call per order within the service's quota share) is reported beside it.
    await stack.sandbox.control.request('PUT', '/bigcommerce/settings', { rateLimitQuota: STORE_QUOTA });
    const inv = await stack.connection('inv');
    const so = await stack.connection('so', { documentType: 'salesOrder' });
    // The whole API user's budget, counted over the sandbox's scaled window: a budget spread over 5 minutes would
    // let the writer burst past a 15 s window and learn the limit from 429s (the 0.82 of earlier runs).
    await stack.startWriter([inv, so], {
      BC_MAX_CONCURRENT: '5',
      BC_REQUESTS_PER_5_MIN: String(THROTTLE.requestsPerWindow),
      BC_RATE_WINDOW_MS: String(THROTTLE.windowMs),
      BC_WRITER_CONCURRENCY: '6',
      BIGCOMMERCE_QUOTA_SHARE: String(QUOTA_SHARE),
    });
    const shoppers = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}.${i}@bench.example.com`);
    log('warm-up: reference data, local currency and the SKUs of the run');
    await phase(stack, inv, 'warm-up', shoppers('warm', SKUS.length), 'POSTED');
    const phases: PhaseResult[] = [];
    const fresh = shoppers('new', PER_PHASE);
    phases.push(await phase(stack, inv, 'invoice mode, new customers', fresh, 'POSTED', { bigcommerce: 1, 'business-central': 5 }));
    phases.push(await phase(stack, inv, 'invoice mode, known customers', fresh, 'POSTED', { bigcommerce: 1, 'business-central': 3 }));
    await phase(stack, so, 'sales-order mode, warm-up', fresh, 'DOCUMENT_CREATED');
    phases.push(await phase(stack, so, 'sales-order mode, known customers', fresh, 'DOCUMENT_CREATED', { bigcommerce: 1, 'business-central': 1 }));
    const throughput = await throttled(stack, inv, fresh, phases[1]!.perOrder['business-central'] ?? 3);
    const bigcommerceBound = {
      storeQuotaPer30s: 150,
      serviceShare: 0.25,
      ordersPerMinute: (150 * 0.25 * 2) / (phases[1]!.perOrder['bigcommerce'] ?? 1),
      note: 'Standard plan quota (150 requests per 30 s) at the default BIGCOMMERCE_QUOTA_SHARE of 0.25, 1 call per order',
    };
    const results: BenchResults = { generatedAt: new Date().toISOString(), machine: describeMachine({ loadAverage: true }), phases, throughput, bigcommerceBound };
    const dir = path.join(repoRoot(), 'bench/results');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'bc-writer.json'), `${JSON.stringify(results, null, 2)}\n`);
    await writeFile(path.join(dir, 'bc-writer.md'), markdownReport(results));
    log(`results written to ${dir}/bc-writer.{json,md}`);
  } finally {
    await stack.stop();
  }
}

/** Places one order per shopper, signals them all at once and counts the API calls until they reach `state`. */
async function phase(
  stack: BenchStack,
  connectionId: string,
  name: string,
  emails: readonly string[],
  state: string,
  floor?: Record<string, number>,
): Promise<PhaseResult> {
  const ids = await placeOrders(stack, emails);
  await stack.sandbox.control.request('DELETE', '/requests');
  const started = Date.now();
  for (const id of ids) await stack.signal(connectionId, id);
  await stack.waitFor(connectionId, ids, state, 120_000);
  const seconds = (Date.now() - started) / 1000;
  const counts = await stack.requestCounts();

  const perOrder = Object.fromEntries(Object.entries(counts).map(([system, n]) => [system, round(n / ids.length)]));
  log(`${name}: ${ids.length} orders in ${seconds.toFixed(1)} s, per order ${JSON.stringify(perOrder)}`);
  return { name, orders: ids.length, seconds: round(seconds), requests: counts, perOrder, floor: floor ?? {} };
}

/** Throughput while the sandbox's BC throttle binds: `THROTTLE` requests per window, the writer's share set to match. */
async function throttled(stack: BenchStack, connectionId: string, emails: readonly string[], callsPerOrder: number) {
  const ids = await placeOrders(stack, Array.from({ length: THROUGHPUT_ORDERS }, (_, i) => emails[i % emails.length]!));
  const placedBy = new Date().toISOString();
  await stack.sandbox.control.request('POST', '/business-central/settings', { throttle: THROTTLE });
  // The sales-order phase just before filled part of the window (BC's and bc-writer's, which counts per API user):
  // let one window pass so the throttled run starts with an empty window.
  await new Promise((r) => setTimeout(r, THROTTLE.windowMs));
  await stack.sandbox.control.request('DELETE', '/requests');
  const topicBefore = await stack.topicEnd();
  const started = Date.now();
  for (const id of ids) await stack.signal(connectionId, id);
  // As in the stack, bc-watcher's order poll signals every new order too, a few seconds after its webhook.
  for (const id of ids) await stack.signal(connectionId, id, { occurredAt: placedBy });
  await stack.waitFor(connectionId, ids, 'POSTED', 15 * 60_000);
  const minutes = (Date.now() - started) / 60_000;
  const foreign = (await stack.topicEnd()) - topicBefore - 2 * ids.length;
  const { requests } = await stack.sandbox.control.requests('business-central');
  const storeReads = (await stack.sandbox.control.requests('bigcommerce')).requests.length;
  const throttledAnswers = requests.filter((r) => r.status === 429).length;
  const allowedRequestsPerMinute = (THROTTLE.requestsPerWindow * 60_000) / THROTTLE.windowMs;
  const allowedOrdersPerMinute = allowedRequestsPerMinute / callsPerOrder;
  const ordersPerMinute = ids.length / minutes;
  // A sliding window lets the first window's requests go at once: N requests need at least (ceil(N / W) - 1)
  // windows from the first start to the last, so this run can beat the steady rate; its own floor is that time.
  const neededRequests = ids.length * callsPerOrder;
  const floorMinutes = ((Math.ceil(neededRequests / THROTTLE.requestsPerWindow) - 1) * THROTTLE.windowMs) / 60_000;
  const result = {
    orders: ids.length,
    minutes: round(minutes),
    throttle: THROTTLE,
    allowedRequestsPerMinute,
    callsPerOrder,
    allowedOrdersPerMinute: round(allowedOrdersPerMinute),
    ordersPerMinute: round(ordersPerMinute),
    ratio: round(ordersPerMinute / allowedOrdersPerMinute),
    floorMinutes: round(floorMinutes),
    floorRatio: round(floorMinutes / minutes),
    throttledAnswers,
    bcRequests: requests.length,
    signalsPerOrder: 2,
    bigcommercePerOrder: round(storeReads / ids.length),
    foreignSignalsPerSecond: round(Math.max(0, foreign) / (minutes * 60)),
  };
  log(`throughput: ${result.ordersPerMinute} orders/min of ${result.allowedOrdersPerMinute} allowed (ratio ${result.ratio}), ${result.minutes} min against the run's floor of ${result.floorMinutes} min, ${throttledAnswers} x 429, ${result.bigcommercePerOrder} BigCommerce calls per order for 2 signals`);
  return result;
}

async function placeOrders(stack: BenchStack, emails: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, email] of emails.entries()) {
    const sku = SKUS[i % SKUS.length]!;
    ids.push((await stack.sandbox.control.placeOrder({ customerEmail: email, lines: [{ sku, quantity: 1 }] })).id);
  }
  return ids;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function log(line: string): void {
  process.stdout.write(`bench bc-writer: ${line}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench bc-writer failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
