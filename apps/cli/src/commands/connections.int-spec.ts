import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ConnectionRegistry, CONNECTIONS_MIGRATIONS, CONNECTIONS_SCHEMA } from '@mlc/connections';
import { masterKeyFromBase64, SecretBox } from '@mlc/platform-crypto';
import { DataSource, openDatabase } from '@mlc/platform-persistence';
import { createScratchDatabase, ScratchDatabase, SandboxProcess, stackEnv, startSandboxProcess, uniqueName } from '@mlc/testing';
import { runCli } from '../testing/run-cli';

const TENANT = '00000000-0000-0000-0000-000000000001';
const SEEDED = { BIGCOMMERCE_ACCESS_TOKEN: 'sandbox-token', BIGCOMMERCE_CLIENT_SECRET: 'sandbox-client-secret', BC_CLIENT_SECRET: 'sandbox-bc-secret' };
const masterKey = randomBytes(32).toString('base64');

let sandbox: SandboxProcess;
let db: DataSource;
let env: Record<string, string>;
let scratch: ScratchDatabase;

beforeAll(async () => {
  sandbox = await startSandboxProcess();
  scratch = await createScratchDatabase(stackEnv.DATABASE_URL, 'cli');
  db = await openDatabase({ url: scratch.url, schema: CONNECTIONS_SCHEMA, migrations: CONNECTIONS_MIGRATIONS });
  env = {
    DATABASE_URL: scratch.url,
    MASTER_KEY: masterKey,
    BIGCOMMERCE_API_URL: sandbox.bigcommerceUrl,
    BC_API_URL: sandbox.businessCentralUrl,
    ENTRA_AUTHORITY_URL: sandbox.businessCentralUrl,
    PUBLIC_BASE_URL: 'https://connector.example.com',
  };
});
afterAll(async () => {
  await sandbox.stop();
  await db.destroy();
  await scratch.drop();
});

const addArgs = (id: string) => ['connections', 'add', '--id', id, '--store-hash', 'sandbox', '--tenant', TENANT, '--environment', 'sandbox', '--client-id', 'sandbox-client'];

describe('ml-connector connections', () => {
  it('adds after checking both systems, lists, shows, pings; secrets never printed nor stored in clear', () => {
    const id = uniqueName('cli');
    const added = runCli([...addArgs(id), '--json'], { ...env, ...SEEDED });
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ id, storeHash: 'sandbox', storeId: expect.stringMatching(/^\d+$/), documentType: 'salesInvoice' });

    const list = runCli(['connections', 'list'], env);
    expect(list.stdout).toMatch(new RegExp(`^${id}\\s+${id}\\s+sandbox`, 'm'));
    const shown = runCli(['connections', 'show', id, '--json'], env);
    expect(JSON.parse(shown.stdout).settings.orders.documentType).toBe('salesInvoice');
    const ping = runCli(['connections', 'ping', id], env);
    expect(ping.status).toBe(0);
    expect(ping.stdout).toContain('ok    business-central: company "CRONUS USA, Inc." reachable');

    const everything = [added, list, shown, ping].map((r) => r.stdout + r.stderr).join('\n');
    const dump = execFileSync('pg_dump', ['--data-only', '--schema', CONNECTIONS_SCHEMA, scratch.url], { encoding: 'utf8' });
    for (const secret of Object.values(SEEDED)) {
      expect(everything).not.toContain(secret);
      expect(dump).not.toContain(secret);
    }
  });

  it('refuses to add without secrets in env or file, naming what is missing', () => {
    const run = runCli(addArgs(uniqueName('cli')), env);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('ml-connector: set BIGCOMMERCE_ACCESS_TOKEN, BIGCOMMERCE_CLIENT_SECRET, BC_CLIENT_SECRET in the environment, or pass --secrets-file\n');
  });

  it('ping reports each kind of bad credential distinctly', async () => {
    const registry = new ConnectionRegistry(db, new SecretBox(masterKeyFromBase64(masterKey)));
    const cases = {
      'bad-bc-secret': { bc: { clientSecret: 'wrong' }, expect: /business-central: credentials rejected: .*AADSTS7000215: invalid client secret/ },
      'unknown-tenant': { bc: { tenantId: '00000000-0000-0000-0000-00000000dead' }, expect: /business-central: configuration problem: .*AADSTS90002: tenant not found/ },
      'unknown-client': { bc: { clientId: 'no-such-app' }, expect: /business-central: configuration problem: .*AADSTS700016: application \(client id\) not found/ },
      'wrong-environment': { bc: { environment: 'production' }, expect: /business-central: configuration problem: .*environment/ },
      'wrong-company': { bc: { companyId: '11111111-2222-3333-4444-555555555555' }, expect: /business-central: .*company/i },
      'bad-store-token': { bigcommerce: { accessToken: 'wrong' }, expect: /bigcommerce: credentials rejected: .*rejected the access token/ },
    } as const;
    for (const [name, c] of Object.entries(cases)) {
      const id = uniqueName(name);
      const bc = { tenantId: TENANT, environment: 'sandbox', companyId: '', clientId: 'sandbox-client', clientSecret: SEEDED.BC_CLIENT_SECRET, ...('bc' in c ? c.bc : {}) };
      await registry.add(
        {
          id,
          name,
          bigcommerce: { storeHash: 'sandbox', storeId: '1' },
          businessCentral: { tenantId: bc.tenantId, environment: bc.environment, companyId: bc.companyId || (await sandboxCompanyId()), clientId: bc.clientId },
          source: 'cli',
        },
        {
          bigcommerceAccessToken: 'bigcommerce' in c ? c.bigcommerce.accessToken : SEEDED.BIGCOMMERCE_ACCESS_TOKEN,
          bigcommerceClientSecret: SEEDED.BIGCOMMERCE_CLIENT_SECRET,
          bcClientSecret: bc.clientSecret,
          webhookKey: randomBytes(32).toString('base64'),
        },
      );
      const ping = runCli(['connections', 'ping', id], env);
      expect({ name, status: ping.status }).toEqual({ name, status: 1 });
      expect(ping.stdout).toMatch(c.expect);
    }
    const unreachable = runCli(['connections', 'ping', (await registry.list())[0]!.id], { ...env, BC_API_URL: 'http://127.0.0.1:9', ENTRA_AUTHORITY_URL: 'http://127.0.0.1:9' });
    expect(unreachable.stdout).toMatch(/FAIL {2}business-central: unreachable/);
    const plainHttp = runCli(['connections', 'ping', (await registry.list())[0]!.id], { ...env, PUBLIC_BASE_URL: 'http://connector.example.com' });
    expect(plainHttp.stdout).toContain('FAIL  public-url: PUBLIC_BASE_URL http://connector.example.com must be HTTPS');
    // Every case is a CLI process of its own: seconds each on a loaded two-core host.
  }, 300_000);

  it('ping tells an app not registered in BC, a missing permission or scope and rate limiting apart, on either system', async () => {
    const id = uniqueName('faults');
    expect(runCli(addArgs(id), { ...env, ...SEEDED }).status).toBe(0);
    const cases = [
      { fault: { system: 'business-central', path: '/companies$', status: 401 }, expect: /^business-central: credentials rejected: .*the Entra app must be registered and enabled in BC/ },
      { fault: { system: 'business-central', path: '/companies$', status: 403 }, expect: /^business-central: missing API permission or scope: .*permission sets in Business Central/ },
      { fault: { system: 'business-central', path: '/companies$', status: 429 }, expect: /^business-central: rate limited \(try again shortly\)/ },
      { fault: { system: 'bigcommerce', path: '/v2/store$', status: 403 }, expect: /^bigcommerce: missing API permission or scope/ },
      { fault: { system: 'bigcommerce', path: '/v2/store$', status: 429 }, expect: /^bigcommerce: rate limited \(try again shortly\)/ },
    ];
    const lines: string[] = [];
    for (const c of cases) {
      await sandbox.control.fault(c.fault);
      try {
        const ping = runCli(['connections', 'ping', id, '--json'], env);
        expect({ fault: c.fault, status: ping.status }).toEqual({ fault: c.fault, status: 1 });
        const failed = (JSON.parse(ping.stdout) as Array<{ check: string; ok: boolean; detail: string }>).filter((r) => !r.ok);
        expect(failed).toHaveLength(1);
        const line = `${failed[0]?.check}: ${failed[0]?.detail}`;
        expect(line).toMatch(c.expect);
        lines.push(line);
      } finally {
        await sandbox.control.clearFaults();
      }
    }
    expect(new Set(lines).size).toBe(cases.length);
    expect(runCli(['connections', 'ping', id], env).status).toBe(0);
  }, 300_000);

  it('rotates the master key: the new key opens every credential, the old one gets a clear error', () => {
    const id = uniqueName('rotate');
    expect(runCli(addArgs(id), { ...env, ...SEEDED }).status).toBe(0);
    const next = randomBytes(32).toString('base64');
    const rotated = runCli(['keys', 'rotate'], { ...env, NEW_MASTER_KEY: next });
    expect(rotated.status).toBe(0);
    expect(rotated.stdout).toMatch(/^re-encrypted \d+ connection\(s\) from key \w{8} to key \w{8}/);
    expect(runCli(['connections', 'ping', id], { ...env, MASTER_KEY: next }).status).toBe(0);
    const old = runCli(['connections', 'ping', id], env);
    expect(old.status).toBe(1);
    expect(old.stderr).toMatch(/wrong MASTER_KEY\?/);
    env.MASTER_KEY = next;
  });
});

describe('ml-connector mappings settings set key:=null', () => {
  const settingsOf = (id: string, version?: number) =>
    JSON.parse(runCli(['mappings', 'settings', 'show', id, ...(version ? ['--version', String(version)] : [])], env).stdout) as {
      settingsVersion: number;
      settings: { orders: { timeZone: string; accounts: Record<string, string> } };
    };

  it('unsets a setting (its default applies again), checked like set, and refuses a key that is not set', () => {
    const id = uniqueName('unset');
    expect(runCli(addArgs(id), { ...env, ...SEEDED }).status).toBe(0);
    const set = runCli(['mappings', 'settings', 'set', id, 'accounts.wrapping=40420', 'accounts.shipping=40400', 'timeZone=Europe/Berlin'], env);
    expect(set.stderr).toBe('');
    const before = settingsOf(id);
    expect(before.settings.orders).toMatchObject({ timeZone: 'Europe/Berlin', accounts: { wrapping: '40420', shipping: '40400' } });

    const unset = runCli(['mappings', 'settings', 'set', id, 'accounts.wrapping:=null', 'timeZone:=null'], env);
    expect(unset.stderr).toBe('');
    expect(unset.stdout).toContain(`settings of ${id} are now version ${before.settingsVersion + 1}`);
    const after = settingsOf(id);
    expect(after.settings.orders.timeZone).toBe('UTC');
    expect(after.settings.orders.accounts).toEqual({ shipping: '40400' });
    expect(settingsOf(id, before.settingsVersion).settings.orders.accounts.wrapping).toBe('40420');

    // Not set (any more), or no such setting: refused, nothing saved.
    const again = runCli(['mappings', 'settings', 'set', id, 'accounts.wrapping:=null', 'colour:=null'], env);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('nothing to unset, not set: orders.accounts.wrapping, orders.colour');
    // Unsetting is checked in BC like setting: the result still names a G/L account BC does not have.
    expect(runCli(['mappings', 'settings', 'set', id, 'accounts.shipping=49999', '--no-verify'], env).status).toBe(0);
    const checked = runCli(['mappings', 'settings', 'set', id, 'timeZone:=null'], env);
    expect(checked.status).toBe(2);
    expect(checked.stderr).toContain('orders.accounts.shipping: BC has no G/L account 49999');
    // The --json form is a merge patch too.
    expect(runCli(['mappings', 'settings', 'set', id, '--json', '{"accounts":{"shipping":null}}'], env).status).toBe(0);
    expect(settingsOf(id).settings.orders.accounts).toEqual({});
    expect(settingsOf(id).settingsVersion).toBe(before.settingsVersion + 3);
  });
});

async function sandboxCompanyId(): Promise<string> {
  const res = await fetch(`${sandbox.businessCentralUrl}/${TENANT}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'sandbox-client', client_secret: SEEDED.BC_CLIENT_SECRET, scope: 'https://api.businesscentral.dynamics.com/.default' }),
  });
  const { access_token } = (await res.json()) as { access_token: string };
  const companies = await fetch(`${sandbox.businessCentralUrl}/v2.0/${TENANT}/sandbox/api/v2.0/companies`, { headers: { authorization: `Bearer ${access_token}` } });
  return ((await companies.json()) as { value: Array<{ id: string }> }).value[0]!.id;
}
