import { masterKeyFromBase64, SecretBox } from '@mlc/platform-crypto';
import { DataSource, openDatabase } from '@mlc/platform-persistence';
import { stackEnv, uniqueName } from '@mlc/testing';
import { ConnectionRegistry } from './connection-registry';
import { CONNECTIONS_MIGRATIONS } from './connections.migrations';
import { ensureEnvConnection } from './env-connection';

const keyA = masterKeyFromBase64(Buffer.alloc(32, 1).toString('base64'));
const keyB = masterKeyFromBase64(Buffer.alloc(32, 2).toString('base64'));
const SECRETS = ['bc-token-SEEDED-1', 'bc-client-secret-SEEDED-2', 'bc-aad-secret-SEEDED-3'];

let db: DataSource;
let schema: string;

beforeAll(async () => {
  schema = uniqueName('connections').replace(/-/g, '_');
  db = await openDatabase({ url: stackEnv.DATABASE_URL, schema, migrations: CONNECTIONS_MIGRATIONS });
});
afterAll(async () => {
  await db.query(`drop schema "${schema}" cascade`);
  await db.destroy();
});

const newConnection = (id: string) => ({
  id,
  name: 'Acme Store',
  bigcommerce: { storeHash: 'abc123', storeId: '1001234' },
  businessCentral: { tenantId: 't-1', environment: 'production', companyId: 'c-1', clientId: 'app-1' },
  source: 'cli' as const,
});
const credentials = {
  bigcommerceAccessToken: SECRETS[0]!,
  bigcommerceClientSecret: SECRETS[1]!,
  bcClientSecret: SECRETS[2]!,
  webhookKey: Buffer.alloc(32, 5).toString('base64'),
};

describe('ConnectionRegistry on PostgreSQL', () => {
  it('stores credentials sealed: the raw table never contains a secret, reads give them back', async () => {
    const registry = new ConnectionRegistry(db, new SecretBox(keyA));
    const id = uniqueName('acme');
    await registry.add(newConnection(id), credentials);
    const dump = JSON.stringify(await db.query(`select * from connections`)) + JSON.stringify(await db.query(`select * from settings_history`));
    for (const secret of SECRETS) expect(dump).not.toContain(secret);
    expect(await registry.credentials(id)).toEqual(credentials);
    expect((await registry.get(id))?.settingsVersion).toBe(1);
    await expect(registry.add(newConnection(id), credentials)).rejects.toThrow(`connection ${id} already exists`);
  });

  it('gives a clear error with the wrong MASTER_KEY', async () => {
    const id = uniqueName('acme');
    await new ConnectionRegistry(db, new SecretBox(keyA)).add(newConnection(id), credentials);
    await expect(new ConnectionRegistry(db, new SecretBox(keyB)).credentials(id)).rejects.toThrow(/wrong MASTER_KEY\?/);
  });

  it('versions settings changes and keeps the history', async () => {
    const registry = new ConnectionRegistry(db, new SecretBox(keyA));
    const id = uniqueName('acme');
    await registry.add(newConnection(id), credentials);
    const updated = await registry.updateSettings(id, { orders: { documentType: 'salesOrder' } });
    expect(updated.settingsVersion).toBe(2);
    expect(updated.settings.orders.documentType).toBe('salesOrder');
    expect((await registry.settingsAt(id, 1))?.orders.documentType).toBe('salesInvoice');
    await expect(registry.updateSettings(id, { orders: { documentType: 'quote' } })).rejects.toThrow(/documentType/);
    expect((await registry.get(id))?.settingsVersion).toBe(2);
  });

  it('rotates every credential to a new key', async () => {
    const id = uniqueName('acme');
    await new ConnectionRegistry(db, new SecretBox(keyA)).add(newConnection(id), credentials);
    const result = await new ConnectionRegistry(db, new SecretBox(keyA)).rotateKeys(new SecretBox(keyB, [keyA]));
    expect(result.keyId).toBe(keyB.id);
    expect(await new ConnectionRegistry(db, new SecretBox(keyB)).credentials(id)).toEqual(credentials);
    const rows: Array<{ key_id: string }> = await db.query(`select key_id from connections`);
    expect(rows.every((r) => r.key_id === keyB.id)).toBe(true);
  });

  it('ensures the env connection idempotently, with a webhook key every service derives alike', async () => {
    await db.query(`delete from connections`);
    const id = uniqueName('sandbox');
    const spec = {
      id,
      storeHash: 'sandbox',
      storeId: '1',
      accessToken: 'sandbox-token',
      clientSecret: 'sandbox-client-secret',
      tenantId: '00000000-0000-0000-0000-000000000001',
      environment: 'sandbox',
      companyId: 'c',
      bcClientId: 'sandbox-client',
      bcClientSecret: 'sandbox-bc-secret',
    };
    const registries = [1, 2, 3].map(() => new ConnectionRegistry(db, new SecretBox(keyB)));
    const results = await Promise.all(registries.map((r) => ensureEnvConnection(r, spec, keyB)));
    expect(new Set(results.map((c) => c.id))).toEqual(new Set([id]));
    const keys = await Promise.all(registries.map((r) => r.credentials(id).then((c) => c.webhookKey)));
    expect(new Set(keys).size).toBe(1);
  });
});
