import { SandboxProcess, startSandboxProcess } from '@mlc/testing';
import { BigCommerceClientOptions } from '../../client/bigcommerce-client.options';
import { BigCommerceApiClient, createBigCommerceApi } from '../../resources/bigcommerce-api-client';

/** One request as the sandbox logged it (status 0: the connection was reset). */
export interface LoggedCall {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly time: string;
}

export interface StoreSandbox {
  readonly process: SandboxProcess;
  /** A client of the sandbox store with fast retries; every client made here is closed by `stop`. */
  api(overrides?: Partial<BigCommerceClientOptions>): BigCommerceApiClient;
  /** Requests the BigCommerce side served since the log was last cleared. */
  calls(): Promise<LoggedCall[]>;
  clearCalls(): Promise<void>;
  settings(patch: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the compiled sandbox as its own process (`node scripts/build.js` first) and seeds it. */
export async function startStoreSandbox(seed: Record<string, number> = {}): Promise<StoreSandbox> {
  const sandbox = await startSandboxProcess();
  await sandbox.control.seed(seed);
  const clients: BigCommerceApiClient[] = [];
  return {
    process: sandbox,
    api: (overrides = {}) => {
      const api = createBigCommerceApi({
        storeHash: sandbox.env.BIGCOMMERCE_STORE_HASH ?? 'sandbox',
        accessToken: sandbox.env.BIGCOMMERCE_ACCESS_TOKEN ?? '',
        connectionId: 'int-spec',
        apiUrl: sandbox.bigcommerceUrl,
        requestTimeoutMs: 5_000,
        retry: { attempts: 4, baseMs: 20, maxMs: 200 },
        ...overrides,
      });
      clients.push(api);
      return api;
    },
    calls: async () => (await sandbox.control.requests('bigcommerce')).requests,
    clearCalls: async () => {
      await sandbox.control.request('DELETE', '/requests');
    },
    settings: async (patch) => {
      await sandbox.control.request('PUT', '/bigcommerce/settings', patch);
    },
    stop: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await sandbox.stop();
    },
  };
}

/** Drains an async iterable. */
export async function drain<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}
