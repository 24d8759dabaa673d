import { spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, startSandboxProcess, type SandboxProcess } from '@mlc/testing';
import { describeMachine } from '../machine';
import { hammer, hammerRaw, summarize, type HammerRaw, type HammerResult } from './hammer';
import { writeSandboxReport, type SandboxReport } from './sandbox-report';

const args = new Map(process.argv.slice(2).map((a, i, all) => [a, all[i + 1] ?? '']));
const SECONDS = Number(args.get('--seconds') ?? 12);
const CONNECTIONS = Number(args.get('--connections') ?? 32);
/** The unthrottled runs alternate with the floor in this many slices, so a busy shared host weighs on both alike. */
const ROUNDS = Math.max(1, Number(args.get('--rounds') ?? 6));
const OUT = args.get('--out') || path.join(repoRoot(), 'bench/results');
const TENANT = '00000000-0000-0000-0000-000000000001';

/** Starts the bare floor server (compiled beside this file) answering `body`; returns its origin and a stop function. */
async function startBare(body: string): Promise<{ origin: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'bare-server.js')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BARE_BODY: body },
  });
  const port = await new Promise<number>((resolve) =>
    child.stdout!.on('data', (c: Buffer) => resolve(Number(/listening (\d+)/.exec(c.toString())?.[1]))),
  );
  return { origin: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

async function bcToken(sandbox: SandboxProcess): Promise<string> {
  const res = await fetch(`${sandbox.businessCentralUrl}/${TENANT}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-bc-secret&scope=https://api.businesscentral.dynamics.com/.default',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function storeBody(sandbox: SandboxProcess, path: string, headers: Record<string, string>): Promise<string> {
  const res = await fetch(`${sandbox.bigcommerceUrl}${path}`, { headers });
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
  return res.text();
}

/** Milliseconds until the store's quota window resets, from a first request's headers. */
async function bigcommerceWindow(
  sandbox: SandboxProcess,
): Promise<{ resetMs: number; quota: number; windowMs: number }> {
  const res = await fetch(`${sandbox.bigcommerceUrl}/stores/sandbox/v2/store`, {
    headers: { 'x-auth-token': 'sandbox-token' },
  });
  await res.text();
  return {
    resetMs: Number(res.headers.get('x-rate-limit-time-reset-ms')),
    quota: Number(res.headers.get('x-rate-limit-requests-quota')),
    windowMs: Number(res.headers.get('x-rate-limit-time-window-ms') ?? 30_000),
  };
}

/**
 * The store's documented quota on a fresh window: the probe opens it, the hammer stops half a second before it
 * refills. Allowed is counted from what the clocks say, not assumed: the window began when the sandbox answered the
 * probe, so not before the probe was sent, and lasts `resetMs` from then; an answer that came later may belong to a
 * further window, each of which adds a quota.
 */
async function bigcommerceLimitedRun(sandbox: SandboxProcess, path: string, headers: Record<string, string>) {
  const probeSentAt = performance.now();
  const window = await bigcommerceWindow(sandbox);
  const raw = await hammerRaw({
    origin: sandbox.bigcommerceUrl,
    path,
    headers,
    connections: 8,
    seconds: Math.max(1, window.resetMs - 500) / 1000,
  });
  const overrunMs = raw.lastAnswerAt - (probeSentAt + window.resetMs);
  const windows = overrunMs <= 0 ? 1 : 1 + Math.ceil(overrunMs / window.windowMs);
  return { result: summarize([raw]), quota: window.quota, windows, allowed: window.quota * windows - 1 };
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg()[0]!;
  const sandbox = await startSandboxProcess();
  let bare: { origin: string; stop: () => void } | undefined;
  try {
    await sandbox.control.seed({ products: 20, variantsPerProduct: 0, customers: 2, seed: 1 });
    const token = await bcToken(sandbox);
    const bcPath = `/v2.0/${TENANT}/sandbox/api/v2.0/companies`;
    const bigcommercePath = '/stores/sandbox/v2/store';
    const storeAuth = { 'x-auth-token': 'sandbox-token' };
    const bcAuth = { authorization: `Bearer ${token}` };

    // The documented limits first, on a fresh sandbox: 150 requests per 30 s per store; 6000 per 5 minutes and 5 at
    // once per BC user (the 5-minute window would still hold an unthrottled run's requests).
    const bcLimited = await hammer({
      origin: sandbox.businessCentralUrl,
      path: bcPath,
      headers: bcAuth,
      connections: 16,
      seconds: 20,
    });
    const store = await bigcommerceLimitedRun(sandbox, bigcommercePath, storeAuth);

    // Limits lifted: the sandbox's own speed, in slices alternating with the bare floor, which answers the very
    // bytes of the store's GET /v2/store (read now: the request counts against the quota no more).
    await sandbox.control.request('PUT', '/bigcommerce/settings', { rateLimitQuota: 1_000_000 });
    await sandbox.control.request('POST', '/business-central/settings', {
      throttle: { requestsPerWindow: 100_000_000, maxConcurrent: 10_000, maxQueue: 10_000 },
    });
    bare = await startBare(await storeBody(sandbox, bigcommercePath, storeAuth));
    const slice = SECONDS / ROUNDS;
    const raws: Record<'bare' | 'bigcommerceOpen' | 'bcOpen', HammerRaw[]> = {
      bare: [],
      bigcommerceOpen: [],
      bcOpen: [],
    };
    for (let round = 0; round < ROUNDS; round += 1) {
      raws.bare.push(
        await hammerRaw({ origin: bare.origin, path: '/v2/store', connections: CONNECTIONS, seconds: slice }),
      );
      raws.bigcommerceOpen.push(
        await hammerRaw({
          origin: sandbox.bigcommerceUrl,
          path: bigcommercePath,
          headers: storeAuth,
          connections: CONNECTIONS,
          seconds: slice,
        }),
      );
      raws.bcOpen.push(
        await hammerRaw({
          origin: sandbox.businessCentralUrl,
          path: bcPath,
          headers: bcAuth,
          connections: CONNECTIONS,
          seconds: slice,
        }),
      );
    }
    writeSandboxReport(
      OUT,
      report({
        floor: summarize(raws.bare),
        bigcommerceOpen: summarize(raws.bigcommerceOpen),
        bcOpen: summarize(raws.bcOpen),
        bigcommerceLimited: store.result,
        bcLimited,
        bigcommerceQuota: store.quota,
        bigcommerceAllowed: store.allowed,
        bcAllowed: 6000,
        windows: store.windows,
        loadBefore,
      }),
    );
  } finally {
    bare?.stop();
    await sandbox.stop();
  }
}

function report(r: {
  floor: HammerResult;
  bigcommerceOpen: HammerResult;
  bcOpen: HammerResult;
  bigcommerceLimited: HammerResult;
  bcLimited: HammerResult;
  bigcommerceQuota: number;
  bigcommerceAllowed: number;
  bcAllowed: number;
  windows: number;
  loadBefore: number;
}): SandboxReport {
  const accepted = (h: HammerResult) =>
    Object.entries(h.byStatus)
      .filter(([s]) => s.startsWith('2'))
      .reduce((n, [, c]) => n + c, 0);
  return {
    benchmark: 'sandbox',
    at: new Date().toISOString(),
    machine: {
      ...describeMachine(),
      loadAverage1m: Math.round(r.loadBefore * 100) / 100,
      loadAverage1mAfter: Math.round(os.loadavg()[0]! * 100) / 100,
      niceness: os.getPriority(),
    },
    setup: {
      connections: CONNECTIONS,
      seconds: SECONDS,
      rounds: ROUNDS,
      request:
        'GET /v2/store (BigCommerce), GET companies (BC), keep-alive, closed loop; unthrottled runs in rounds alternating with the floor',
    },
    runs: {
      bare: r.floor,
      bigcommerceOpen: r.bigcommerceOpen,
      bcOpen: r.bcOpen,
      bigcommerceLimited: r.bigcommerceLimited,
      bcLimited: r.bcLimited,
    },
    limits: {
      bigcommerce: {
        quotaPerWindow: r.bigcommerceQuota,
        windowsTouched: r.windows,
        allowed: r.bigcommerceAllowed,
        accepted: accepted(r.bigcommerceLimited),
      },
      businessCentral: { perFiveMinutes: 6000, allowed: r.bcAllowed, accepted: accepted(r.bcLimited) },
    },
    ratios: {
      bigcommerceOpenVsBare: ratio(r.bigcommerceOpen.perSecond, r.floor.perSecond),
      bcOpenVsBare: ratio(r.bcOpen.perSecond, r.floor.perSecond),
      bigcommerceAcceptedVsQuota: ratio(accepted(r.bigcommerceLimited), r.bigcommerceAllowed),
      bcAcceptedVsQuota: ratio(accepted(r.bcLimited), r.bcAllowed),
      bcAnsweredVsAccepted: ratio(r.bcLimited.perSecond, r.bcLimited.acceptedPerSecond),
      bigcommerceAnsweredVsAccepted: ratio(r.bigcommerceLimited.perSecond, r.bigcommerceLimited.acceptedPerSecond),
    },
  };
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 1000);

main().catch((err: unknown) => {
  process.stderr.write(`sandbox bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
