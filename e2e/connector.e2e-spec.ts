import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { bigcommerceOrderSignalV1 } from '@mlc/contracts';
import type { DataSource } from '@mlc/platform-persistence';
import { Kafka, logLevel } from 'kafkajs';
import { repoRoot } from '@mlc/testing';
import { ConnectorStack } from './support/connector-stack';
import { realWorldFaults } from './support/faults';
import { SERVICE_NAMES } from './support/service-processes';
import {
  catalogProblems,
  deadLetterKeys,
  orderProblems,
  readLedger,
  refundProblems,
  unsettled,
  type WorldState,
} from './support/outcome';
import { buildWorkload } from './support/workload';
import { writeDiagnosis } from './support/diagnosis';
import { WorkloadRunner } from './support/workload-runner';

// The issue's scale: 300 orders of mixed shapes and 200 BC changes, the orders spread over 75 s.
const ORDERS = Number(process.env.E2E_ORDERS ?? 300);
const CHANGES = Number(process.env.E2E_CHANGES ?? 200);
const SCALE = ORDERS < 300 || CHANGES < 200 ? ` (scaled down from 300 orders, 200 changes)` : '';
// It stops waiting as soon as everything is in place (measured: 270 s after the last order on two cores, load 4 to 7).
const CONVERGE_MS = Number(process.env.E2E_CONVERGE_MS ?? 360_000);
// Orders are spread over at least this long, so that the SIGKILL and the broker restart land well apart mid-burst.
const PLACEMENT_MS = Number(process.env.E2E_PLACEMENT_MS ?? (ORDERS * 250));
// Diagnosis knob: the share of BigCommerce answers replaced by a 429 (the issue asks for 10%).
const BIGCOMMERCE_429 = Number(process.env.E2E_BIGCOMMERCE_429_RATE ?? 0.1);

const log = (text: string) => process.stdout.write(`[e2e ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`the connector as four processes on the real stack, under faults: ${ORDERS} orders, ${CHANGES} BC changes${SCALE}`, () => {
  let stack: ConnectorStack | undefined;
  let writerDb: DataSource;
  let catalogDb: DataSource;

  beforeAll(async () => {
    // Webhook retries and BC's notification delay run 10x faster than documented; everything else is as documented.
    stack = await ConnectorStack.start({ SANDBOX_TIME_SCALE: '10' });
    writerDb = await stack.schema('bc_writer');
    catalogDb = await stack.schema('catalog_writer');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('syncs every order, refund and catalog change exactly once through SIGKILL, a broker restart and API faults', async () => {
    const s = stack!;
    const control = s.sandbox.control;
    const seeded = await control.seed({ products: 100, variantsPerProduct: 2, customers: 40, seed: 11 });
    // A Pro plan store (450 requests per 30 s), and BigCommerce delivering some webhooks twice.
    await control.request('PUT', '/bigcommerce/settings', { rateLimitQuota: 450, webhookDuplicateRate: 0.05 });
    const world0 = await control.state<WorldState>();
    const prices = Object.fromEntries(world0['business-central'].items.map((i) => [i.number, i.unitPrice]));
    const workload = buildWorkload({ skus: seeded.skus, customers: seeded.customers, prices, orders: ORDERS, changes: CHANGES, seed: 11 });
    await publishBadRecords(s);
    for (const rule of realWorldFaults({ bigcommerce: BIGCOMMERCE_429, 'business-central': 0.1 })) await control.fault(rule);
    log(`workload: ${workload.orders.length} orders, ${workload.changes.length} BC changes, faults on`);

    const runner = new WorkloadRunner(control, seeded.skus);
    let placed = 0;
    let stop = false;
    let hits = 0;
    const followUps = (async () => {
      while (!stop) {
        await runner.followUps((await readLedger(writerDb, s.connectionId)).orders).catch((err) => log(`follow-up: ${String(err)}`));
        await sleep(1000);
      }
    })();
    try {
      const changes = (async () => {
        for (const change of workload.changes) {
          const { number, ...body } = change;
          await control.changeItem(number, body);
          await sleep(PLACEMENT_MS / CHANGES);
        }
      })();
      const chaos = (async () => {
        while (placed < ORDERS / 3) await sleep(200);
        await killAndRestartWriter(s);
        const calm = Date.now() + 15_000;
        while (placed < (2 * ORDERS) / 3 || Date.now() < calm) await sleep(200);
        await restartBroker(s);
      })();
      await runner.place(workload.orders, 4, PLACEMENT_MS / ORDERS, (n) => (placed = n));
      await Promise.all([changes, chaos]);
      log(`placed ${runner.placed.length} orders (${runner.refusals} checkouts refused: out of stock); chaos over`);

      const deadline = Date.now() + CONVERGE_MS;
      let report = await outcome(s, runner, seeded.skus, writerDb);
      while (Date.now() < deadline && (report.pendingFollowUps > 0 || report.problems.length > 0)) {
        await sleep(3000);
        report = await outcome(s, runner, seeded.skus, writerDb);
        log(`waiting: ${report.pendingFollowUps} follow-ups, ${report.problems.length} problems (${report.problems.slice(0, 2).join('; ')})`);
      }
      hits = (await control.request<{ faults: Array<{ hits: number }> }>('GET', '/faults')).faults.reduce((n, f) => n + f.hits, 0);
      log(`converged: ${report.problems.length === 0}; ${hits} faults injected; ${runner.refunds.length} refunds`);
    } finally {
      stop = true;
      await followUps;
      for (const line of await writeDiagnosis(writerDb, s.connectionId, s.services.logDir).catch((err: unknown) => [`diagnosis: ${String(err)}`])) log(line);
    }

    const world = await control.state<WorldState>();
    const ledger = await readLedger(writerDb, s.connectionId);
    expect(runner.placed).toHaveLength(ORDERS);
    expect(hits).toBeGreaterThan(ORDERS / 10);
    expect(orderProblems(runner.placed, world, ledger)).toEqual([]);
    expect(refundProblems(runner.refunds, world, ledger)).toEqual([]);
    expect(catalogProblems(seeded.skus, world, new Map())).toEqual([]);
    expect(unsettled(ledger)).toEqual([]);
    expect(await deadLetterKeys(brokerClient(s))).toEqual([
      `${bigcommerceOrderSignalV1.name}.dlq ${s.connectionId}:bad-1`,
      `${bigcommerceOrderSignalV1.name}.dlq ${s.connectionId}:bad-2`,
    ]);
    for (const db of [writerDb, catalogDb]) expect(await db.query(`select count(*)::int as n from parked_messages`)).toEqual([{ n: 0 }]);
    // Only the SIGKILL: no service exited on its own (the supervisor would have restarted it).
    expect(s.services.crashes).toEqual([]);
  });

  it('exposes, on the running services, every metric name a dashboard or an alert uses (issue #10)', () => {
    const s = stack;
    if (!s) throw new Error('the stack did not start');
    // After the run every code path has been through at least once; a name counts once its `# TYPE` line is there.
    const check = spawnSync(process.execPath, [path.join(repoRoot(), 'scripts/check-metrics-exposed.js'), ...SERVICE_NAMES.map((n) => s.services.url(n))], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    log(`${check.stdout.trim()}${check.stderr.trim() ? `\n${check.stderr.trim()}` : ''}`);
    expect(check.stderr.split('\n').filter((l) => l.trim() !== '' && !l.includes('metrics-exposed: note:'))).toEqual([]);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/metrics-exposed: (\d+) of \1 names found on 4 of 4 services/);
  });
});

async function outcome(s: ConnectorStack, runner: WorkloadRunner, skus: readonly string[], writerDb: DataSource) {
  const [world, ledger] = await Promise.all([s.sandbox.control.state<WorldState>(), readLedger(writerDb, s.connectionId)]);
  const pendingFollowUps = await runner.followUps(ledger.orders);
  const committed = new Map<string, number>();
  for (const o of runner.placed) {
    if (o.fate === 'cancel-unpaid' || ledger.orders.get(o.id) === 'POSTED') continue;
    for (const line of runner.lines.get(o.id) ?? []) committed.set(line.sku, (committed.get(line.sku) ?? 0) + line.quantity);
  }
  const problems = [
    ...orderProblems(runner.placed, world, ledger),
    ...refundProblems(runner.refunds, world, ledger),
    ...catalogProblems(skus, world, committed),
    ...unsettled(ledger),
  ];
  return { pendingFollowUps, problems };
}

function brokerClient(s: ConnectorStack): Kafka {
  return new Kafka({ clientId: 'e2e', brokers: [s.kafka.brokers], logLevel: logLevel.NOTHING });
}

/** Two records that cannot be decoded: the only ones allowed in a dead-letter topic at the end. */
async function publishBadRecords(s: ConnectorStack): Promise<void> {
  const producer = brokerClient(s).producer();
  await producer.connect();
  await producer.send({
    topic: bigcommerceOrderSignalV1.name,
    messages: [1, 2].map((n) => ({ key: `${s.connectionId}:bad-${n}`, value: Buffer.from(`{"not":"a registered record ${n}"}`) })),
  });
  await producer.disconnect();
}

async function killAndRestartWriter(s: ConnectorStack): Promise<void> {
  log('SIGKILL bc-writer');
  await s.services.kill('bc-writer');
  await sleep(3000);
  await s.services.start('bc-writer').catch((err) => log(`bc-writer restart: ${String(err)}`));
  await s.services.waitReady('bc-writer');
  log('bc-writer restarted and ready');
}

async function restartBroker(s: ConnectorStack): Promise<void> {
  log('Kafka broker: controlled shutdown');
  await s.restartKafka(5000);
  log('Kafka broker: back');
}
