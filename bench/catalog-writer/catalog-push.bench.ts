import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Client } from 'pg';
import { businesscentralItemChangedV1, bigcommerceCatalogSignalV1, syncOrderStateV1 } from '@mlc/contracts';
import { EventProducer, SchemaSerde } from '@mlc/platform-kafka';
import { repoRoot, SandboxProcess, stackEnv, startSandboxProcess, testKafka } from '@mlc/testing';
import {
  countRequests,
  describeMachine,
  Logged,
  minWallMs,
  PushFigures,
  QUOTA,
  writeReport,
} from './push-report';
import { ServiceProcess } from './service-process';

/*
 * 10,000 changed variants through the compiled catalog-writer, against the sandbox store at its default quota
 * (150 requests per 30 s, not scaled): first the initial backfill (every price and an absolute level per variant),
 * then the signal path (BC price and stock changed for every variant, one item-changed event each). Figures: store
 * writes against the floor, reads, 429s, wall time against what the quota allows, peak RSS of the service.
 * Usage (after `node scripts/build.js`, with the local stack): node dist/bench/catalog-writer/catalog-push.bench.js
 *   [--products 2000] [--variants-per-product 5] [--out bench/results]
 */

const SHARE = 0.6;
const RESERVE = 20;
const BUDGET = Math.min(Math.floor(SHARE * QUOTA), QUOTA - RESERVE);
const SANDBOX_COMPANY_ID = '5a3a1c2e-7b1d-4c1f-9f0e-2d4c6b8a0c01';
const ADMIN_TOKEN = randomBytes(24).toString('hex');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

async function storeLog(sandbox: SandboxProcess): Promise<Logged[]> {
  return (await sandbox.control.requests('bigcommerce')).requests;
}

/** New consumer groups start at the topics' ends: the bench measures its own events only. */
async function moveGroupsToEnd(suffix: string): Promise<void> {
  const admin = testKafka('catalog-writer-bench').admin();
  await admin.connect();
  const groups = { 'catalog-writer.items': businesscentralItemChangedV1, 'catalog-writer.order-states': syncOrderStateV1, 'catalog-writer.catalog': bigcommerceCatalogSignalV1 };
  for (const [group, topic] of Object.entries(groups)) {
    const offsets = await admin.fetchTopicOffsets(topic.name);
    const partitions = offsets.map((o) => ({ partition: o.partition, offset: o.high }));
    await admin.setOffsets({ groupId: `${group}${suffix}`, topic: topic.name, partitions });
  }
  await admin.disconnect();
}

/** Changes every item in BC (price and silent stock movement) through the control API; returns item ids by SKU. */
async function changeAll(sandbox: SandboxProcess, skus: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < skus.length) {
      const i = next++;
      const sku = skus[i]!;
      const item = (await sandbox.control.changeItem(sku, expected(i))) as { id: string };
      ids.set(sku, item.id);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return ids;
}

function expected(i: number): { unitPrice: string; inventory: number } {
  return { unitPrice: `${20 + (i % 50)}.99`, inventory: 500 + (i % 100) };
}

async function untilStoreShows(sandbox: SandboxProcess, skus: readonly string[], timeoutMs = 600_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await sandbox.control.request<{ stock: Record<string, number>; prices: Record<string, string> }>(
      'GET',
      '/bigcommerce/state',
    );
    const done = skus.every(
      (sku, i) => state.stock[sku] === expected(i).inventory && state.prices[sku] === expected(i).unitPrice,
    );
    if (done) return Date.now();
    if (Date.now() > deadline) throw new Error('the store did not show every change in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The push runs the service recorded since `since`, with the SKUs each carried. */
async function pushRuns(schema: string, since: number): Promise<PushFigures['pushes']> {
  const db = new Client({ connectionString: stackEnv.DATABASE_URL });
  await db.connect();
  const result = await db.query<{ skus: number }>(
    `select (counts->>'skus')::int as skus from "${schema}".push_runs where started_at >= $1 order by id`,
    [new Date(since)],
  );
  await db.end();
  return { count: result.rows.length, skus: result.rows.map((r) => r.skus) };
}

function figures(
  name: string,
  changed: number,
  logged: readonly Logged[],
  wallMs: number,
  rss: PushFigures['rssMiB'],
  pushes: PushFigures['pushes'],
): PushFigures {
  const counted = countRequests(logged);
  const requests = counted.writes.total + counted.reads + counted.rateLimited;
  return {
    name,
    changedVariants: changed,
    ...counted,
    floor: Math.ceil(changed / 50) + Math.ceil(changed / 2000),
    wallMs,
    quotaMinMs: minWallMs(requests, QUOTA),
    budgetMinMs: minWallMs(requests, BUDGET),
    budgetPerWindow: BUDGET,
    rssMiB: rss,
    pushes,
  };
}

async function main(): Promise<void> {
  const products = Number(option('products', '2000'));
  const variantsPerProduct = Number(option('variants-per-product', '5'));
  const out = option('out', path.join(repoRoot(), 'bench/results'));
  const root = repoRoot();
  const run = Date.now().toString(36);
  const connectionId = `bench-cw-${run}`;
  const schema = `bench_cw_${run}`;
  const sandbox = await startSandboxProcess();
  let service: ServiceProcess | undefined;
  const producer = new EventProducer(testKafka('catalog-writer-bench'), new SchemaSerde(stackEnv.SCHEMA_REGISTRY_URL));
  try {
    const seeded = await sandbox.control.seed({ products, variantsPerProduct, customers: 1 });
    const skus = seeded.skus;
    await moveGroupsToEnd(`.${run}`);
    service = await ServiceProcess.start(root, {
      ...sandbox.env,
      KAFKA_BROKERS: stackEnv.KAFKA_BROKERS,
      SCHEMA_REGISTRY_URL: stackEnv.SCHEMA_REGISTRY_URL,
      DATABASE_URL: stackEnv.DATABASE_URL,
      MASTER_KEY: randomBytes(32).toString('base64'),
      ADMIN_TOKEN,
      CONNECTION_ID: connectionId,
      BC_COMPANY_ID: SANDBOX_COMPANY_ID,
      CATALOG_WRITER_DB_SCHEMA: schema,
      CATALOG_WRITER_GROUP_SUFFIX: `.${run}`,
      CATALOG_DRIFT_CHECK_INTERVAL_MS: '0',
      CATALOG_LEVELS_STABLE_MS: '1000',
      LOG_LEVEL: 'info',
    });
    const runs: PushFigures[] = [];

    // The quota window of the sandbox restarts with the first request after this pause.
    await new Promise((r) => setTimeout(r, 31_000));
    await sandbox.control.request('DELETE', '/requests');
    let rssBefore = service.rssNow();
    let started = Date.now();
    const res = await fetch(`${service.url}/admin/connections/${connectionId}/backfill-catalog`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const lines = (await res.text()).trim().split('\n');
    const summary = JSON.parse(lines.at(-1) ?? '{}') as { type?: string; message?: string };
    if (summary.type !== 'summary') throw new Error(`backfill failed: ${summary.message ?? lines.at(-1)}`);
    await new Promise((r) => setTimeout(r, 500));
    let ended = Date.now();
    runs.push(
      figures('initial backfill (prices + absolute levels)', skus.length, await storeLog(sandbox), ended - started, {
        before: rssBefore,
        peak: service.peakBetween(started, ended),
        after: service.rssNow(),
      }, await pushRuns(schema, started)),
    );

    const ids = await changeAll(sandbox, skus);
    await new Promise((r) => setTimeout(r, 31_000));
    await sandbox.control.request('DELETE', '/requests');
    rssBefore = service.rssNow();
    started = Date.now();
    const occurredAt = new Date().toISOString();
    const events = skus.map((sku) => ({
      connectionId,
      itemId: ids.get(sku)!,
      changeType: 'stock' as const,
      source: 'scan' as const,
      occurredAt,
    }));
    for (let i = 0; i < events.length; i += 1000) {
      await producer.publishMany(businesscentralItemChangedV1, events.slice(i, i + 1000));
    }
    ended = await untilStoreShows(sandbox, skus);
    runs.push(
      figures('signals: BC price and stock changed for every variant', skus.length, await storeLog(sandbox), ended - started, {
        before: rssBefore,
        peak: service.peakBetween(started, ended),
        after: service.rssNow(),
      }, await pushRuns(schema, started)),
    );

    const report = {
      benchmark: 'catalog-writer-push' as const,
      at: new Date().toISOString(),
      machine: describeMachine(),
      setup: {
        variants: skus.length,
        products,
        variantsPerProduct,
        storeQuota: `${QUOTA} requests per 30 s (sandbox default, real time)`,
        quotaShare: SHARE,
        reserveForOrderReads: RESERVE,
        coalesceWindowMs: 2000,
        burst: 'a due window waits while signals keep arriving (300 ms quiet), at most 5 windows',
        inventoryApplyDelayMs: 200,
        service: 'compiled catalog-writer as its own process (dist/apps/catalog-writer/src/main.js)',
      },
      runs,
      targets: runs.map((f) => ({
        target: `${f.name}: requests at the floor, no 429, wall near the quota minimum`,
        measured: `${f.writes.total} writes vs floor ${f.floor}; ${f.rateLimited} × 429; ${(f.wallMs / 1000).toFixed(1)} s vs ${(f.budgetMinMs / 1000).toFixed(0)} s at the budget (${(f.quotaMinMs / 1000).toFixed(0)} s at the full quota)`,
        met: f.writes.total <= f.floor + 2 && f.rateLimited === 0,
      })),
    };
    const written = writeReport(out, report);
    process.stdout.write(`${JSON.stringify(runs, null, 2)}\nreport: ${written.markdown}\n`);
  } finally {
    await service?.stop();
    await producer.disconnect().catch(() => undefined);
    await sandbox.stop();
    await dropState(schema, connectionId);
  }
}

async function dropState(schema: string, connectionId: string): Promise<void> {
  const db = new Client({ connectionString: stackEnv.DATABASE_URL });
  await db.connect();
  await db.query(`drop schema if exists "${schema}" cascade`);
  await db.query(`delete from connections.settings_history where connection_id = $1`, [connectionId]).catch(() => undefined);
  await db.query(`delete from connections.connections where id = $1`, [connectionId]).catch(() => undefined);
  await db.end();
}

main().catch((err: unknown) => {
  process.stderr.write(`catalog-writer bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
