import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { BusinessCentral, createBusinessCentral } from '@mlc/business-central';
import { bigcommerceOrderSignalV1, businesscentralCustomerChangedV1, syncOrderStateV1 } from '@mlc/contracts';
import { EventProducer, SchemaSerde } from '@mlc/platform-kafka';
import { DataSource, openDatabase } from '@mlc/platform-persistence';
import { Cleanup, createScratchDatabase, eventually, positionAtEnd, SandboxProcess, ScratchDatabase, stackEnv, startSandboxProcess, testKafka, uniqueName } from '@mlc/testing';
import { CliRun, runCli } from '../testing/run-cli';
import { groupLag, ServiceProcess, startService } from '../testing/service-process';

/**
 * The operator commands around the order flow, on the real stack: bc-writer runs as its own process against a sandbox
 * and a scratch database, and every step is taken with the compiled CLI as an operator would.
 */
const TENANT = '00000000-0000-0000-0000-000000000001';
const SEEDED = { BIGCOMMERCE_ACCESS_TOKEN: 'sandbox-token', BIGCOMMERCE_CLIENT_SECRET: 'sandbox-client-secret', BC_CLIENT_SECRET: 'sandbox-bc-secret' };
const ACCOUNTS = { shipping: '40400', handling: '40410', wrapping: '40420', giftCertificateLiability: '22100', refunds: '40900', storeTax: '22500' };
const PREFIX = 'OPS-';

const kafka = testKafka();
const producer = new EventProducer(kafka, new SchemaSerde(stackEnv.SCHEMA_REGISTRY_URL));
const cleanup = new Cleanup();
const outputs: string[] = [];
let sandbox: SandboxProcess;
let scratch: ScratchDatabase;
let ledgerDb: DataSource;
let bc: BusinessCentral;
let env: Record<string, string>;
let writerEnv: NodeJS.ProcessEnv;
let writer: ServiceProcess | undefined;
const writerLogs: string[] = [];
const connection = uniqueName('ops');
/**
 * The connection's day starts when the test creates it: the shared broker's order-signal topic also holds every other
 * run's records of the calendar day (over a million after a benchmark), which bc-writer would skip one by one.
 */
const dayStart = new Date(Date.now() - 1000).toISOString();
const orderGroup = uniqueName('ops-orders');

/** Runs the CLI with the test's environment and keeps its output for the secrets scan. */
function cli(args: string[], extra: Record<string, string> = {}): CliRun {
  const run = runCli(args, { ...env, ...extra });
  outputs.push(run.stdout, run.stderr);
  return run;
}

async function startWriter(): Promise<void> {
  writer = await startService('bc-writer', writerEnv);
  await writer.ready();
}

async function stopWriter(): Promise<void> {
  if (!writer) return;
  await writer.stop();
  writerLogs.push(writer.logs());
  writer = undefined;
}

async function ledger(orderId: number): Promise<{ state: string; bc_document_number: string | null; last_error: string | null } | undefined> {
  const rows = await ledgerDb.query(`select state, bc_document_number, last_error from order_ledger where connection_id = $1 and order_id = $2`, [connection, orderId]);
  return rows[0];
}

async function waitFor(orderId: number, state: string, timeoutMs = 90_000) {
  let last: unknown;
  return eventually(`order ${orderId} to reach ${state}`, async () => {
    const row = await ledger(orderId);
    last = row;
    return row?.state === state ? row : undefined;
  }, timeoutMs).catch((err: Error) => {
    throw new Error(`${err.message}; last ${JSON.stringify(last)}`);
  });
}

async function placeOrder(email: string, sku: string): Promise<number> {
  return (await sandbox.control.placeOrder({ customerEmail: email, lines: [{ sku, quantity: 2 }], shippingCost: '7.50' })).id;
}

async function signal(orderId: number): Promise<void> {
  await producer.publish(bigcommerceOrderSignalV1, {
    connectionId: connection,
    orderId,
    kind: 'order',
    source: 'webhook',
    scope: 'store/order/created',
    occurredAt: new Date().toISOString(),
  });
}

async function invoices(orderId: number) {
  return bc.salesInvoices.findByExternalDocumentNumber(`${PREFIX}${orderId}`);
}

const createsOfInvoices = async () =>
  (await sandbox.control.requests('business-central')).requests.filter((r) => r.method === 'POST' && /\/salesInvoices$/.test(r.path)).length;

beforeAll(async () => {
  sandbox = await startSandboxProcess();
  cleanup.add(() => sandbox.stop());
  await sandbox.control.seed({ products: 20, customers: 4, seed: 11 });
  scratch = await createScratchDatabase(stackEnv.DATABASE_URL, 'cli_ops');
  cleanup.add(() => scratch.drop());
  cleanup.add(() => producer.disconnect());
  const masterKey = randomBytes(32).toString('base64');
  env = {
    DATABASE_URL: scratch.url,
    MASTER_KEY: masterKey,
    KAFKA_BROKERS: stackEnv.KAFKA_BROKERS,
    SCHEMA_REGISTRY_URL: stackEnv.SCHEMA_REGISTRY_URL,
    BIGCOMMERCE_API_URL: sandbox.bigcommerceUrl,
    BC_API_URL: sandbox.businessCentralUrl,
    ENTRA_AUTHORITY_URL: sandbox.businessCentralUrl,
    PUBLIC_BASE_URL: 'https://connector.example.com',
  };
  bc = createBusinessCentral({
    connectionId: 'cli-test',
    tenantId: TENANT,
    environment: 'sandbox',
    clientId: 'sandbox-client',
    clientSecret: SEEDED.BC_CLIENT_SECRET,
    apiUrl: sandbox.businessCentralUrl,
    authorityUrl: sandbox.businessCentralUrl,
  });
  const [company] = await bc.companies.list();
  if (!company) throw new Error('the sandbox has no company');
  await bc.close();
  bc = createBusinessCentral({
    connectionId: 'cli-test',
    tenantId: TENANT,
    environment: 'sandbox',
    companyId: company.id,
    clientId: 'sandbox-client',
    clientSecret: SEEDED.BC_CLIENT_SECRET,
    apiUrl: sandbox.businessCentralUrl,
    authorityUrl: sandbox.businessCentralUrl,
  });
  cleanup.add(() => bc.close());

  const added = cli(['connections', 'add', '--id', connection, '--store-hash', 'sandbox', '--tenant', TENANT, '--environment', 'sandbox', '--client-id', 'sandbox-client'], SEEDED);
  expect(added.stderr).toBe('');
  expect(added.status).toBe(0);
  expect(cli(['migrate']).status).toBe(0);
  ledgerDb = await openDatabase({ url: scratch.url, schema: 'bc_writer', migrations: [] });
  cleanup.add(() => ledgerDb.destroy());

  await Promise.all([
    positionAtEnd(kafka, orderGroup, bigcommerceOrderSignalV1.name),
    positionAtEnd(kafka, `${orderGroup}.customers`, businesscentralCustomerChangedV1.name),
  ]);
  writerEnv = {
    ...process.env,
    ...sandbox.env,
    ...env,
    BC_WRITER_ORDER_GROUP: orderGroup,
    BC_WRITER_CUSTOMER_GROUP: `${orderGroup}.customers`,
    BC_WRITER_CONNECTIONS: connection,
    BC_WRITER_RESUME_INTERVAL_MS: '300',
    LOG_LEVEL: 'debug',
  };
  delete writerEnv.CONNECTION_ID;
}, 300_000);

afterAll(async () => {
  await stopWriter();
  await cleanup.run();
});

describe('ml-connector mappings settings (checked against BC)', () => {
  it('refuses G/L accounts, currencies, tax areas and tax groups BC does not have, naming each, and saves nothing', async () => {
    const before = JSON.parse(cli(['connections', 'show', connection, '--json']).stdout).settingsVersion as number;
    const bad = cli([
      'mappings', 'settings', 'set', connection,
      'accounts.shipping=49999', 'accounts.handling=40000', 'customer.defaults.currencyCode=XYZ',
      'customer.defaults.taxAreaId=00000000-0000-0000-0000-00000000beef', 'taxGroups.items=NOPE',
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('settings not saved, BC would refuse them');
    for (const problem of [
      'orders.accounts.shipping: BC has no G/L account 49999',
      'orders.accounts.handling: G/L account 40000 is a Heading account, not a posting account',
      'orders.customer.defaults.currencyCode: BC has no currency XYZ',
      'orders.customer.defaults.taxAreaId: BC has no tax area with id 00000000-0000-0000-0000-00000000beef',
      'orders.taxGroups.items: BC has no tax group NOPE',
    ]) {
      expect(bad.stderr).toContain(problem);
    }
    expect(JSON.parse(cli(['connections', 'show', connection, '--json']).stdout).settingsVersion).toBe(before);

    const taxArea = await bc.taxAreas.byCode('TX-AUSTIN');
    if (!taxArea) throw new Error('the sandbox has no TX-AUSTIN tax area');
    const good = cli(['mappings', 'settings', 'set', connection, '--json', JSON.stringify({
      externalDocumentPrefix: PREFIX, accounts: ACCOUNTS, customer: { defaults: { taxAreaId: taxArea.id } }, taxGroups: { items: 'TAXABLE' },
    })]);
    expect(good.stderr).toBe('');
    expect(good.stdout).toContain(`settings of ${connection} are now version ${before + 1}`);
    const unchecked = cli(['mappings', 'settings', 'set', connection, 'accounts.wrapping=49997', '--no-verify']);
    expect(unchecked.status).toBe(0);
    expect(cli(['mappings', 'settings', 'show', connection]).stdout).toContain('"wrapping": "49997"');
    expect(cli(['mappings', 'settings', 'set', connection, `accounts.wrapping=${ACCOUNTS.wrapping}`]).status).toBe(0);
  }, 300_000);
});

describe('ml-connector replay, dlq, resync and trace with bc-writer', () => {
  const synced: number[] = [];

  it("replays the connection's whole day of order signals without creating any document twice", async () => {
    await startWriter();
    for (const [i, sku] of ['SKU-00001', 'SKU-00002', 'SKU-00003'].entries()) synced.push(await placeOrder(`day.buyer${i}@example.com`, sku));
    for (const id of synced) await signal(id);
    for (const id of synced) await waitFor(id, 'POSTED');
    const creates = await createsOfInvoices();
    const attemptsBefore = await ledgerDb.query(`select count(*)::int as n from sync_attempts where connection_id = $1`, [connection]);

    const refused = cli(['replay', '--group', orderGroup, '--topic', bigcommerceOrderSignalV1.name, '--from', dayStart]);
    expect(refused.status).toBe(4);
    await stopWriter();
    await eventually('the order group to be empty', async () => {
      const admin = kafka.admin();
      await admin.connect();
      const [g] = (await admin.describeGroups([orderGroup])).groups;
      await admin.disconnect();
      return g?.members.length === 0 ? true : undefined;
    });
    const dry = cli(['replay', '--group', orderGroup, '--topic', bigcommerceOrderSignalV1.name, '--from', dayStart, '--dry-run', '--json']);
    expect(dry.status).toBe(0);
    expect(JSON.parse(dry.stdout).events).toBeGreaterThanOrEqual(3);
    const reset = cli(['replay', '--group', orderGroup, '--topic', bigcommerceOrderSignalV1.name, '--from', dayStart]);
    expect(reset.status).toBe(0);

    await startWriter();
    await eventually('bc-writer to consume the replayed day', async () => ((await groupLag(kafka, orderGroup, bigcommerceOrderSignalV1.name)) === 0 ? true : undefined), 240_000);
    const attemptsAfter = await ledgerDb.query(`select count(*)::int as n from sync_attempts where connection_id = $1`, [connection]);
    expect(attemptsAfter[0].n).toBeGreaterThanOrEqual(attemptsBefore[0].n + synced.length);
    for (const id of synced) {
      expect(await invoices(id)).toHaveLength(1);
      expect((await ledger(id))?.state).toBe('POSTED');
    }
    expect(await createsOfInvoices()).toBe(creates);
  }, 400_000);

  it('replays a dead-lettered order once its cause is fixed: one posted invoice', async () => {
    await sandbox.control.fault({ system: 'business-central', method: 'POST', path: 'salesInvoices$', status: 400 });
    const id = await placeOrder('dlq.buyer@example.com', 'SKU-00004');
    await signal(id);
    const failed = await waitFor(id, 'FAILED');
    expect(failed.last_error).toBeTruthy();
    const listed = await eventually('the dead letter', () => {
      const run = cli(['dlq', 'list', '--topic', bigcommerceOrderSignalV1.name, '--connection', connection, '--json']);
      const rows = run.status === 0 ? (JSON.parse(run.stdout) as Array<{ key: string; replayed: boolean; code: string }>) : [];
      const row = rows.find((r) => r.key === `${connection}:${id}`);
      return row;
    });
    expect(listed.replayed).toBe(false);

    await sandbox.control.clearFaults();
    const replayed = cli(['dlq', 'replay', '--topic', bigcommerceOrderSignalV1.name, '--connection', connection, '--json']);
    expect(replayed.status).toBe(0);
    expect(JSON.parse(replayed.stdout).letters.map((l: { key: string }) => l.key)).toEqual([`${connection}:${id}`]);
    await waitFor(id, 'POSTED');
    expect(await invoices(id)).toHaveLength(1);
    const again = cli(['dlq', 'replay', '--topic', bigcommerceOrderSignalV1.name, '--connection', connection, '--json']);
    expect(JSON.parse(again.stdout).replayed).toBe(0);
    synced.push(id);
  }, 200_000);

  it('traces an order that failed and was resynced: events, attempts, snapshots, states, document and settings version', async () => {
    await sandbox.control.fault({ system: 'business-central', method: 'POST', path: 'salesInvoices$', status: 400 });
    const id = await placeOrder('trace.buyer@example.com', 'SKU-00005');
    await signal(id);
    const failed = await waitFor(id, 'FAILED');
    await sandbox.control.clearFaults();
    const resync = cli(['resync', 'order', connection, String(id), '--json']);
    expect(resync.status).toBe(0);
    expect(JSON.parse(resync.stdout)).toMatchObject({ connectionId: connection, orderId: id, partition: expect.any(Number) });
    const posted = await waitFor(id, 'POSTED');
    synced.push(id);

    const run = await eventually('the POSTED state event in the trace', () => {
      const r = cli(['trace', 'order', connection, String(id), '--json']);
      const t = r.status === 0 ? JSON.parse(r.stdout) : undefined;
      return t?.events.some((e: { topic: string; value: { state?: string } | null }) => e.topic === syncOrderStateV1.name && e.value?.state === 'POSTED') ? t : undefined;
    }, 120_000);
    expect(run.order).toMatchObject({ state: 'POSTED', documentNumber: posted.bc_document_number, posted: true, documentType: 'salesInvoice' });
    const version = JSON.parse(cli(['connections', 'show', connection, '--json']).stdout).settingsVersion;
    expect(run.settings).toMatchObject({ version, current: version, orders: expect.objectContaining({ externalDocumentPrefix: PREFIX }) });
    const signals = run.events.filter((e: { topic: string }) => e.topic === bigcommerceOrderSignalV1.name);
    expect(signals.map((e: { value: { source: string } }) => e.value.source)).toEqual(['webhook', 'resync']);
    for (const e of run.events) expect(e).toMatchObject({ partition: expect.any(Number), offset: expect.stringMatching(/^\d+$/), time: expect.any(String) });
    const dead = run.events.filter((e: { topic: string }) => e.topic === `${bigcommerceOrderSignalV1.name}.dlq`);
    expect(dead).toHaveLength(1);
    expect(dead[0].deadLetter.reason).toContain('injected 400');
    expect(failed.last_error).toContain(dead[0].deadLetter.reason);
    const states = run.events.filter((e: { topic: string }) => e.topic === syncOrderStateV1.name).map((e: { value: { state: string } }) => e.value.state);
    expect(states).toEqual(expect.arrayContaining(['FAILED', 'POSTED']));
    expect(states.indexOf('FAILED')).toBeLessThan(states.lastIndexOf('POSTED'));
    const attempts = run.attempts as Array<{ source: string; outcome: string; error: string | null; offset: string; bcRequests: Record<string, number> }>;
    expect(attempts.map((a) => [a.source, a.outcome]).sort()).toEqual([['resync', 'ok'], ['webhook', 'failed']]);
    const failedAttempt = attempts.find((a) => a.outcome === 'failed');
    expect(failedAttempt?.error).toContain('injected 400');
    expect(failedAttempt?.offset).toBe(signals[0].offset);
    expect(Object.keys(attempts.find((a) => a.outcome === 'ok')?.bcRequests ?? {})).toEqual(expect.arrayContaining([expect.stringMatching(/salesInvoices.*create/)]));
    expect(run.snapshots.length).toBeGreaterThanOrEqual(1);
    expect(run.stateEvents.map((e: { state: string }) => e.state)).toEqual(states);

    const human = cli(['trace', 'order', connection, String(id)]);
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`^order ${id} on ${connection}: POSTED`));
    expect(human.stdout).toContain(`document     salesInvoice ${posted.bc_document_number} (posted)`);
    expect(human.stdout).toContain(`settings     version ${version} decided it (current;`);
    expect(human.stdout).toContain('dead letter');
    const unknown = cli(['trace', 'order', connection, '999999999', '--since', '10m']);
    expect(unknown.status).toBe(3);
    expect(unknown.stderr).toContain('nothing is known about order 999999999');
    expect(cli(['trace', 'order', connection, 'abc']).status).toBe(2);
  }, 400_000);

  it('reconciles the day: every order matches, then a deliberately broken total is listed with exit code 5', async () => {
    const day = new Date().toISOString().slice(0, 10);
    const clean = cli(['reconcile', '--connection', connection, '--from', day, '--to', day, '--json']);
    expect(clean.stderr).toBe('');
    expect(clean.status).toBe(0);
    const report = JSON.parse(clean.stdout);
    expect(report.breaks).toEqual([]);
    expect(report.days).toHaveLength(1);
    expect(report.days[0].orders).toBe(synced.length);
    expect(report.days[0].store).toEqual(report.days[0].bc);

    // New customers tax exempt and mismatches accepted: BC posts the order without the sales tax the store charged.
    const exempt = await bc.taxAreas.byCode('EXEMPT');
    if (!exempt) throw new Error('the sandbox has no EXEMPT tax area');
    expect(cli(['mappings', 'settings', 'set', connection, `customer.defaults.taxAreaId=${exempt.id}`, 'onTotalMismatch=accept']).status).toBe(0);
    const broken = await placeOrder('untaxed.buyer@example.com', 'SKU-00006');
    await signal(broken);
    const row = await waitFor(broken, 'POSTED');

    const run = cli(['reconcile', '--connection', connection, '--from', day, '--to', day, '--json']);
    expect(run.status).toBe(5);
    const found = JSON.parse(run.stdout);
    expect(found.breaks).toHaveLength(1);
    expect(found.breaks[0]).toMatchObject({ orderId: broken, day, documentNumber: row.bc_document_number });
    expect(found.breaks[0].problems.map((p: string) => p.split(':')[0]).sort()).toEqual(['tax', 'total']);
    expect(found.days[0]).toMatchObject({ orders: synced.length + 1, breaks: 1 });
    const human = cli(['reconcile', '--connection', connection, '--from', day, '--to', day]);
    expect(human.status).toBe(5);
    expect(human.stdout).toContain(`1 order(s) break:\n  order ${broken} (${day}, ${row.bc_document_number}): total: store`);
    expect(cli(['reconcile', '--connection', connection, '--from', day, '--to', '2020-01-01']).status).toBe(2);
    expect(cli(['reconcile', '--connection', 'no-such-connection', '--from', day, '--to', day]).status).toBe(3);
  }, 200_000);
});

describe('ml-connector security', () => {
  it('no seeded secret in the database dump, the CLI output or the service logs', async () => {
    await stopWriter();
    const dump = execFileSync('pg_dump', [scratch.url], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(dump).toContain('order_ledger');
    expect(dump).toContain(connection);
    const logs = writerLogs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    const printed = outputs.join('\n');
    for (const secret of Object.values(SEEDED)) {
      expect({ secret, inDump: dump.includes(secret) }).toEqual({ secret, inDump: false });
      expect({ secret, inLogs: logs.includes(secret) }).toEqual({ secret, inLogs: false });
      expect({ secret, inOutput: printed.includes(secret) }).toEqual({ secret, inOutput: false });
    }
  });
});

describe('ml-connector usage', () => {
  const COMMANDS = [
    ['connections', 'add'], ['connections', 'list'], ['connections', 'show'], ['connections', 'remove'], ['connections', 'ping'],
    ['keys', 'rotate'], ['mappings', 'sku', 'set'], ['mappings', 'sku', 'import'], ['mappings', 'sku', 'list'],
    ['mappings', 'settings', 'show'], ['mappings', 'settings', 'set'], ['resync', 'order'], ['replay'], ['dlq', 'list'], ['dlq', 'replay'],
    ['trace', 'order'], ['reconcile'], ['backfill', 'catalog'], ['migrate'],
  ];

  it('every command has --help and --json', () => {
    for (const command of COMMANDS) {
      const help = runCli([...command, '--help']);
      expect({ command, status: help.status }).toEqual({ command, status: 0 });
      expect(help.stdout).toContain(`Usage: ml-connector ${command.join(' ')}`);
      expect({ command, json: help.stdout.includes('--json') }).toEqual({ command, json: true });
    }
    // One CLI process per command: seconds each on a loaded two-core host.
  }, 300_000);

  it('an unknown command or option is a usage error', () => {
    expect(runCli(['no-such-command']).status).not.toBe(0);
    expect(runCli(['reconcile', '--connection', 'x']).status).not.toBe(0);
  });
});
