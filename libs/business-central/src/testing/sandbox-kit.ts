import { AddressInfo } from 'node:net';
import { Server, createServer } from 'node:http';
import { SandboxProcess, startSandboxProcess } from '@mlc/testing';
import { BusinessCentral, BusinessCentralOptions, createBusinessCentral } from '../create-business-central';

/** The sandbox's documented Entra app and BC environment (apps/sandbox README). */
export const SANDBOX_IDENTITY = {
  tenantId: '00000000-0000-0000-0000-000000000001',
  environment: 'sandbox',
  clientId: 'sandbox-client',
  clientSecret: 'sandbox-bc-secret',
} as const;

export interface BcSandbox {
  readonly process: SandboxProcess;
  readonly url: string;
  /** A client for this sandbox; `companyId` may be left out for environment-level calls. */
  client(overrides?: Partial<BusinessCentralOptions>): BusinessCentral;
  stop(): Promise<void>;
}

/**
 * Starts the compiled sandbox as its own process on free ports (run `make build` first) and seeds a small catalog
 * (BC items named after the store SKUs, with stock) and a few customers.
 */
export async function startBcSandbox(seed: { products?: number; customers?: number } = {}): Promise<BcSandbox> {
  const process = await startSandboxProcess();
  await process.control.seed({ products: seed.products ?? 8, customers: seed.customers ?? 2 });
  const url = process.businessCentralUrl;
  const clients: BusinessCentral[] = [];
  return {
    process,
    url,
    client: (overrides = {}) => {
      const client = createBusinessCentral({
        connectionId: 'int-spec',
        ...SANDBOX_IDENTITY,
        apiUrl: url,
        authorityUrl: url,
        share: { maxConcurrent: 2, perFiveMinutes: 2000 },
        retry: { attempts: 3, baseMs: 50, maxMs: 500 },
        ...overrides,
      });
      clients.push(client);
      return client;
    },
    stop: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await process.stop();
    },
  };
}

/** A local webhook receiver that answers BC's validation handshake and records notification bodies. */
export async function startReceiver() {
  const bodies: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('validationToken');
      if (token) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(token);
        return;
      }
      if (body) bodies.push(JSON.parse(body));
      res.writeHead(202);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bc/notifications`;
  return {
    url,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function unique(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`.toUpperCase();
}
