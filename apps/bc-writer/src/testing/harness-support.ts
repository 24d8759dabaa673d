import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { BigCommerceApi, BigCommerceOrder } from '@mlc/bigcommerce';
import { repoRoot } from '@mlc/testing';

export interface LedgerView {
  state: string;
  bc_document_id: string | null;
  bc_document_number: string | null;
  posted: boolean;
  last_error: string | null;
  customer_number: string | null;
  bc_invoice_id: string | null;
}

export interface RefundView {
  refund_id: string;
  state: string;
  bc_credit_memo_id: string | null;
  bc_credit_memo_number: string | null;
  posted: boolean;
  waiting_for_order: boolean;
  last_error: string | null;
}

export interface AttemptView {
  source: string;
  decision: string | null;
  outcome: string | null;
  error: string | null;
  bc_requests: Record<string, number>;
  bigcommerce_requests: Record<string, number>;
  transitions: Array<{ subject: string; from: string | null; to: string; event: string }>;
}



/** A BigCommerce client that serves registered edits of orders on top of what the store returns. */
export function editing(api: BigCommerceApi, edits: Map<number, (raw: BigCommerceOrder) => BigCommerceOrder>): BigCommerceApi {
  return new Proxy(api, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (property !== 'getOrder') return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      return async (orderId: number) => {
        const raw = await target.getOrder(orderId);
        const edit = edits.get(orderId);
        return edit ? edit(structuredClone(raw)) : raw;
      };
    },
  });
}

export type Cleanups = Array<{ name: string; close: () => Promise<unknown> }>;

/** Consumers leave their groups in parallel (each waits out its fetch); then the rest closes, newest first. */
export async function closeAll(cleanup: Cleanups): Promise<void> {
  const consumers = new Set(['app', 'collector', 'producer']);
  await Promise.all(cleanup.filter((c) => consumers.has(c.name)).map((c) => c.close().catch(() => undefined)));
  for (const c of cleanup.filter((c) => !consumers.has(c.name)).reverse()) await c.close().catch(() => undefined);
}

/** Runs `node dist/apps/cli/src/main.js` with extra env; resolves with its exit code and output. */
export async function runCli(args: readonly string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(repoRoot(), 'dist/apps/cli/src/main.js'), ...args], {
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

/** A bc-writer process started by a test. */
export interface WriterProcess {
  readonly url: string;
  ready(): Promise<void>;
  /** SIGKILL: no shutdown hooks, no offset commit, like a crash. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

export function spawnWriter(env: NodeJS.ProcessEnv): WriterProcess {
  const child = spawn(process.execPath, [path.join(repoRoot(), 'dist/apps/bc-writer/src/main.js')], { env, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${env.HTTP_PORT}`;
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    async ready() {
      const deadline = Date.now() + 60_000;
      while (!(await fetch(`${url}/health/ready`).then((r) => r.ok, () => false))) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error('bc-writer process did not become ready');
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    crash: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
