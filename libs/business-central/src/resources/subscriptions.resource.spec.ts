import { createBusinessCentral } from '../create-business-central';
import { COMPANY, ROOT } from '../testing/client-test-kit';
import { FakeHttpTransport, bcErrorReply, jsonReply } from '../testing/fake-http-transport';
import { FakeTokenSource } from '../testing/fake-token-source';
import { EntityChangedError } from '../client/business-central-errors';
import { subscriptionResource } from './subscriptions.resource';

const SUB = {
  '@odata.etag': 'W/"JzE5OzE7MDA7Jw=="',
  subscriptionId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  notificationUrl: 'https://connector.example.com/bc/notifications/conn-1',
  resource: `/api/v2.0/companies(${COMPANY})/items`,
  clientState: 'hmac-value',
  expirationDateTime: '2025-01-04T00:00:00Z',
  timestamp: 1234,
  userId: '00000000-0000-0000-0000-000000000009',
  lastModifiedDateTime: '2025-01-01T00:00:00Z',
};

function kit() {
  const transport = new FakeHttpTransport();
  const bc = createBusinessCentral({
    connectionId: 'c1',
    tenantId: '00000000-0000-0000-0000-000000000001',
    environment: 'sandbox',
    companyId: COMPANY,
    apiUrl: 'http://127.0.0.1:4020',
    clientId: 'x',
    clientSecret: 'y',
    transport,
    tokens: new FakeTokenSource(),
  });
  return { bc, transport };
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

describe('subscriptions', () => {
  it('builds the relative resource string BC expects', () => {
    expect(subscriptionResource(COMPANY.toUpperCase(), 'items')).toBe(`/api/v2.0/companies(${COMPANY})/items`);
    expect(() => subscriptionResource('nope', 'items')).toThrow(RangeError);
  });

  it('creates at the environment-level endpoint with notificationUrl, resource and clientState', async () => {
    const { bc, transport } = kit();
    transport.reply(jsonReply(201, SUB));
    const sub = await bc.subscriptions.create({
      notificationUrl: SUB.notificationUrl,
      resource: SUB.resource,
      clientState: 'hmac-value',
    });
    expect(transport.requests[0]).toMatchObject({ method: 'POST', url: `${ROOT}subscriptions` });
    expect(JSON.parse(transport.requests[0]?.body ?? '')).toEqual({
      notificationUrl: SUB.notificationUrl,
      resource: SUB.resource,
      clientState: 'hmac-value',
    });
    expect(sub).toMatchObject({ subscriptionId: SUB.subscriptionId, etag: SUB['@odata.etag'] });
  });

  it('renews with PATCH on the quoted key and If-Match, and surfaces a stale ETag', async () => {
    const { bc, transport } = kit();
    transport.reply(
      jsonReply(200, SUB),
      jsonReply(200, { ...SUB, '@odata.etag': 'W/"2"', expirationDateTime: '2025-01-07T00:00:00Z' }),
    );
    const sub = required(await bc.subscriptions.get(SUB.subscriptionId));
    const renewed = await bc.subscriptions.renew(sub);
    const patch = transport.requests[1];
    expect(patch).toMatchObject({ method: 'PATCH', url: `${ROOT}subscriptions('${SUB.subscriptionId}')` });
    expect(patch?.headers['if-match']).toBe(SUB['@odata.etag']);
    expect(JSON.parse(patch?.body ?? '')).toEqual({
      notificationUrl: SUB.notificationUrl,
      resource: SUB.resource,
      clientState: 'hmac-value',
    });
    expect(renewed.expirationDateTime).toBe('2025-01-07T00:00:00Z');

    transport.reply(bcErrorReply(409, 'Request_EntityChanged'));
    await expect(bc.subscriptions.renew(sub)).rejects.toBeInstanceOf(EntityChangedError);
  });

  it('quotes and escapes a key with a quote in it', async () => {
    const { bc, transport } = kit();
    transport.reply(bcErrorReply(404, 'BadRequest_NotFound'));
    expect(await bc.subscriptions.get("a'b")).toBeUndefined();
    expect(transport.requests[0]?.url).toBe(`${ROOT}subscriptions('a''b')`);
  });

  it('lists and deletes (a missing one counts as deleted)', async () => {
    const { bc, transport } = kit();
    transport.reply(
      jsonReply(200, { value: [SUB] }),
      jsonReply(204, undefined),
      bcErrorReply(404, 'BadRequest_NotFound'),
    );
    const sub = required((await bc.subscriptions.list())[0]);
    expect(await bc.subscriptions.delete(sub)).toBe(true);
    expect(await bc.subscriptions.delete(sub)).toBe(false);
    expect(transport.requests[1]).toMatchObject({
      method: 'DELETE',
      headers: expect.objectContaining({ 'if-match': SUB['@odata.etag'] }),
    });
  });
});

describe('subscription key rotation', () => {
  it('renews with a new clientState in the same PATCH', async () => {
    const { bc, transport } = kit();
    transport.reply(jsonReply(200, { ...SUB, clientState: 'rotated' }));
    const renewed = await bc.subscriptions.renew({ ...SUB, etag: SUB['@odata.etag'] }, { clientState: 'rotated' });
    expect(JSON.parse(transport.requests[0]?.body ?? '')).toMatchObject({
      clientState: 'rotated',
      resource: SUB.resource,
    });
    expect(renewed.clientState).toBe('rotated');
  });
});
