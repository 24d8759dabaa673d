import { bigcommerceOrderSignalV1 } from '@mlc/contracts';
import { DataSource, openDatabase } from '@mlc/platform-persistence';
import { eventually, SandboxProcess, stackEnv, startSandboxProcess, uniqueName } from '@mlc/testing';
import { WATCHER_MIGRATIONS, WATCHER_SCHEMA } from '../persistence/watcher.migrations';
import { LoopbackReceiver } from '../testing/loopback-receiver';
import { TopicRecorder } from '../testing/topic-recorder';
import { spawnWatcher, watcherEnv, WatcherProcess } from '../testing/watcher-harness';

const SIGNAL = bigcommerceOrderSignalV1.name;
const LEADER = 'ml_connector_scheduler_leader';
/** docs/metrics.md, exposed by bc-watcher. */
const WATCHER_METRICS = [
  'ml_connector_subscription_expiry_seconds',
  'ml_connector_subscription_recreated_total',
  'ml_connector_hooks_active',
  'ml_connector_hook_reactivated_total',
  'ml_connector_poll_watermark_age_seconds',
  LEADER,
];
/** Renewed every third: a renewal must be late by two thirds of it before a busy host loses the lease. */
const LEASE_TTL_MS = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/* The compiled watcher as separate processes (run `node scripts/build.js` first), like replicas in production. */
describe('bc-watcher replicas: one leader per connection, failover and restart from the watermark', () => {
  let sandbox: SandboxProcess;
  let receiver: LoopbackReceiver;
  let recorder: TopicRecorder;
  let db: DataSource;
  let env: Record<string, string>;
  let skus: string[];
  const processes = new Map<string, WatcherProcess>();
  const connectionId = uniqueName('wlead');
  let first = 0;
  const spawn = async (instance: string) => {
    const p = await spawnWatcher({ ...env, WATCH_INSTANCE_ID: instance });
    processes.set(instance, p);
    return p;
  };
  const lease = async () =>
    ((await db.query(`select holder from leases where connection_id = $1 and expires_at > now()`, [connectionId])) as Array<{ holder: string }>)[0]
      ?.holder;
  const watermark = async () =>
    ((await db.query(`select value from watermarks where connection_id = $1 and stream = 'bigcommerce-orders'`, [connectionId])) as Array<{ value: Date }>)[0]
      ?.value;
  const order = async (sku: string) => (await sandbox.control.placeOrder({ guest: true, lines: [{ sku, quantity: 1 }] })).id;
  const signals = (orderId: number) => recorder.matching(SIGNAL, { orderId, source: 'poll', kind: 'order' });

  beforeAll(async () => {
    sandbox = await startSandboxProcess();
    skus = (await sandbox.control.seed({ products: 10, customers: 2 })).skus;
    await sandbox.control.fault({ system: 'bigcommerce-webhooks', drop: true });
    receiver = await new LoopbackReceiver().start();
    recorder = await new TopicRecorder([bigcommerceOrderSignalV1], connectionId).start();
    db = await openDatabase({ url: stackEnv.DATABASE_URL, schema: WATCHER_SCHEMA, migrations: WATCHER_MIGRATIONS, poolSize: 2 });
    env = watcherEnv(sandbox.env, connectionId, {
      PUBLIC_BASE_URL: receiver.baseUrl,
      WATCH_INTERVAL_MS: '1000',
      WATCH_LEASE_TTL_MS: String(LEASE_TTL_MS),
      WATCH_TICK_MS: '100',
      WATCH_OVERLAP_MS: '0',
    });
  });

  afterAll(async () => {
    for (const p of processes.values()) await p.stop('SIGKILL');
    await recorder?.stop();
    await db?.destroy();
    await receiver?.stop();
    await sandbox?.stop();
  });

  it('runs two processes at once and lets exactly one of them do the work', async () => {
    const [a, b] = await Promise.all([spawn('replica-a'), spawn('replica-b')]);
    const holder = await eventually('a lease holder', lease);
    const [leader, follower] = holder === 'replica-a' ? [a!, b!] : [b!, a!];
    await eventually('leader metrics', async () => ((await leader.metric(LEADER, { connection: connectionId })) === 1 ? true : undefined));
    expect(await follower.metric(LEADER, { connection: connectionId })).not.toBe(1);

    // The order stream starts at its first poll (no lookback): an order placed before that poll is history.
    await eventually('the order stream started', watermark);
    first = await order(skus[0]!);
    await eventually('the order signal', () => signals(first)[0]);
    await sleep(3000);
    expect(signals(first)).toHaveLength(1);
    expect(await lease()).toBe(holder);

    const text = await (await fetch(`${leader.url}/metrics`)).text();
    for (const name of WATCHER_METRICS) expect(text).toContain(`# TYPE ${name} `);
    expect(await leader.metric('ml_connector_hooks_active', { connection: connectionId, scope: 'store/order/created' })).toBe(1);
    // Polls run every second; the bound leaves room for a host shared with whole test suites (load above 40 seen).
    expect(await leader.metric('ml_connector_poll_watermark_age_seconds', { connection: connectionId, stream: 'bigcommerce-orders' })).toBeLessThan(30);
    expect(await leader.metric('ml_connector_subscription_expiry_seconds', { connection: connectionId, resource: 'items' })).toBeGreaterThan(2.9 * 86_400);
  });

  it('fails over to the other process when the leader dies without handing over', async () => {
    // Leases are renewed every second; on two busy cores a renewal can be late, so wait for a live one.
    const holder = await eventually('a live lease', lease);
    const leader = processes.get(holder)!;
    const follower = [...processes.values()].find((p) => p !== leader)!;
    await leader.stop('SIGKILL');
    const killedAt = Date.now();
    await eventually('the takeover', async () => ((await follower.metric(LEADER, { connection: connectionId })) === 1 ? true : undefined), 20_000).catch(
      (err: Error) => {
        throw new Error(`${err.message}\nfollower output:\n${follower.output().slice(-3000)}`);
      },
    );
    // The dead holder's lease runs out at most one TTL after its last renewal; the follower retries every third of
    // it. Bounded: one TTL, one retry period, and slack for two shared, busy cores.
    expect(Date.now() - killedAt).toBeLessThan(2 * LEASE_TTL_MS + 2500);
    expect(await lease()).not.toBe(holder);
    const second = await order(skus[1]!);
    await eventually('the order signal after failover', () => signals(second)[0]);
  });

  it('resumes from the stored watermark after a restart, without replaying older orders', async () => {
    await sleep(1500);
    const running = [...processes.values()].filter((p) => p.child.exitCode === null && p.child.signalCode === null);
    for (const p of running) await p.stop('SIGTERM');
    const before = await watermark();
    expect(before).toBeDefined();

    await sleep(1100);
    const whileDown = await order(skus[2]!);
    const restartedAt = Date.now();
    await spawn('replica-c');
    await eventually('the order placed while no watcher ran', () => signals(whileDown)[0]);
    await sleep(2000);
    // Orders modified before the watermark's second are not read again; those in it may be, by design (the
    // bound is inclusive and whole seconds, so a same-second order is never missed).
    expect(signals(first).filter((r) => r.at >= restartedAt)).toEqual([]);
    expect((await watermark())!.getTime()).toBeGreaterThan(before!.getTime());
  });
});
