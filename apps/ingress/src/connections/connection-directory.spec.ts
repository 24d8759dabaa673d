import { signBcSignature, signStandardWebhook } from '@mlc/bigcommerce/testing';
import {
  Connection,
  ConnectionCredentials,
  HOOK_SECRET_HEADER,
  hookSecret,
  parseConnectionSettings,
} from '@mlc/connections';
import { RetryableError } from '@mlc/platform-errors';
import { ConnectionDirectory, ConnectionSource } from './connection-directory';

const CREDS: ConnectionCredentials = {
  bigcommerceAccessToken: 'token',
  bigcommerceClientSecret: 'client-secret',
  bcClientSecret: 'bc-secret',
  webhookKey: Buffer.alloc(32, 9).toString('base64'),
};

function connection(id: string, schemes?: string[]): Connection {
  return {
    id,
    name: id,
    bigcommerce: { storeHash: 'abc123', storeId: '1001' },
    businessCentral: { tenantId: 't', environment: 'production', companyId: 'c', clientId: 'app' },
    settings: parseConnectionSettings(schemes ? { webhooks: { schemes } } : {}),
    settingsVersion: 1,
    source: 'cli',
  };
}

/** An in-memory registry that counts lookups and can be told to fail. */
class FakeSource implements ConnectionSource {
  readonly rows = new Map<string, Connection>();
  lookups = 0;
  failing = false;

  async get(id: string) {
    this.lookups += 1;
    await Promise.resolve();
    if (this.failing) throw new RetryableError('DEPENDENCY_DOWN', 'PostgreSQL is not reachable');
    return this.rows.get(id);
  }

  async credentials() {
    return CREDS;
  }
}

function setup(maxEntries = 100) {
  const source = new FakeSource();
  const clock = { now: 0 };
  const directory = new ConnectionDirectory(source, { ttlMs: 5000, maxEntries }, () => clock.now);
  return { source, clock, directory };
}

const BODY = '{"scope":"store/order/created"}';

describe('ConnectionDirectory', () => {
  it('serves a known connection from memory within the TTL, with one lookup for concurrent callers', async () => {
    const { source, directory } = setup();
    source.rows.set('acme', connection('acme'));
    const [a, b] = await Promise.all([directory.resolve('acme'), directory.resolve('acme')]);
    expect(a?.connection.id).toBe('acme');
    expect(b).toBe(a);
    await directory.resolve('acme');
    expect(source.lookups).toBe(1);
  });

  it('refreshes a known connection in the background after the TTL, answering from memory meanwhile', async () => {
    const { source, clock, directory } = setup();
    source.rows.set('acme', connection('acme'));
    const first = await directory.resolve('acme');
    clock.now = 6000;
    source.rows.set('acme', { ...connection('acme'), name: 'renamed' });
    expect(await directory.resolve('acme')).toBe(first);
    await new Promise((r) => setImmediate(r));
    expect((await directory.resolve('acme'))?.connection.name).toBe('renamed');
    expect(source.lookups).toBe(2);
  });

  it('keeps the last known state while the database is down', async () => {
    const { source, clock, directory } = setup();
    source.rows.set('acme', connection('acme'));
    await directory.resolve('acme');
    source.failing = true;
    clock.now = 6000;
    expect((await directory.resolve('acme'))?.connection.id).toBe('acme');
    await new Promise((r) => setImmediate(r));
    expect((await directory.resolve('acme'))?.connection.id).toBe('acme');
  });

  it('rejects when a connection never seen cannot be looked up', async () => {
    const { source, directory } = setup();
    source.failing = true;
    await expect(directory.resolve('acme')).rejects.toBeInstanceOf(RetryableError);
    source.failing = false;
    source.rows.set('acme', connection('acme'));
    expect((await directory.resolve('acme'))?.connection.id).toBe('acme');
  });

  it('remembers unknown ids for the TTL and never queries for ids that cannot exist', async () => {
    const { source, clock, directory } = setup();
    expect(await directory.resolve('nobody')).toBeUndefined();
    expect(await directory.resolve('nobody')).toBeUndefined();
    expect(await directory.resolve('../etc/passwd')).toBeUndefined();
    expect(await directory.resolve('UPPER')).toBeUndefined();
    expect(source.lookups).toBe(1);
    source.rows.set('nobody', connection('nobody'));
    clock.now = 6000;
    expect((await directory.resolve('nobody'))?.connection.id).toBe('nobody');
  });

  it('forgets a removed connection after its refresh', async () => {
    const { source, clock, directory } = setup();
    source.rows.set('acme', connection('acme'));
    await directory.resolve('acme');
    source.rows.delete('acme');
    clock.now = 6000;
    await directory.resolve('acme');
    await new Promise((r) => setImmediate(r));
    expect(await directory.resolve('acme')).toBeUndefined();
  });

  it('holds at most maxEntries connections', async () => {
    const { source, directory } = setup(2);
    for (const id of ['a1', 'a2', 'a3']) source.rows.set(id, connection(id));
    for (const id of ['a1', 'a2', 'a3']) await directory.resolve(id);
    await directory.resolve('a1');
    expect(source.lookups).toBe(4);
  });

  it('builds a verifier for the schemes the connection allows, with the derived hook secret', async () => {
    const { source, directory } = setup();
    source.rows.set('all', connection('all'));
    source.rows.set('header-only', connection('header-only', ['custom-header']));
    const all = await directory.resolve('all');
    const headerOnly = await directory.resolve('header-only');
    if (!all || !headerOnly) throw new Error('both connections should resolve');
    const signed = {
      ...signStandardWebhook({
        secret: 'client-secret',
        id: 'm1',
        timestampSeconds: Math.floor(Date.now() / 1000),
        body: BODY,
      }),
      ...signBcSignature(BODY, 'client-secret'),
    };
    expect(all.verifier.verify({ headers: signed, rawBody: BODY })).toMatchObject({ verified: true });
    expect(headerOnly.verifier.verify({ headers: signed, rawBody: BODY })).toMatchObject({
      verified: false,
      reason: 'missing-headers',
    });
    const header = { [HOOK_SECRET_HEADER]: hookSecret('header-only', CREDS) };
    expect(headerOnly.verifier.verify({ headers: header, rawBody: BODY })).toEqual({
      verified: true,
      scheme: 'custom-header',
    });
    expect(all.verifier.verify({ headers: header, rawBody: BODY })).toMatchObject({
      verified: false,
      reason: 'bad-secret',
    });
  });
});
