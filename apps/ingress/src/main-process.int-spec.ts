import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { eventually, freePort, repoRoot, stackEnv } from '@mlc/testing';

/** The compiled service, as `make up` runs it. */
const MAIN = path.join(repoRoot(), 'dist/apps/ingress/src/main.js');
const GOOD_KEY = Buffer.alloc(32, 3).toString('base64');

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly stdout: string;
}

function requireBuild(): void {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: run "node scripts/build.js" (or make build) before this spec`);
}

/** Runs the service with exactly these variables (plus PATH), collecting its output. */
function run(env: Record<string, string>, whenStarted?: (stop: () => void, out: () => string) => void): Promise<Exit> {
  requireBuild();
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env['PATH'] ?? '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  whenStarted?.(
    () => child.kill('SIGTERM'),
    () => stdout,
  );
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr, stdout })));
}

describe('ingress as a process: configuration errors', () => {
  it.each([
    [
      { MASTER_KEY: 'not-a-32-byte-key' },
      'MASTER_KEY is invalid: must be 32 bytes encoded as base64',
      'not-a-32-byte-key',
    ],
    [{}, 'MASTER_KEY is required but not set', undefined],
    [{ MASTER_KEY: GOOD_KEY, KAFKA_BROKERS: 'kafka-without-port' }, 'KAFKA_BROKERS is invalid', undefined],
    [{ MASTER_KEY: GOOD_KEY, INGRESS_PORT: 'eighty' }, 'INGRESS_PORT is invalid', undefined],
    [
      {
        MASTER_KEY: GOOD_KEY,
        CONNECTION_ID: 'sandbox',
        BIGCOMMERCE_STORE_HASH: 'sandbox',
        BIGCOMMERCE_ACCESS_TOKEN: 'token',
        BIGCOMMERCE_CLIENT_SECRET: 'sandbox-client-secret',
        BC_TENANT_ID: 'tenant',
        BC_ENVIRONMENT: 'sandbox',
        BC_CLIENT_ID: 'app',
      },
      'BC_CLIENT_SECRET is required when CONNECTION_ID is set',
      'sandbox-client-secret',
    ],
  ])('exits 78 with one line naming the variable (%#)', async (env, message, secret) => {
    const exit = await run(env as Record<string, string>);
    expect(exit.code).toBe(78);
    expect(exit.stderr.trimEnd().split('\n')).toEqual([
      expect.stringContaining(`ingress: configuration error: ${message}`),
    ]);
    if (secret) expect(exit.stderr + exit.stdout).not.toContain(secret);
  });
});

describe('ingress as a process: lifecycle', () => {
  it('starts on the real stack, becomes ready, and stops promptly on SIGTERM', async () => {
    const port = String(await freePort());
    const started = Date.now();
    let stoppedAt = 0;
    const exit = await run(
      {
        MASTER_KEY: GOOD_KEY,
        INGRESS_PORT: port,
        KAFKA_BROKERS: stackEnv.KAFKA_BROKERS,
        SCHEMA_REGISTRY_URL: stackEnv.SCHEMA_REGISTRY_URL,
        DATABASE_URL: stackEnv.DATABASE_URL,
      },
      (stop) => {
        void eventually(
          'the process to be ready',
          async () =>
            (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.status === 200
              ? true
              : undefined,
          60_000,
        ).finally(() => {
          stoppedAt = Date.now();
          stop();
        });
      },
    );
    expect(stoppedAt).toBeGreaterThan(started);
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    expect(exit.stdout).toContain('"msg":"ingress listening"');
    expect(exit.stdout).toContain('accepting deliveries');
    expect(exit.stdout).not.toContain(GOOD_KEY);
  });
});

describe('ingress as a process: MIGRATE_ONLY', () => {
  it("applies the connection registry's migrations and exits 0 without listening", async () => {
    const port = String(await freePort());
    const exit = await run({
      MASTER_KEY: GOOD_KEY,
      INGRESS_PORT: port,
      DATABASE_URL: stackEnv.DATABASE_URL,
      // Nothing listens here: a migration run must not need the broker or the registry.
      KAFKA_BROKERS: '127.0.0.1:1',
      SCHEMA_REGISTRY_URL: 'http://127.0.0.1:1',
      MIGRATE_ONLY: 'true',
    });
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain('"schema":"connections"');
    expect(exit.stdout).toContain('migrations applied');
    expect(exit.stdout).not.toContain('ingress listening');
  });
});
