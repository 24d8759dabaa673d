import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { EventProducer, SchemaSerde } from '@mlc/platform-kafka';
import { repoRoot, stackEnv, startSandboxProcess, testKafka } from '@mlc/testing';
import { describeMachine } from '../machine';
import {
  changeAll,
  dropState,
  moveGroupsToEnd,
  publishChanges,
  pushRuns,
  setQuotaShare,
  storeLog,
  untilStoreShows,
} from './bench-fixture';
import {
  countRequests,
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

function loadNow(): number {
  return Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

function figures(
  name: string,
  changed: number,
  logged: readonly Logged[],
  wallMs: number,
  rss: PushFigures['rssMiB'],
  pushes: PushFigures['pushes'],
  budget: number,
  load: number,
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
    budgetMinMs: minWallMs(requests, budget),
    budgetPerWindow: budget,
    rssMiB: rss,
    pushes,
    loadAverage1m: load,
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
  const masterKey = randomBytes(32).toString('base64');
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
      MASTER_KEY: masterKey,
      ADMIN_TOKEN,
      CONNECTION_ID: connectionId,
      // The topics are shared with other benchmarks and tests on this machine: serve this connection only.
      CATALOG_WRITER_CONNECTIONS: connectionId,
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
    let load = loadNow();
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
      figures(
        'initial backfill (prices + absolute levels)',
        skus.length,
        await storeLog(sandbox),
        ended - started,
        { before: rssBefore, peak: service.peakBetween(started, ended), after: service.rssNow() },
        await pushRuns(schema, started),
        BUDGET,
        load,
      ),
    );

    for (const [round, share] of [[1, SHARE], [2, 1]] as const) {
      if (share !== SHARE) await setQuotaShare(masterKey, connectionId, share);
      const ids = await changeAll(sandbox, skus, round);
      await new Promise((r) => setTimeout(r, 31_000));
      await sandbox.control.request('DELETE', '/requests');
      rssBefore = service.rssNow();
      load = loadNow();
      const handled = await service.handledItemChanges();
      started = Date.now();
      await publishChanges(producer, connectionId, skus, ids);
      const consumed = await service.untilHandled(handled, skus.length);
      ended = await untilStoreShows(sandbox, skus, round);
      const name = `signals: BC price and stock changed for every variant (quotaShare ${share}, reserve ${RESERVE})`;
      const rss = { before: rssBefore, peak: service.peakBetween(started, ended), after: service.rssNow() };
      const budget = Math.min(Math.floor(share * QUOTA), QUOTA - RESERVE);
      const logged = await storeLog(sandbox);
      const run = figures(name, skus.length, logged, ended - started, rss, await pushRuns(schema, started), budget, load);
      runs.push({ ...run, consumedMs: consumed - started });
    }

    const report = {
      benchmark: 'catalog-writer-push' as const,
      at: new Date().toISOString(),
      machine: describeMachine({ loadAverage: true }),
      setup: {
        variants: skus.length,
        products,
        variantsPerProduct,
        storeQuota: `${QUOTA} requests per 30 s (sandbox default, real time)`,
        quotaShare: `${SHARE} (default), then 1 for the last run`,
        reserveForOrderReads: RESERVE,
        coalesceWindowMs: 2000,
        burst: 'a due window waits while signals keep arriving (1000 ms quiet), at most 5 windows',
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
  } catch (err) {
    const tail = (service?.logLines ?? []).slice(-20).map((l) => JSON.stringify(l));
    process.stderr.write(`catalog-writer log (last lines):\n${tail.join('\n')}\n`);
    throw err;
  } finally {
    await service?.stop();
    await producer.disconnect().catch(() => undefined);
    await sandbox.stop();
    await dropState(schema, connectionId);
  }
}

main().catch((err: unknown) => {
  const cause = err instanceof Error && err.cause !== undefined ? ` (cause: ${String(err.cause)})` : '';
  process.stderr.write(`catalog-writer bench failed: ${err instanceof Error ? err.stack : String(err)}${cause}\n`);
  process.exit(1);
});
