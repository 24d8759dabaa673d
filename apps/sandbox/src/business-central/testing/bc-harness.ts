import { loadSandboxConfig } from '../../config';
import type { SandboxWorld } from '../../core/world';
import { startSandbox } from '../../sandbox';
import { BC_DEFAULTS } from '../bc-identity';

export interface BcHarness {
  readonly url: string;
  readonly world: SandboxWorld;
  /** `http://host/v2.0/<tenant>/sandbox/api/v2.0/` */
  readonly root: string;
  /** `root + companies(<id>)/` */
  readonly company: string;
  token(): Promise<string>;
  /** Authenticated API call; `path` is relative to the company unless it starts with `/` or `http`. */
  call(method: string, path: string, init?: { body?: unknown; headers?: Record<string, string> }): Promise<ApiResult>;
  control(method: string, path: string, body?: unknown): Promise<ApiResult>;
  close(): Promise<void>;
}

export interface SeedSize {
  readonly products: number;
  readonly variantsPerProduct: number;
  readonly customers: number;
}

export interface ApiResult {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON shapes
  readonly body: any;
  readonly text: string;
}

/**
 * Starts both sandboxes in-process on free ports (as `make sandbox` does, with ports 0) and wraps the BC + Entra
 * side: a cached token, authenticated calls relative to the company, and the control API.
 */
export async function startBcHarness(options: { timeScale?: number; seed?: boolean | SeedSize } = {}): Promise<BcHarness> {
  const sandbox = await startSandbox({
    ...loadSandboxConfig({}),
    SANDBOX_BIGCOMMERCE_PORT: 0,
    SANDBOX_BC_PORT: 0,
    SANDBOX_TIME_SCALE: options.timeScale ?? 1,
  });
  const { world } = sandbox;
  const url = sandbox.businessCentralUrl;
  const root = `${url}/v2.0/${BC_DEFAULTS.tenantId}/${BC_DEFAULTS.environment}/api/v2.0/`;
  const company = `${root}companies(${BC_DEFAULTS.companyId})/`;
  let cached: { token: string; until: number } | undefined;
  const token = async () => {
    if (cached && cached.until > world.clock.now()) return cached.token;
    const res = await fetch(`${url}/${BC_DEFAULTS.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: BC_DEFAULTS.clientId,
        client_secret: BC_DEFAULTS.clientSecret,
        scope: 'https://api.businesscentral.dynamics.com/.default',
      }),
    });
    const body = (await res.json()) as { access_token: string; expires_in: number };
    cached = { token: body.access_token, until: world.clock.now() + (body.expires_in - 300) * 1000 };
    return body.access_token;
  };
  const send = async (method: string, target: string, init: { body?: unknown; headers?: Record<string, string> } = {}) => {
    const res = await fetch(target, {
      method,
      headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: res.status, headers: res.headers, body, text };
  };
  const harness: BcHarness = {
    url,
    world,
    root,
    company,
    token,
    call: async (method, path, init = {}) => {
      const target = path.startsWith('http') ? path : path.startsWith('/') ? `${url}${path}` : `${company}${path}`;
      const headers = { authorization: `Bearer ${await token()}`, ...init.headers };
      return send(method, target, { ...init, headers });
    },
    control: (method, path, body) => send(method, `${url}${path}`, { body }),
    close: () => sandbox.close(),
  };
  if (options.seed !== false) {
    const size = typeof options.seed === 'object' ? options.seed : { products: 6, variantsPerProduct: 0, customers: 3 };
    const seeded = await harness.control('POST', '/__sandbox/seed', size);
    if (seeded.status !== 201) throw new Error(`seed failed: ${seeded.text}`);
  }
  return harness;
}
