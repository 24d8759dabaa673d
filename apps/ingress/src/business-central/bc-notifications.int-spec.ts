import { randomUUID } from 'node:crypto';
import { Cleanup } from '@mlc/testing';
import { IngressHarness, TestConnection } from '../testing/ingress-harness';
import { TopicTap } from '../testing/topic-tap';

const ITEMS = 'businesscentral.item-changed.v1';
const CUSTOMERS = 'businesscentral.customer-changed.v1';
const RESCANS = 'businesscentral.rescan-requested.v1';

const cleanup = new Cleanup();
let ingress: IngressHarness;
let tap: TopicTap;

beforeAll(async () => {
  ingress = await IngressHarness.start();
  cleanup.add(() => ingress.close());
  tap = await ingress.tap();
  cleanup.add(() => tap.stop());
});
afterAll(() => cleanup.run());

const url = (id: string, query = '') => `${ingress.baseUrl}/webhooks/business-central/${id}${query}`;

/** One notification entry as BC sends it (cu 6154). */
function entry(conn: TestConnection, set: string, id: string | undefined, overrides: Record<string, unknown> = {}) {
  return {
    subscriptionId: randomUUID().replace(/-/g, ''),
    clientState: conn.clientState,
    expirationDateTime: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    resource: `api/v2.0/companies(${conn.companyId})/${set}${id ? `(${id})` : ''}`,
    changeType: 'updated',
    lastModifiedDateTime: '2025-03-01T11:59:30Z',
    ...overrides,
  };
}

async function notify(conn: TestConnection, body: unknown) {
  const res = await fetch(url(conn.id), {
    method: 'POST',
    headers: { 'content-type': 'application/json', clientRequestId: randomUUID() },
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  });
  await res.arrayBuffer();
  return res.status;
}

const counted = (conn: TestConnection, outcome: string, reason: string) =>
  ingress.metric('ml_connector_webhooks_total', { system: 'business-central', connection: conn.id, outcome, reason });

describe('Business Central: the validation handshake', () => {
  it('answers 200 text/plain with the token at once, publishing nothing', async () => {
    const conn = await ingress.addConnection();
    const res = await fetch(url(conn.id, '?validationToken=tok%2Ben%2F1'), { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('tok+en/1');
    await tap.caughtUp();
    expect(tap.forConnection(conn.id)).toEqual([]);
  });

  it('is 404 for an unknown connection', async () => {
    const res = await fetch(url('no-such-connection', '?validationToken=t'), { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'unknown-connection' });
  });
});

describe('Business Central: notifications', () => {
  it('publishes item and customer changes keyed by record id', async () => {
    const conn = await ingress.addConnection();
    const item = randomUUID();
    const customer = randomUUID();
    const status = await notify(conn, {
      value: [entry(conn, 'items', item), entry(conn, 'customers', customer, { changeType: 'created' })],
    });
    expect(status).toBe(200);
    const [itemRecord] = await tap.waitFor(conn.id, 1, ITEMS);
    expect(itemRecord).toMatchObject({
      key: `${conn.id}:${item}`,
      schemaId: await tap.schemaIdOf(ITEMS),
      value: { connectionId: conn.id, itemId: item, changeType: 'updated', source: 'notification' },
    });
    const [customerRecord] = await tap.waitFor(conn.id, 1, CUSTOMERS);
    expect(customerRecord).toMatchObject({
      key: `${conn.id}:${customer}`,
      schemaId: await tap.schemaIdOf(CUSTOMERS),
      value: { changeType: 'created' },
    });
    await tap.caughtUp();
    expect(tap.forConnection(conn.id)).toHaveLength(2);
  });

  it('answers 2xx to entries with a wrong clientState, drops them and counts them', async () => {
    const conn = await ingress.addConnection();
    const good = randomUUID();
    const status = await notify(conn, {
      value: [
        entry(conn, 'items', good),
        entry(conn, 'items', randomUUID(), { clientState: 'forged-state' }),
        entry(conn, 'items', randomUUID(), { clientState: undefined }),
      ],
    });
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(300);
    await tap.caughtUp();
    expect(tap.forConnection(conn.id).map((r) => r.key)).toEqual([`${conn.id}:${good}`]);
    expect(await counted(conn, 'dropped', 'bad-client-state')).toBe(2);
    expect(await counted(conn, 'accepted', 'ok')).toBe(1);
  });

  it('publishes nothing when no entry verifies, still answering 2xx', async () => {
    const conn = await ingress.addConnection();
    const other = await ingress.addConnection();
    const status = await notify(conn, { value: [entry(other, 'items', randomUUID())] });
    expect(status).toBe(200);
    await tap.caughtUp();
    expect(tap.forConnection(conn.id)).toEqual([]);
    expect(await counted(conn, 'dropped', 'bad-client-state')).toBe(1);
  });

  it('asks for a rescan when BC sends a collection entry', async () => {
    const conn = await ingress.addConnection();
    const collection = entry(conn, 'items?$filter=lastModifiedDateTime%20gt%202025-03-01T11:00:00.000Z', undefined, {
      changeType: 'collection',
    });
    expect(await notify(conn, { value: [collection] })).toBe(200);
    const [rescan] = await tap.waitFor(conn.id, 1, RESCANS);
    expect(rescan).toMatchObject({
      key: `${conn.id}:items`,
      schemaId: await tap.schemaIdOf(RESCANS),
      value: { connectionId: conn.id, resource: 'items', reason: 'collection-notification' },
    });
  });

  it('drops entries about another company or an unwatched set', async () => {
    const conn = await ingress.addConnection();
    const foreign = {
      ...entry(conn, 'items', randomUUID()),
      resource: `api/v2.0/companies(${randomUUID()})/items(${randomUUID()})`,
    };
    expect(await notify(conn, { value: [foreign, entry(conn, 'salesInvoices', randomUUID())] })).toBe(200);
    await tap.caughtUp();
    expect(tap.forConnection(conn.id)).toEqual([]);
    expect(await counted(conn, 'dropped', 'wrong-company')).toBe(1);
    expect(await counted(conn, 'dropped', 'unhandled-resource')).toBe(1);
  });

  it('acknowledges (202) and counts bodies it cannot read, never answering 4xx to a known connection', async () => {
    const conn = await ingress.addConnection();
    expect(await notify(conn, 'this is not json')).toBe(202);
    expect(await notify(conn, { values: [] })).toBe(202);
    await tap.caughtUp();
    expect(tap.forConnection(conn.id)).toEqual([]);
    expect(await counted(conn, 'dropped', 'not-json')).toBe(1);
    expect(await counted(conn, 'dropped', 'malformed-payload')).toBe(1);
  });

  it('takes a full batch of 1000 entries in one body', async () => {
    const conn = await ingress.addConnection();
    const ids = Array.from({ length: 1000 }, () => randomUUID());
    const body = { value: ids.map((id) => entry(conn, 'items', id)) };
    expect(JSON.stringify(body).length).toBeGreaterThan(300_000);
    expect(await notify(conn, body)).toBe(200);
    await tap.waitFor(conn.id, 1000, ITEMS);
    await tap.caughtUp();
    expect(new Set(tap.forConnection(conn.id).map((r) => r.key)).size).toBe(1000);
  });

  it('is 404 for an unknown connection', async () => {
    const res = await fetch(url('no-such-connection'), { method: 'POST', body: '{"value":[]}' });
    expect(res.status).toBe(404);
  });
});
