import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CONNECTIONS_MIGRATIONS, CONNECTIONS_SCHEMA, ConnectionCredentials, ConnectionRegistry } from '@mlc/connections';
import { masterKeyFromBase64, SecretBox } from '@mlc/platform-crypto';
import { createLogger } from '@mlc/platform-observability';
import { openDatabase } from '@mlc/platform-persistence';
import { freePort, repoRoot, stackEnv } from '@mlc/testing';
import { loadWatcherConfig } from '../config';
import { WatcherModule } from '../watcher.module';
import { WatcherOverrides, WatcherRuntime } from '../watcher-runtime';

/** Env for a watcher on the test stack, one sandbox and one connection. */
export function watcherEnv(sandboxEnv: Record<string, string>, connectionId: string, extra: Record<string, string> = {}) {
  return {
    KAFKA_BROKERS: stackEnv.KAFKA_BROKERS,
    SCHEMA_REGISTRY_URL: stackEnv.SCHEMA_REGISTRY_URL,
    DATABASE_URL: stackEnv.DATABASE_URL,
    MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
    ...sandboxEnv,
    CONNECTION_ID: connectionId,
    WATCH_CONNECTIONS: connectionId,
    WATCH_CONSUMER_GROUP: `bc-watcher-${connectionId}`,
    ...extra,
  };
}

export interface InProcessWatcher {
  readonly app: INestApplicationContext;
  readonly runtime: WatcherRuntime;
  close(): Promise<void>;
}

/** The watcher's Nest module in this process (no HTTP server), started and ready. */
export async function startWatcher(env: Record<string, string>, overrides: WatcherOverrides = {}): Promise<InProcessWatcher> {
  const config = loadWatcherConfig(env);
  const logger = createLogger('bc-watcher', env.LOG_LEVEL ?? 'warn');
  const app = await NestFactory.createApplicationContext(
    WatcherModule.forRoot(config, logger, { onCrash: (err) => logger.error({ err }, 'crash (test)'), ...overrides }),
    { logger: false },
  );
  await app.init();
  const runtime = app.get(WatcherRuntime);
  await runtime.whenReady();
  return { app, runtime, close: () => app.close() };
}

export interface WatcherProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly output: () => string;
  metric(name: string, labels: Record<string, string>): Promise<number | undefined>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The compiled watcher (`node scripts/build.js` first) as its own process, ready on a free port. */
export function spawnWatcher(env: Record<string, string>): Promise<WatcherProcess> {
  return spawnService('bc-watcher', env);
}

/** A compiled service (`dist/apps/<name>/src/main.js`) as its own process, ready on a free HTTP_PORT. */
export async function spawnService(name: string, env: Record<string, string>): Promise<WatcherProcess> {
  const port = await freePort();
  const main = path.join(repoRoot(), `dist/apps/${name}/src/main.js`);
  const child = spawn(process.execPath, [main], { env: { ...process.env, ...env, HTTP_PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${out.slice(-2000)}`);
    const ready = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(5000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`${name} not ready within 60 s: ${out.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    output: () => out,
    metric: async (name, labels) => {
      const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
      const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
      const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
      return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
    },
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
  };
}

/** The connection's credentials as the registry holds them (to compute the derived secrets a test checks). */
export async function registeredCredentials(env: Record<string, string>, connectionId: string): Promise<ConnectionCredentials> {
  const db = await openDatabase({ url: stackEnv.DATABASE_URL, schema: CONNECTIONS_SCHEMA, migrations: CONNECTIONS_MIGRATIONS, poolSize: 1 });
  try {
    return await new ConnectionRegistry(db, new SecretBox(masterKeyFromBase64(env.MASTER_KEY ?? ''))).credentials(connectionId);
  } finally {
    await db.destroy();
  }
}
