import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Client } from 'pg';
import { repoRoot, SandboxProcess, startSandboxProcess } from '@mlc/testing';
import { describeMachine } from '../machine';
import { ScanFigures, writeReport } from './scan-report';
import { startHandshakeReceiver, WatcherProcess } from './watcher-process';

/*
 * The stock scan at scale: the sandbox is seeded with N items (100,000 by default, its seed limit); a fresh compiled
 * watcher records the baseline, then finds a known set of silent stock movements and price changes. More
 * configurations show what the peak memory depends on: a smaller server page, and a capped V8 heap with the whole
 * and a fifth of the catalogue (the same peak for both means nothing is kept per item in memory). Figures: BC requests against the floor ceil(items / page size), wall time, events
 * published, the watcher's resident memory (sampled from /proc), and the diff state's size in Postgres.
 * Usage (after `node scripts/build.js`, with the local stack): node dist/bench/bc-watcher/stock-scan.bench.js
 *   [--items 100000] [--stock-changes 1000] [--price-changes 100] [--scan-interval-ms 60000] [--out bench/results]
 */

const SERVER_PAGE = 20_000;
const SMALL_PAGE = 5_000;
const HEAP_CAP_MIB = 128;

function progress(message: string): void {
  process.stderr.write(`bc-watcher bench: ${message}\n`);
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function itemGets(sandbox: SandboxProcess): Promise<number> {
  const log = await sandbox.control.requests('business-central');
  return log.requests.filter((r) => r.method === 'GET' && /\/items$/.test(r.path)).length;
}

/** Waits for the n-th scan, then reads its figures from the watcher's log line, the sandbox log and /proc. */
async function measureScan(
  watcher: WatcherProcess,
  sandbox: SandboxProcess,
  n: number,
  name: string,
  pageSize: number,
  before: { rss: number; at: number },
): Promise<ScanFigures> {
  const line = await watcher.waitFor('stock scan done', n);
  const doneAt = Date.now();
  const sandboxItemRequests = await itemGets(sandbox);
  await sandbox.control.request('DELETE', '/requests');
  await new Promise((r) => setTimeout(r, 2000));
  const items = Number(line.items);
  const wallMs = Number(line.ms);
  const retained = watcher.retainedBetween(doneAt - wallMs, doneAt);
  return {
    name,
    pageSize,
    items,
    requests: Number(line.requests),
    floor: Math.ceil(items / pageSize),
    sandboxItemRequests,
    wallMs,
    changesPublished: Number(line.changes),
    itemsPerSecond: items / (wallMs / 1000),
    rssMiB: { before: before.rss, peak: watcher.peakBetween(before.at, doneAt), after: watcher.rssNow() },
    ...(retained ? { retainedHeap: retained } : {}),
  };
}

/** Silent stock movements and price changes spread over the whole catalogue (every page is touched). */
async function changeItems(sandbox: SandboxProcess, skus: readonly string[], changes: Config['changes']): Promise<void> {
  const step = Math.max(1, Math.floor(skus.length / Math.max(1, changes.stock)));
  for (let i = 0; i < changes.stock; i += 1) {
    await sandbox.control.changeItem(skus[(i * step) % skus.length]!, { inventory: 1000 + i });
  }
  for (let i = 0; i < changes.price; i += 1) {
    await sandbox.control.changeItem(skus[(i * step + 1) % skus.length]!, { unitPrice: `${100 + i}.25` });
  }
}

async function diffState(url: string, connectionId: string) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const rows = await db.query(
      `select count(*)::int as n, coalesce(avg(pg_column_size(t.*)), 0)::float8 as bytes from bc_watcher.stock_scan t where connection_id = $1`,
      [connectionId],
    );
    const size = await db.query(`select pg_total_relation_size('bc_watcher.stock_scan')::float8 as total`);
    return {
      rows: rows.rows[0].n as number,
      bytesPerRow: Math.round(rows.rows[0].bytes as number),
      tableAndIndexMiB: Math.round(((size.rows[0].total as number) / 2 ** 20) * 10) / 10,
    };
  } finally {
    for (const table of ['stock_scan', 'scans', 'scan_generations', 'watermarks', 'leases', 'subscriptions', 'hooks', 'scan_requests']) {
      await db.query(`delete from bc_watcher.${table} where connection_id = $1`, [connectionId]);
    }
    await db.query(`delete from connections.connections where id = $1`, [connectionId]).catch(() => undefined);
    await db.end();
  }
}

interface Config {
  readonly name: string;
  readonly items: number;
  readonly pageSize: number;
  /** Silent stock movements and price changes made between the two scans. */
  readonly changes: { readonly stock: number; readonly price: number };
  readonly scanIntervalMs: number;
  /** V8 flags for the watcher, e.g. a capped old space and GC traces. */
  readonly nodeArgs?: readonly string[];
}

/**
 * One configuration in a fresh sandbox catalogue and a fresh watcher process (its own connection), so each peak RSS
 * belongs to one page size and one catalogue size: the baseline scan at boot, then a second scan after the changes.
 */
async function runConfig(root: string, sandbox: SandboxProcess, baseUrl: string, databaseUrl: string, config: Config) {
  const { skus } = await sandbox.control.seed({ products: config.items, customers: 5 });
  await sandbox.control.request('POST', '/business-central/settings', { maxPageSize: config.pageSize });
  await sandbox.control.request('DELETE', '/requests');
  const connectionId = `bench-scan-${Date.now().toString(36)}`;
  const watcher = await WatcherProcess.start(root, {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    SCHEMA_REGISTRY_URL: process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
    DATABASE_URL: databaseUrl,
    MASTER_KEY: randomBytes(32).toString('base64'),
    ...sandbox.env,
    CONNECTION_ID: connectionId,
    WATCH_CONNECTIONS: connectionId,
    WATCH_CONSUMER_GROUP: connectionId,
    PUBLIC_BASE_URL: baseUrl,
    WATCH_INTERVAL_MS: '3600000',
    WATCH_SCAN_INTERVAL_MS: String(config.scanIntervalMs),
    WATCH_OVERLAP_MS: '0',
    WATCH_TICK_MS: '200',
    // A scan without changes logs its figures at debug.
    LOG_LEVEL: 'debug',
  }, config.nodeArgs);
  try {
    progress(`${config.name}: watcher starting`);
    await watcher.waitFor('bc-watcher started');
    progress(`${config.name}: waiting for the baseline scan`);
    const baseline = await measureScan(watcher, sandbox, 1, `${config.name}: baseline`, config.pageSize, { rss: watcher.rssNow(), at: Date.now() });
    await changeItems(sandbox, skus, config.changes);
    const changedAt = Date.now();
    progress(`${config.name}: ${config.changes.stock + config.changes.price} items changed, waiting for the next scan`);
    const second = await measureScan(watcher, sandbox, 2, `${config.name}: next scan`, config.pageSize, { rss: watcher.rssNow(), at: changedAt });
    const secondStarted = Date.parse(String(watcher.lines.filter((l) => l.msg === 'stock scan done')[1]!.time)) - second.wallMs;
    if (secondStarted < changedAt) throw new Error(`${config.name}: the second scan started before the changes were made: raise the scan interval`);
    const retained = watcher.retainedBetween(0, Date.now());
    await watcher.stop();
    return { scans: [baseline, second], retained, state: await diffState(databaseUrl, connectionId) };
  } finally {
    await watcher.stop();
  }
}

async function main(): Promise<void> {
  const root = repoRoot();
  const items = option('items', 100_000);
  const stock = option('stock-changes', 1000);
  const price = option('price-changes', 100);
  const scanIntervalMs = option('scan-interval-ms', 60_000);
  const out = (() => {
    const i = process.argv.indexOf('--out');
    return i >= 0 ? process.argv[i + 1]! : path.join(root, 'bench/results');
  })();
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://mlc:mlc@127.0.0.1:5432/ml_connector';
  const sandbox = await startSandboxProcess();
  const receiver = await startHandshakeReceiver();
  try {
    const none = { stock: 0, price: 0 };
    const capped = [`--max-old-space-size=${HEAP_CAP_MIB}`, '--trace-gc'];
    const configs: Config[] = [
      { name: `${items} items, ${SERVER_PAGE}/page`, items, pageSize: SERVER_PAGE, changes: { stock, price }, scanIntervalMs },
      { name: `${items} items, ${SMALL_PAGE}/page`, items, pageSize: SMALL_PAGE, changes: none, scanIntervalMs: 10_000 },
      { name: `${items} items, ${SERVER_PAGE}/page, heap ${HEAP_CAP_MIB} MiB`, items, pageSize: SERVER_PAGE, changes: none, scanIntervalMs: 10_000, nodeArgs: capped },
      { name: `${items / 5} items, ${SERVER_PAGE}/page, heap ${HEAP_CAP_MIB} MiB`, items: items / 5, pageSize: SERVER_PAGE, changes: none, scanIntervalMs: 10_000, nodeArgs: capped },
    ];
    const runs: Array<Awaited<ReturnType<typeof runConfig>>> = [];
    for (const config of configs) runs.push(await runConfig(root, sandbox, receiver.baseUrl, databaseUrl, config));
    const scans = runs.flatMap((r) => r.scans);
    const [full, smallPages, cappedFull, cappedSmall] = runs.map((r) => Math.max(...r.scans.map((s) => s.rssMiB.peak)));
    const [retainedFull, retainedSmall] = [runs[2]!.retained?.maxMiB ?? 0, runs[3]!.retained?.maxMiB ?? 0];
    const report = writeReport(out, {
      benchmark: 'bc-watcher-stock-scan',
      at: new Date().toISOString(),
      machine: describeMachine({ loadAverage: true }),
      setup: {
        items,
        stockChanges: stock,
        priceChanges: price,
        scanIntervalMs,
        watcher: 'compiled bc-watcher, one fresh process and connection per configuration',
        sandbox: 'apps/sandbox (in-memory BC, same host)',
        kafka: 'local broker, acks=all',
      },
      scans,
      state: runs[0]!.state,
      targets: [
        ...scans.map((s) => ({ target: `${s.name}: requests at the floor`, measured: `${s.requests} / ${s.floor}`, met: s.requests === s.floor })),
        { target: 'only changes published', measured: `${scans[1]!.changesPublished} of ${stock + price} changed`, met: scans[1]!.changesPublished === stock + price },
        {
          target: 'nothing published without changes',
          measured: scans.slice(2).map((s) => s.changesPublished).join(', '),
          met: scans.slice(2).every((s) => s.changesPublished === 0),
        },
        {
          target: `memory flat in the catalogue size: largest heap kept after a full GC, boot and two scans, within 10% (${HEAP_CAP_MIB} MiB old space)`,
          measured: `${items / 5} items ${retainedSmall} MiB (${runs[3]!.retained?.fullGcs ?? 0} full GCs), ${items} items ${retainedFull} MiB (${runs[2]!.retained?.fullGcs ?? 0} full GCs)`,
          met: retainedSmall > 0 && Math.abs(retainedFull - retainedSmall) / retainedSmall < 0.1,
        },
        {
          target: `capped heap: peak RSS (report only)`,
          measured: `${items / 5} items ${cappedSmall} MiB, ${items} items ${cappedFull} MiB`,
          met: true,
        },
        {
          target: 'default heap: peak RSS (V8 grows the heap lazily; garbage, not retained state)',
          measured: `${SERVER_PAGE}/page ${full} MiB, ${SMALL_PAGE}/page ${smallPages} MiB`,
          met: true,
        },
      ],
    });
    process.stdout.write(`bc-watcher benchmark written to ${report.json} and ${report.markdown}\n`);
  } finally {
    receiver.server.closeAllConnections();
    receiver.server.close();
    await sandbox.stop();
  }
}

main()
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    process.stderr.write(`bc-watcher benchmark failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
