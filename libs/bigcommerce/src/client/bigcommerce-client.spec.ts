import { PermanentError, RetryableError } from '@mlc/platform-errors';
import { externalCalls, rateLimited } from '@mlc/platform-observability';
import { z } from 'zod';
import { LocalHttpServer, json, rejectionOf, startLocalHttpServer } from '../testing/local-http-server';
import { BigCommerceClient } from './bigcommerce-client';
import { requestPath } from './request-path';

const TOKEN = 'tok-SECRET-123';
const anything = z.unknown();
let server: LocalHttpServer;
let client: BigCommerceClient;
let connection = 0;

async function serve(respond: Parameters<typeof startLocalHttpServer>[0]) {
  server = await startLocalHttpServer(respond);
  connection += 1;
  client = new BigCommerceClient({
    storeHash: 'abc123',
    accessToken: TOKEN,
    connectionId: `client-spec-${connection}`,
    apiUrl: server.url,
    userAgentVersion: '9.9.9',
    retry: { attempts: 3, baseMs: 1, maxMs: 2 },
    sleep: async () => undefined,
  });
}

afterEach(async () => {
  await client?.close();
  await server?.close();
});

async function counted(operation: string) {
  const values = (await externalCalls.get()).values;
  return values
    .filter((v) => v.labels['connection'] === `client-spec-${connection}` && v.labels['operation'] === operation)
    .map((v) => [v.labels['status'], v.value]);
}

describe('BigCommerceClient over HTTP', () => {
  it('sends the documented headers to {apiUrl}/stores/{hash} with an encoded query', async () => {
    await serve((_req, res) => json(res, 200, []));
    await client.request({
      method: 'GET',
      path: requestPath('/v2/orders'),
      query: { min_date_modified: 'Tue, 05 Mar 2019 21:40:11 +0000', sort: 'date_modified:asc' },
      schema: anything,
    });
    const [req] = server.requests;
    expect(req!.url).toBe(
      '/stores/abc123/v2/orders?min_date_modified=Tue,%2005%20Mar%202019%2021:40:11%20%2B0000&sort=date_modified:asc',
    );
    expect(req!.headers).toMatchObject({
      'x-auth-token': TOKEN,
      accept: 'application/json',
      'content-type': 'application/json',
      'user-agent': 'ml-connector/9.9.9',
    });
  });

  it('sends JSON bodies and validates JSON answers', async () => {
    await serve((req, res) => json(res, 201, { data: { id: 7, echo: JSON.parse(req.body) } }));
    const schema = z.object({ data: z.object({ id: z.number(), echo: z.object({ a: z.number() }) }) });
    const answer = await client.request({ method: 'POST', path: requestPath('/v3/hooks'), body: { a: 1 }, schema });
    expect(answer.data).toEqual({ id: 7, echo: { a: 1 } });
  });

  it('turns a 204 into the empty value, and an unexpected empty body into a schema error', async () => {
    await serve((_req, res) => json(res, 204, undefined));
    const empty = await client.request({
      method: 'GET',
      path: requestPath('/v2/orders'),
      schema: z.array(z.number()),
      empty: () => [],
    });
    expect(empty).toEqual([]);
    await expect(
      client.request({ method: 'GET', path: requestPath('/v2/store'), schema: anything }),
    ).rejects.toMatchObject({
      code: 'SCHEMA_MISMATCH',
    });
  });

  it('names the failing field path when a response does not match its schema', async () => {
    await serve((_req, res) => json(res, 200, { data: [{ id: 1, price: 'cheap' }] }));
    const schema = z.object({ data: z.array(z.object({ id: z.number(), price: z.number() })) });
    const err = await rejectionOf(client.request({ method: 'GET', path: requestPath('/v3/catalog/products'), schema }));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toContain('"data[0].price"');
    expect(err.message).not.toContain('cheap');
  });

  it('refuses an HTML page on a success status as a permanent error, not a JSON crash', async () => {
    await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Maintenance</body></html>');
    });
    const err = await rejectionOf(client.request({ method: 'GET', path: requestPath('/v2/store'), schema: anything }));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toBe('bigcommerce GET /v2/store answered 200 with an HTML page, not JSON');
  });

  it('classifies an HTML 502 from a proxy by its status', async () => {
    await serve((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad gateway</html>');
    });
    const err = await rejectionOf(
      client.request({ method: 'GET', path: requestPath('/v2/orders/{id}', { id: 1 }), schema: anything }),
    );
    expect(err).toBeInstanceOf(RetryableError);
    expect(err.code).toBe('SERVER_ERROR');
    expect(server.requests).toHaveLength(3);
  });

  it('says which credential is wrong, without the token, the query or emails', async () => {
    await serve((req, res) => {
      if (req.url.startsWith('/stores/abc123/v2/store')) return json(res, 404, [{ status: 404, message: 'Not found' }]);
      return json(res, 401, { status: 401, title: 'Unauthorized' });
    });
    const store = await rejectionOf(
      client.request({ method: 'GET', path: requestPath('/v2/store'), schema: anything }),
    );
    expect(store.message).toContain('store "abc123" was not found (404): check the store hash');
    const auth = await rejectionOf(
      client.request({
        method: 'GET',
        path: requestPath('/v3/customers'),
        query: { 'email:in': 'jane@example.com' },
        schema: anything,
      }),
    );
    expect(auth).toMatchObject({ code: 'UNAUTHORIZED', status: 401, operation: 'bigcommerce GET /v3/customers' });
    for (const text of [auth.message, store.message, JSON.stringify(auth)]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('jane');
      expect(text).not.toContain('email:in');
    }
  });

  it('does not expose the token when the client object is logged', async () => {
    await serve((_req, res) => json(res, 200, {}));
    const { inspect } = await import('node:util');
    expect(JSON.stringify(client)).not.toContain(TOKEN);
    expect(inspect(client, { depth: 5 })).not.toContain(TOKEN);
  });

  it('counts every call under its path template, never the raw id', async () => {
    await serve((req, res) =>
      req.url.includes('/42') ? json(res, 404, [{ status: 404, message: 'x' }]) : json(res, 200, {}),
    );
    await client.request({ method: 'GET', path: requestPath('/v2/orders/{id}', { id: 41 }), schema: anything });
    await client
      .request({ method: 'GET', path: requestPath('/v2/orders/{id}', { id: 42 }), schema: anything })
      .catch(() => undefined);
    expect(await counted('GET /v2/orders/{id}')).toEqual([
      ['200', 1],
      ['404', 1],
    ]);
    const all = (await externalCalls.get()).values.map((v) => String(v.labels['operation']));
    expect(all.some((op) => /\d/.test(op.replace(/\/v[23]\//, '/')))).toBe(false);
  });

  it('counts 429 answers as rate limited', async () => {
    await serve((_req, res) => json(res, 429, {}, { 'x-rate-limit-time-reset-ms': '5' }));
    await client.request({ method: 'GET', path: requestPath('/v2/store'), schema: anything }).catch(() => undefined);
    const limited = (await rateLimited.get()).values.find(
      (v) => v.labels['connection'] === `client-spec-${connection}`,
    );
    expect(limited?.value).toBe(3);
  });
});
