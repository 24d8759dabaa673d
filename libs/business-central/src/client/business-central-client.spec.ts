import { z } from 'zod';
import { OutcomeUnknownError, PermanentError, RetryableError } from '@mlc/platform-errors';
import { metricsText } from '@mlc/platform-observability';
import { BreakerRegistry } from '@mlc/platform-resilience';
import { BcPath } from '../odata/odata-path';
import { eqIgnoreCase } from '../odata/odata-filter';
import { bcErrorReply, jsonReply } from '../testing/fake-http-transport';
import { EntityChangedError } from './business-central-errors';
import { COMPANY_ROOT, ROOT, clientKit, settle } from '../testing/client-test-kit';

const CUSTOMER_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const row = z.object({ id: z.string() });
const created = jsonReply(201, { id: CUSTOMER_ID });

describe('BusinessCentralClient requests', () => {
  it('addresses company sets under companies({id}) and environment sets at the root', async () => {
    const { client, transport } = clientKit();
    await client.list(BcPath.collection('customers'), row, { filter: eqIgnoreCase('email', 'A+B@x.com') }).toArray();
    await client.list(BcPath.environment('companies'), row).toArray();
    await client.list(BcPath.environment('subscriptions'), row).toArray();
    expect(transport.requests.map((r) => r.url)).toEqual([
      `${COMPANY_ROOT}customers?$filter=tolower(email)%20eq%20'a%2Bb%40x.com'`,
      `${ROOT}companies`,
      `${ROOT}subscriptions`,
    ]);
  });

  it('sends the bearer token, JSON headers, the page size and If-Match', async () => {
    const { client, transport } = clientKit({ pageSize: 500 });
    transport.reply(
      jsonReply(200, { value: [] }),
      created,
      jsonReply(200, { id: CUSTOMER_ID }),
      jsonReply(204, undefined),
    );
    await client.list(BcPath.collection('items'), row).toArray();
    await client.create(BcPath.collection('customers'), { displayName: 'A' }, row);
    await client.patch(BcPath.entity('customers', CUSTOMER_ID), 'W/"abc"', { displayName: 'B' }, row);
    await client.delete(BcPath.entity('customers', CUSTOMER_ID), 'W/"def"');
    const [list, post, patch, del] = transport.requests;
    expect(list?.headers).toMatchObject({
      authorization: 'Bearer token-1',
      accept: 'application/json',
      prefer: 'odata.maxpagesize=500',
    });
    expect(post).toMatchObject({
      method: 'POST',
      body: '{"displayName":"A"}',
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
    });
    expect(patch).toMatchObject({
      method: 'PATCH',
      url: `${COMPANY_ROOT}customers(${CUSTOMER_ID})`,
      headers: expect.objectContaining({ 'if-match': 'W/"abc"' }),
    });
    expect(del).toMatchObject({ method: 'DELETE', headers: expect.objectContaining({ 'if-match': 'W/"def"' }) });
  });

  it('refuses PATCH or DELETE without an ETag', async () => {
    const { client, transport } = clientKit();
    await expect(client.patch(BcPath.entity('customers', CUSTOMER_ID), '', {}, row)).rejects.toThrow(RangeError);
    expect(transport.requests).toHaveLength(0);
  });

  it('posts bound actions with no body and accepts 204', async () => {
    const { client, transport } = clientKit();
    transport.reply(jsonReply(204, undefined));
    await client.action(BcPath.entity('salesInvoices', CUSTOMER_ID).child('Microsoft.NAV.post'));
    expect(transport.requests[0]).toMatchObject({
      method: 'POST',
      url: `${COMPANY_ROOT}salesInvoices(${CUSTOMER_ID})/Microsoft.NAV.post`,
      body: undefined,
    });
  });

  it('follows nextLink pages, but never to another origin', async () => {
    const { client, transport } = clientKit();
    transport.reply(
      jsonReply(200, { value: [{ id: '1' }], '@odata.nextLink': `${COMPANY_ROOT}items?$skiptoken=1` }),
      jsonReply(200, { value: [{ id: '2' }] }),
    );
    expect(await client.list(BcPath.collection('items'), row).toArray()).toEqual([{ id: '1' }, { id: '2' }]);
    expect(transport.requests[1]?.url).toBe(`${COMPANY_ROOT}items?$skiptoken=1`);

    transport.reply(jsonReply(200, { value: [], '@odata.nextLink': 'https://evil.example/steal' }));
    await expect(client.list(BcPath.collection('items'), row).toArray()).rejects.toThrow(/outside the API origin/);
    expect(transport.requests.some((r) => r.url.includes('evil'))).toBe(false);
  });

  it('turns HTML answers into a permanent error naming the content type', async () => {
    const { client, transport } = clientKit();
    transport.reply({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>sign in</html>' });
    await expect(client.get(BcPath.entity('items', CUSTOMER_ID), row)).rejects.toThrow(/text\/html/);
  });

  it('returns undefined from find for a missing record, but raises a wrong company', async () => {
    const { client, transport } = clientKit();
    transport.reply(bcErrorReply(404, 'BadRequest_NotFound'), bcErrorReply(400, 'Internal_CompanyNotFound'));
    expect(await client.find(BcPath.entity('items', CUSTOMER_ID), row)).toBeUndefined();
    await expect(client.find(BcPath.entity('items', CUSTOMER_ID), row)).rejects.toMatchObject({ code: 'CONFIG' });
  });
});

describe('BusinessCentralClient policies', () => {
  it('retries reads on 503 after Retry-After, and on 429 and 504', async () => {
    const { client, transport, clock } = clientKit();
    const times: number[] = [];
    const record = (reply: ReturnType<typeof jsonReply>) => () => (times.push(clock.now()), reply);
    transport.reply(
      record(bcErrorReply(503, 'Internal_ServerError', 'busy', { 'retry-after': '3' })),
      record(bcErrorReply(429, 'Application_TooManyRequests')),
      record(jsonReply(504, {})),
      record(jsonReply(200, { id: '1' })),
    );
    expect(await settle(client.get(BcPath.entity('items', CUSTOMER_ID), row), clock)).toEqual({ id: '1' });
    expect(transport.requests).toHaveLength(4);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(3000);
  });

  it('gives up on reads after the configured attempts with the last error', async () => {
    const { client, transport, clock } = clientKit();
    transport.replyByDefault(jsonReply(503, {}));
    await expect(settle(client.get(BcPath.entity('items', CUSTOMER_ID), row), clock)).rejects.toBeInstanceOf(
      RetryableError,
    );
    expect(transport.requests).toHaveLength(4);
  });

  it('never repeats a create after a 5xx, a timeout or a reset: OutcomeUnknownError', async () => {
    for (const failure of [jsonReply(503, {}), 'timeout', 'reset'] as const) {
      const { client, transport, clock } = clientKit();
      transport.reply(failure, created);
      const err = await settle(client.create(BcPath.collection('salesInvoices'), {}, row), clock).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(OutcomeUnknownError);
      expect(transport.requests).toHaveLength(1);
    }
  });

  it('never repeats a bound action after a timeout', async () => {
    const { client, transport, clock } = clientKit();
    transport.reply('timeout');
    await expect(
      settle(client.action(BcPath.entity('salesInvoices', CUSTOMER_ID).child('Microsoft.NAV.post')), clock),
    ).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(transport.requests).toHaveLength(1);
  });

  it('repeats a create that provably never ran (429, connection refused) and creates it once', async () => {
    const { client, transport, clock } = clientKit();
    transport.reply(
      bcErrorReply(429, 'Application_TooManyRequests', 'Too many requests reached.', { 'retry-after': '2' }),
      'connect',
      created,
    );
    expect(await settle(client.create(BcPath.collection('salesInvoices'), {}, row), clock)).toEqual({
      id: CUSTOMER_ID,
    });
    expect(transport.requests).toHaveLength(3);
  });

  it('retries PATCH on 5xx (If-Match makes it safe) but surfaces a stale ETag at once', async () => {
    const { client, transport, clock } = clientKit();
    transport.reply(
      jsonReply(502, {}),
      bcErrorReply(409, 'Request_EntityChanged', 'Another user has already changed the record.'),
    );
    const err = await settle(client.patch(BcPath.entity('customers', CUSTOMER_ID), 'W/"1"', {}, row), clock).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(EntityChangedError);
    expect(transport.requests).toHaveLength(2);
  });

  it('on 401 fetches a new token once and retries; a second 401 is reported', async () => {
    const { client, transport, tokens } = clientKit();
    transport.reply(bcErrorReply(401, 'Authentication_InvalidCredentials'), jsonReply(200, { id: '1' }));
    expect(await client.get(BcPath.entity('items', CUSTOMER_ID), row)).toEqual({ id: '1' });
    expect(transport.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);

    transport.reply(
      bcErrorReply(401, 'Authentication_InvalidCredentials'),
      bcErrorReply(401, 'Authentication_InvalidCredentials'),
    );
    await expect(client.get(BcPath.entity('items', CUSTOMER_ID), row)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(transport.requests).toHaveLength(4);
    expect(tokens.issued).toBe(3);
  });

  it('goes through the breaker and reports an open circuit without sending', async () => {
    const breakers = new BreakerRegistry({
      errorThresholdPercentage: 50,
      volumeThreshold: 2,
      resetTimeoutMs: 60_000,
      rollingCountTimeoutMs: 60_000,
    });
    const { client, transport, clock } = clientKit({ breakers, retry: { attempts: 1 } });
    transport.replyByDefault(jsonReply(503, {}));
    for (let i = 0; i < 2; i += 1)
      await expect(settle(client.get(BcPath.entity('items', CUSTOMER_ID), row), clock)).rejects.toBeInstanceOf(
        RetryableError,
      );
    const sent = transport.requests.length;
    await expect(client.get(BcPath.entity('items', CUSTOMER_ID), row)).rejects.toMatchObject({ code: 'CIRCUIT_OPEN' });
    expect(transport.requests).toHaveLength(sent);
    breakers.shutdown();
  });

  it('counts every call by operation template, never by id, and keeps ids, tokens and filters out of errors', async () => {
    const { client, transport } = clientKit();
    transport.reply(bcErrorReply(400, 'BadRequest', 'bad'), jsonReply(200, { id: '1' }));
    const err = (await client
      .list(BcPath.collection('customers'), row, { filter: eqIgnoreCase('email', 'jane@example.com') })
      .toArray()
      .catch((e: unknown) => e)) as PermanentError;
    expect(err.message).toContain('GET customers -> 400 BadRequest');
    expect(err.message).not.toMatch(/jane|token-1|\$filter/);
    await client.get(BcPath.entity('items', CUSTOMER_ID), row);
    const metrics = await metricsText();
    expect(metrics).toContain('operation="GET items({id})",status="200",connection="conn-1"');
    expect(metrics).not.toContain(CUSTOMER_ID);
  });
});
