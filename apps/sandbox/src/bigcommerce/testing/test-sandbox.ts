import { loadSandboxConfig } from '../../config';
import { RunningSandbox, startSandbox } from '../../sandbox';
import { DEFAULT_ACCESS_TOKEN, DEFAULT_STORE_HASH } from '../store/store-settings';

export interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON (throws when it is not JSON). */
  json<T = unknown>(): T;
}

export interface TestSandboxOptions {
  /** Store rate-limit quota; high by default so tests that do not study the limit never meet it. */
  readonly rateLimitQuota?: number;
  readonly timeScale?: number;
  /** Seed request for `POST /__sandbox/seed`; omitted = no seeding. */
  readonly seed?: { products?: number; variantsPerProduct?: number; customers?: number; seed?: number };
}

/** The whole sandbox in-process on free ports, with helpers to call the BigCommerce API and the control API. */
export class BigCommerceTestSandbox {
  private constructor(readonly sandbox: RunningSandbox) {}

  static async start(options: TestSandboxOptions = {}): Promise<BigCommerceTestSandbox> {
    const config = loadSandboxConfig({ SANDBOX_HOST: '127.0.0.1', SANDBOX_TIME_SCALE: String(options.timeScale ?? 1) });
    const running = new BigCommerceTestSandbox(
      await startSandbox({ ...config, SANDBOX_BIGCOMMERCE_PORT: 0, SANDBOX_BC_PORT: 0 }),
    );
    await running.control('PUT', '/__sandbox/bigcommerce/settings', {
      rateLimitQuota: options.rateLimitQuota ?? 100_000,
    });
    if (options.seed) await running.control('POST', '/__sandbox/seed', options.seed);
    return running;
  }

  get baseUrl(): string {
    return this.sandbox.bigcommerceUrl;
  }

  /** Calls `/stores/sandbox{path}` with the default token, JSON Accept and (for bodies) Content-Type. */
  async api(
    method: string,
    path: string,
    options: {
      body?: unknown;
      raw?: string;
      headers?: Record<string, string>;
      token?: string | null;
      storeHash?: string;
    } = {},
  ): Promise<ApiAnswer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token !== null) headers['x-auth-token'] = options.token ?? DEFAULT_ACCESS_TOKEN;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, options.headers);
    for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
    const res = await fetch(`${this.baseUrl}/stores/${options.storeHash ?? DEFAULT_STORE_HASH}${path}`, {
      method,
      headers,
      body,
    });
    return answer(res);
  }

  async control(method: string, path: string, body?: unknown): Promise<ApiAnswer> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return answer(res);
  }

  /** Waits until the hook reads `is_active: false` (its deliveries failed past the retry window) and returns it. */
  async hookDeactivated(id: number, timeoutMs = 3000): Promise<{ id: number; is_active: boolean }> {
    return eventually(
      async () => {
        const hook = (await this.api('GET', `/v3/hooks/${id}`)).json<{ data: { id: number; is_active: boolean } }>()
          .data;
        return hook.is_active ? undefined : hook;
      },
      timeoutMs,
      `hook ${id} to be deactivated`,
    );
  }

  /** Places a shopper order through the control API; fails the test with the sandbox's message when refused. */
  async placeOrder(body: Record<string, unknown>): Promise<number> {
    const res = await this.control('POST', '/__sandbox/bigcommerce/orders', body);
    if (res.status !== 201) throw new Error(`order refused: ${res.status} ${res.text}`);
    return res.json<{ id: number }>().id;
  }

  close(): Promise<void> {
    return this.sandbox.close();
  }
}

async function answer(res: Response): Promise<ApiAnswer> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
