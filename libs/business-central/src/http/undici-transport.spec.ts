import { AddressInfo } from 'node:net';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { OutcomeUnknownError, RetryableError } from '@mlc/platform-errors';
import { EntraTokenProvider } from '../auth/entra-token-provider';
import { BusinessCentralClient } from '../client/business-central-client';
import { eqIgnoreCase } from '../odata/odata-filter';
import { BcPath } from '../odata/odata-path';
import { customerSchema } from '../resources/schemas/customer.schema';
import { TransportFailure } from './http-transport.port';
import { UndiciTransport } from './undici-transport';

const TENANT = '00000000-0000-0000-0000-000000000001';
const COMPANY = '11111111-2222-3333-4444-555555555555';
const CUSTOMER = {
  '@odata.etag': 'W/"JzE5OzE7MDA7Jw=="',
  id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  number: 'C00010',
  displayName: 'Adatum',
  email: 'a+b@example.com',
  blocked: ' ',
  lastModifiedDateTime: '2025-01-01T00:00:00Z',
};

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Client port of the TCP connection: equal ports mean the keep-alive socket was reused. */
  port: number | undefined;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** A throwaway HTTP server standing in for Entra and BC; handlers are taken in order. */
async function startServer(handlers: Handler[]) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        port: req.socket.remotePort,
      });
      const handler = handlers.shift();
      if (handler) handler(req, res, body);
      else json(res, 500, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url, seen, close };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; odata.metadata=minimal', ...headers });
  res.end(JSON.stringify(body));
}

const token: Handler = (_req, res) =>
  json(res, 200, { token_type: 'Bearer', expires_in: 3599, access_token: 'header.payload.sig' });

function makeClient(url: string, transport: UndiciTransport, timeouts = { readMs: 2000, writeMs: 300 }) {
  const tokens = new EntraTokenProvider({
    tenantId: TENANT,
    clientId: 'sandbox-client',
    clientSecret: 'sandbox-bc-secret',
    authorityUrl: url,
    transport,
  });
  return new BusinessCentralClient({
    connectionId: 'http-spec',
    tenantId: TENANT,
    environment: 'sandbox',
    companyId: COMPANY,
    apiUrl: url,
    tokens,
    transport,
    timeouts,
    retry: { attempts: 3, baseMs: 5, maxMs: 20 },
  });
}

describe('BusinessCentralClient over HTTP (undici)', () => {
  let transport: UndiciTransport;
  beforeEach(() => (transport = new UndiciTransport({ connectTimeoutMs: 1000 })));
  afterEach(() => transport.close());

  it('sends token, headers and an encoded filter, reusing one keep-alive connection', async () => {
    const server = await startServer([
      token,
      (_q, r) => json(r, 200, { value: [CUSTOMER] }),
      (_q, r) => json(r, 200, { value: [] }),
    ]);
    try {
      const client = makeClient(server.url, transport);
      const filter = eqIgnoreCase('email', "A+B'x@Example.com");
      expect(await client.list(BcPath.collection('customers'), customerSchema, { filter }).toArray()).toHaveLength(1);
      await client.list(BcPath.collection('customers'), customerSchema).toArray();

      const [tokenReq, listReq, second] = server.seen;
      expect(tokenReq?.url).toBe(`/${TENANT}/oauth2/v2.0/token`);
      expect(listReq?.url.split('?')[0]).toBe(`/v2.0/${TENANT}/sandbox/api/v2.0/companies(${COMPANY})/customers`);
      expect(new URL(listReq?.url ?? '', server.url).searchParams.get('$filter')).toBe(
        "tolower(email) eq 'a+b''x@example.com'",
      );
      expect(listReq?.headers.authorization).toBe('Bearer header.payload.sig');
      expect(second?.headers.authorization).toBe('Bearer header.payload.sig');
      // Three sequential requests over at most two sockets: idle connections are kept and reused.
      expect(new Set(server.seen.map((s) => s.port)).size).toBeLessThan(server.seen.length);
    } finally {
      await server.close();
    }
  });

  it('sends If-Match on PATCH and retries a 503 read honouring Retry-After: 0', async () => {
    const server = await startServer([
      token,
      (_q, r) => json(r, 503, { error: { code: 'Internal_ServerError', message: 'busy' } }, { 'retry-after': '0' }),
      (_q, r) => json(r, 200, CUSTOMER),
      (_q, r) => json(r, 200, { ...CUSTOMER, displayName: 'New' }),
    ]);
    try {
      const client = makeClient(server.url, transport);
      const current = await client.get(BcPath.entity('customers', CUSTOMER.id), customerSchema);
      const updated = await client.patch(
        BcPath.entity('customers', CUSTOMER.id),
        current.etag,
        { displayName: 'New' },
        customerSchema,
      );
      expect(updated.displayName).toBe('New');
      const patch = server.seen[3];
      expect(patch?.method).toBe('PATCH');
      expect(patch?.headers['if-match']).toBe(CUSTOMER['@odata.etag']);
      expect(patch?.headers['content-type']).toBe('application/json');
      expect(JSON.parse(patch?.body ?? '{}')).toEqual({ displayName: 'New' });
    } finally {
      await server.close();
    }
  });

  it('reports a POST that times out as OutcomeUnknownError and sends it once', async () => {
    const server = await startServer([token, () => undefined]);
    try {
      const client = makeClient(server.url, transport);
      const err = await client
        .create(BcPath.collection('salesInvoices'), { customerNumber: 'C1' }, customerSchema)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OutcomeUnknownError);
      expect(server.seen.filter((s) => s.method === 'POST' && s.url.includes('salesInvoices'))).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('classifies a refused connection as "connect" (nothing was sent)', async () => {
    const server = await startServer([]);
    const { url } = server;
    await server.close();
    const failure = await transport
      .send({ method: 'GET', url: `${url}/x`, headers: {}, timeoutMs: 1000 })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TransportFailure);
    expect((failure as TransportFailure).kind).toBe('connect');
    const client = makeClient(url, transport);
    await expect(client.get(BcPath.environment('companies'), customerSchema)).rejects.toBeInstanceOf(RetryableError);
  });
});
