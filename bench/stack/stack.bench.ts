import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { openDatabase } from '@mlc/platform-persistence';
import { createScratchDatabase, repoRoot, stackEnv, startSandboxProcess, uniqueName, type SandboxProcess } from '@mlc/testing';
import { declareConnection, positionAtEnd, runGroups } from './connection';
import { measureLoad } from './load';
import { RunningProcess, SERVICES, type Service } from './service-runner';
import { describeMachine } from '../machine';
import { writeStackReport, type StackReport } from './stack-report';

const args = new Map(process.argv.slice(2).map((a, i, all) => [a, all[i + 1] ?? '']));
const ORDERS = Number(args.get('--orders') ?? 40);
const BURST = Number(args.get('--burst') ?? 80);
const CHANGES = Number(args.get('--changes') ?? 40);
const OUT = args.get('--out') || path.join(repoRoot(), 'bench/results');
const WATCH_INTERVAL_MS = 5000;
const LOGS = path.join(repoRoot(), '.local/bench-stack');
const PORTS: Record<Service, number> = { ingress: 3100, 'bc-watcher': 3101, 'bc-writer': 3102, 'catalog-writer': 3103 };

/** The env of every service for one run: its own database, groups and connection, the sandbox, short schedules. */
async function serviceEnv(sandbox: SandboxProcess, databaseUrl: string, suffix: string): Promise<Record<string, string>> {
  const masterKey = randomBytes(32).toString('base64');
  const connectionId = `bench${suffix.replace(/[^a-z0-9]/g, '').slice(-12)}`;
  await declareConnection(databaseUrl, masterKey, sandbox, connectionId);
  const { env, groups } = runGroups(suffix);
  await positionAtEnd(stackEnv.KAFKA_BROKERS, groups);
  return {
    ...sandbox.env,
    ...env,
    BC_COMPANY_ID: '5a3a1c2e-7b1d-4c1f-9f0e-2d4c6b8a0c01',
    CONNECTION_ID: connectionId,
    BC_WRITER_CONNECTIONS: connectionId,
    CATALOG_WRITER_CONNECTIONS: connectionId,
    WATCH_CONNECTIONS: connectionId,
    KAFKA_BROKERS: stackEnv.KAFKA_BROKERS,
    SCHEMA_REGISTRY_URL: stackEnv.SCHEMA_REGISTRY_URL,
    DATABASE_URL: databaseUrl,
    MASTER_KEY: masterKey,
    PUBLIC_BASE_URL: `http://127.0.0.1:${PORTS.ingress}`,
    WATCH_INTERVAL_MS: String(WATCH_INTERVAL_MS),
    LOG_LEVEL: 'warn',
  };
}

function spawnService(name: Service, env: Record<string, string>): RunningProcess {
  return RunningProcess.spawn(name, `dist/apps/${name}/src/main.js`, { ...env, HTTP_PORT: String(PORTS[name]) }, LOGS);
}

const readyUrl = (name: Service) => `http://127.0.0.1:${PORTS[name]}/health/ready`;

/** Each service alone on an empty database (its migrations included), beside a bare node:http server. */
async function coldStartEach(sandbox: SandboxProcess): Promise<{ bare: number; bareRssMiB: number; services: Record<Service, number> }> {
  const bare = RunningProcess.spawn('bare', 'dist/bench/stack/bare-server.js', { HTTP_PORT: '3109' }, LOGS);
  const bareMs = await bare.ready('http://127.0.0.1:3109/');
  await new Promise((r) => setTimeout(r, 2000));
  const bareRssMiB = bare.memory().rssMiB;
  await bare.stop();
  const db = await createScratchDatabase(stackEnv.DATABASE_URL, 'bench_cold');
  const services = {} as Record<Service, number>;
  try {
    const env = await serviceEnv(sandbox, db.url, `.${uniqueName('cold')}`);
    for (const name of SERVICES) {
      const p = spawnService(name, env);
      services[name] = await p.ready(readyUrl(name));
      await p.stop();
    }
  } finally {
    await db.drop();
  }
  return { bare: bareMs, bareRssMiB, services };
}

async function main(): Promise<void> {
  const machine = describeMachine({ loadAverage: true });
  const sandbox = await startSandboxProcess();
  const running: RunningProcess[] = [];
  const db = await createScratchDatabase(stackEnv.DATABASE_URL, 'bench_stack');
  try {
    const seeded = await sandbox.control.seed({ products: 100, variantsPerProduct: 2, customers: 20, seed: 3 });
    const cold = await coldStartEach(sandbox);
    const env = await serviceEnv(sandbox, db.url, `.${uniqueName('stack')}`);
    const t0 = performance.now();
    for (const name of SERVICES) running.push(spawnService(name, env));
    const readyMs = await Promise.all(running.map((p, i) => p.ready(readyUrl(SERVICES[i]!))));
    const stackMs = Math.round(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 15_000));
    const idle = running.map((p) => p.memory().rssMiB);
    const writerDb = await openDatabase({ url: db.url, schema: 'bc_writer', migrations: [], poolSize: 2 });
    const load = await measureLoad({ sandbox, writerDb, connectionId: env.CONNECTION_ID!, skus: seeded.skus, customers: seeded.customers, orders: ORDERS, changes: CHANGES, watchIntervalMs: WATCH_INTERVAL_MS, burstOrders: BURST, bigcommerceShare: 0.25 });
    await writerDb.destroy();
    const peak = running.map((p) => p.memory().peakMiB);
    const report: StackReport = {
      benchmark: 'stack',
      at: new Date().toISOString(),
      machine,
      setup: {
        orders: ORDERS,
        burstOrders: BURST,
        changes: CHANGES,
        orderRatePerSecond: load.orderRatePerSecond,
        watchIntervalMs: WATCH_INTERVAL_MS,
        store: 'Standard plan quota (150 per 30 s), no faults; service quota shares at their defaults (0.25)',
        services: 'compiled services as processes, shared local Kafka/registry/PostgreSQL, sandboxes',
      },
      coldStartMs: { bareNode: cold.bare, ...cold.services, stackTogether: stackMs, stackEach: Object.fromEntries(SERVICES.map((s, i) => [s, readyMs[i]!])) },
      rssMiB: { bareNode: cold.bareRssMiB, idle: Object.fromEntries(SERVICES.map((s, i) => [s, idle[i]!])), peak: Object.fromEntries(SERVICES.map((s, i) => [s, peak[i]!])) },
      latency: load.latency,
      throughput: load.throughput,
    };
    writeStackReport(OUT, report);
  } finally {
    await Promise.all(running.map((p) => p.stop()));
    await db.drop();
    await sandbox.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`stack bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
