import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './repo-root';

const MAIN = path.join(repoRoot(), 'dist/apps/sandbox/src/main.js');

/** Thin client of the sandbox control API (`/__sandbox/...`, served on both ports). */
export class SandboxControl {
  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/__sandbox${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${method} ${route} answered ${res.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  reset() {
    return this.request('POST', '/reset');
  }

  seed(spec: { products?: number; variantsPerProduct?: number; customers?: number; seed?: number }) {
    return this.request<{ skus: string[]; products: number; customers: string[] }>('POST', '/seed', spec);
  }

  placeOrder(order: {
    customerEmail?: string;
    guest?: boolean;
    lines: Array<{ sku: string; quantity: number }>;
    couponCode?: string;
    shippingCost?: string;
    statusId?: number;
    currency?: string;
  }) {
    return this.request<{ id: number }>('POST', '/bigcommerce/orders', order);
  }

  setOrderStatus(orderId: number, statusId: number) {
    return this.request('POST', `/bigcommerce/orders/${orderId}/status`, { statusId });
  }

  refund(orderId: number, refund: { items?: unknown[]; amount?: string }) {
    return this.request<{ id: number }>('POST', `/bigcommerce/orders/${orderId}/refunds`, refund);
  }

  changeItem(number: string, change: { unitPrice?: string | number; inventory?: number }) {
    return this.request('POST', `/business-central/items/${encodeURIComponent(number)}`, change);
  }

  fault(rule: Record<string, unknown>) {
    return this.request('POST', '/faults', rule);
  }

  clearFaults() {
    return this.request('DELETE', '/faults');
  }

  advanceClock(advanceMs: number) {
    return this.request('POST', '/clock', { advanceMs });
  }

  requests(system?: string) {
    return this.request<{ count: number; requests: Array<{ system: string; method: string; path: string; status: number; time: string }> }>(
      'GET',
      `/requests${system ? `?system=${system}` : ''}`,
    );
  }

  state<T = Record<string, unknown>>() {
    return this.request<T>('GET', '/state');
  }
}

export interface SandboxProcess {
  readonly bigcommerceUrl: string;
  readonly businessCentralUrl: string;
  readonly control: SandboxControl;
  /** Env for a service or client pointed at this sandbox, with the documented default credentials. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts the compiled sandbox (`make build` first) on free ports, as its own process like in production, and waits
 * for its ready line. Tests never import the sandbox app: they talk to it over HTTP, like the connector does.
 */
export async function startSandboxProcess(extraEnv: Record<string, string> = {}): Promise<SandboxProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "make build" before the integration tests`);
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: { ...process.env, SANDBOX_BIGCOMMERCE_PORT: '0', SANDBOX_BC_PORT: '0', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const urls = await new Promise<{ bc: string; msbc: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start within 20 s: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /BigCommerce (http:\/\/[^/\s]+)\/stores\/sandbox, Business Central \+ Entra ID (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ bc: m[1]!, msbc: m[2]! });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
  });
  return {
    bigcommerceUrl: urls.bc,
    businessCentralUrl: urls.msbc,
    control: new SandboxControl(urls.msbc),
    env: {
      BIGCOMMERCE_API_URL: urls.bc,
      BC_API_URL: urls.msbc,
      ENTRA_AUTHORITY_URL: urls.msbc,
      BIGCOMMERCE_STORE_HASH: 'sandbox',
      BIGCOMMERCE_ACCESS_TOKEN: 'sandbox-token',
      BIGCOMMERCE_CLIENT_SECRET: 'sandbox-client-secret',
      BC_TENANT_ID: '00000000-0000-0000-0000-000000000001',
      BC_ENVIRONMENT: 'sandbox',
      BC_CLIENT_ID: 'sandbox-client',
      BC_CLIENT_SECRET: 'sandbox-bc-secret',
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
