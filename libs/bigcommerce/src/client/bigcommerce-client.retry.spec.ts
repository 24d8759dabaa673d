import { OutcomeUnknownError, RetryableError } from '@mlc/platform-errors';
import { BreakerRegistry } from '@mlc/platform-resilience';
import { createServer } from 'node:net';
import { z } from 'zod';
import { LocalHttpServer, json, rejectionOf, startLocalHttpServer } from '../testing/local-http-server';
import { StoreRateLimiter } from '../rate-limit/rate-limiter';
import { BigCommerceClient } from './bigcommerce-client';
import { BigCommerceClientOptions } from './bigcommerce-client.options';
import { requestPath } from './request-path';

const anything = z.unknown();
const order = requestPath('/v2/orders/{id}', { id: 1 });
const hooks = requestPath('/v3/hooks');
let server: LocalHttpServer | undefined;
let client: BigCommerceClient | undefined;
let delays: number[];

async function serve(
  respond: Parameters<typeof startLocalHttpServer>[0],
  extra: Partial<BigCommerceClientOptions> = {},
) {
  server = await startLocalHttpServer(respond);
  delays = [];
  client = new BigCommerceClient({
    storeHash: 'abc123',
    accessToken: 'token',
    connectionId: 'retry-spec',
    apiUrl: server.url,
    retry: { attempts: 3, baseMs: 10, maxMs: 20 },
    requestTimeoutMs: 150,
    sleep: async (ms) => void delays.push(ms),
    random: () => 0,
    ...extra,
  });
  return client;
}

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

/** Answers the scripted statuses in turn, then 200. */
function script(...statuses: Array<number | 'hang' | 'reset'>) {
  let call = 0;
  return serve((_req, res, socket) => {
    const step = statuses[call++] ?? 200;
    if (step === 'hang') return;
    if (step === 'reset') return void socket.destroy();
    json(res, step, step === 200 ? { ok: true } : { status: step, title: 'x' }, {
      'x-rate-limit-time-reset-ms': '700',
    });
  });
}

describe('retries of reads and idempotent writes', () => {
  it('retries 503 and 429 on a GET, waiting at least the store reset time', async () => {
    const c = await script(503, 429);
    await expect(c.request({ method: 'GET', path: order, schema: anything })).resolves.toEqual({ ok: true });
    expect(server!.requests).toHaveLength(3);
    // The 503 waits the full reset hint; after the 429 the store-wide limiter waits out what is left of the window,
    // which wall-clock time on a busy machine may already have used up.
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBe(700);
    expect(delays[1]).toBeLessThanOrEqual(700);
  });

  it('retries an idempotent PUT after a reset connection', async () => {
    const c = await script('reset');
    const put = {
      method: 'PUT' as const,
      path: requestPath('/v3/catalog/variants'),
      body: [{ id: 1, price: 5 }],
      schema: anything,
    };
    await expect(c.request(put)).resolves.toEqual({ ok: true });
    expect(server!.requests).toHaveLength(2);
  });

  it('gives up after the configured attempts with a retryable TIMEOUT', async () => {
    const c = await script('hang', 'hang', 'hang');
    const err = await rejectionOf(c.request({ method: 'GET', path: order, schema: anything }));
    expect(err).toBeInstanceOf(RetryableError);
    expect(err).not.toBeInstanceOf(OutcomeUnknownError);
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toMatch(/^bigcommerce GET \/v2\/orders\/\{id\} timed out/);
    expect(server!.requests).toHaveLength(3);
  });

  it('never retries a permanent error', async () => {
    const c = await script(422);
    await expect(c.request({ method: 'GET', path: order, schema: anything })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(server!.requests).toHaveLength(1);
  });
});

describe('one-shot writes (POST)', () => {
  it.each([500, 503, 504, 408])('a %i answer is OutcomeUnknown and is not retried', async (status) => {
    const c = await script(status);
    const err = await rejectionOf(c.request({ method: 'POST', path: hooks, body: { scope: 's' }, schema: anything }));
    expect(err).toBeInstanceOf(OutcomeUnknownError);
    expect(err).toMatchObject({ code: 'OUTCOME_UNKNOWN', status, operation: 'bigcommerce POST /v3/hooks' });
    expect(server!.requests).toHaveLength(1);
  });

  it('a timeout after sending is OutcomeUnknown and is not retried', async () => {
    const c = await script('hang');
    const err = await rejectionOf(c.request({ method: 'POST', path: hooks, body: {}, schema: anything }));
    expect(err).toBeInstanceOf(OutcomeUnknownError);
    expect(server!.requests).toHaveLength(1);
  });

  it('a reset connection is OutcomeUnknown', async () => {
    const c = await script('reset');
    await expect(c.request({ method: 'POST', path: hooks, body: {}, schema: anything })).rejects.toBeInstanceOf(
      OutcomeUnknownError,
    );
    expect(server!.requests).toHaveLength(1);
  });

  it('a 429 was not processed, so it is retried', async () => {
    const c = await script(429);
    await expect(c.request({ method: 'POST', path: hooks, body: {}, schema: anything })).resolves.toEqual({ ok: true });
    expect(server!.requests).toHaveLength(2);
  });

  it('507 and other 4xx are permanent, not unknown', async () => {
    const c = await script(507);
    await expect(c.request({ method: 'POST', path: hooks, body: {}, schema: anything })).rejects.toMatchObject({
      code: 'INSUFFICIENT_STORAGE',
    });
  });

  it('a refused connection never reached the store: plain retryable NETWORK, retried', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    delays = [];
    client = new BigCommerceClient({
      storeHash: 'abc123',
      accessToken: 'token',
      connectionId: 'retry-spec',
      apiUrl: `http://127.0.0.1:${port}`,
      retry: { attempts: 2, baseMs: 1, maxMs: 1 },
      sleep: async (ms) => void delays.push(ms),
    });
    const err = await rejectionOf(client.request({ method: 'POST', path: hooks, body: {}, schema: anything }));
    expect(err).toBeInstanceOf(RetryableError);
    expect(err).not.toBeInstanceOf(OutcomeUnknownError);
    expect(err.code).toBe('NETWORK');
    expect(delays).toHaveLength(1);
  });
});

describe('breaker and rate limiter wiring', () => {
  it('fails fast with CIRCUIT_OPEN once the connection breaker opens, without retrying it', async () => {
    const breakers = new BreakerRegistry({
      errorThresholdPercentage: 50,
      volumeThreshold: 2,
      resetTimeoutMs: 60_000,
      rollingCountTimeoutMs: 10_000,
    });
    try {
      const c = await serve((_req, res) => json(res, 503, {}), {
        breakers,
        retry: { attempts: 2, baseMs: 1, maxMs: 1 },
      });
      await expect(c.request({ method: 'GET', path: order, schema: anything })).rejects.toMatchObject({
        code: 'SERVER_ERROR',
      });
      const before = server!.requests.length;
      await expect(c.request({ method: 'GET', path: order, schema: anything })).rejects.toMatchObject({
        code: 'CIRCUIT_OPEN',
      });
      expect(server!.requests.length).toBe(before);
      expect(breakers.state('bigcommerce', 'retry-spec')).toBe('open');
    } finally {
      breakers.shutdown();
    }
  });

  it('feeds every answer to the rate limiter', async () => {
    const rateLimiter = new StoreRateLimiter();
    const c = await serve(
      (_req, res) =>
        json(
          res,
          200,
          {},
          {
            'x-rate-limit-requests-quota': '150',
            'x-rate-limit-requests-left': '42',
            'x-rate-limit-time-window-ms': '30000',
            'x-rate-limit-time-reset-ms': '15000',
          },
        ),
      { rateLimiter },
    );
    await c.request({ method: 'GET', path: order, schema: anything });
    expect(rateLimiter.snapshot()).toMatchObject({ quota: 150, storeLeft: 42, inFlight: 0, usedInWindow: 1 });
  });
});
