import { RetryableError } from '@mlc/platform-errors';
import { createLogger } from '@mlc/platform-observability';
import { InMemoryLeaseStore, InMemoryWatchStateStore } from '../testing/in-memory-stores';
import { TEST_SCHEDULE } from '../testing/fake-resources';
import type { JobRunners } from './connection-watch';
import type { JobName } from './job-clock';
import { SchedulerOptions, WatchScheduler } from './watch-scheduler';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const LEASE_TTL = 300;

function cluster() {
  const leases = new InMemoryLeaseStore();
  const state = new InMemoryWatchStateStore();
  const runs: Array<{ holder: string; job: JobName; connectionId: string }> = [];
  const behaviour: Partial<Record<JobName, () => Promise<unknown>>> = {};
  const replica = (holder: string, extra: Partial<SchedulerOptions> = {}) => {
    const run = (job: JobName) => async (w: { connectionId: string }) => {
      runs.push({ holder, job, connectionId: w.connectionId });
      return behaviour[job]?.();
    };
    const runners = Object.fromEntries(
      (['subscriptions', 'hooks', 'poll-orders', 'poll-items', 'poll-customers', 'scan'] as const).map((j) => [
        j,
        run(j),
      ]),
    ) as unknown as JobRunners;
    return new WatchScheduler({
      holder,
      schedule: { ...TEST_SCHEDULE, leaseTtlMs: LEASE_TTL },
      leases,
      state,
      connections: async () => ['shop-1', 'shop-2'],
      runners,
      logger: createLogger('bc-watcher-test', 'silent'),
      ...extra,
    });
  };
  return { leases, state, runs, behaviour, replica };
}

describe('WatchScheduler', () => {
  it('lets exactly one of two replicas run a connection, and hands over when it stops', async () => {
    const c = cluster();
    const a = c.replica('a');
    const b = c.replica('b');
    await a.tick();
    await b.tick();
    await Promise.all([a.idle(), b.idle()]);
    expect(a.leading().sort()).toEqual(['shop-1', 'shop-2']);
    expect(b.leading()).toEqual([]);
    expect(new Set(c.runs.map((r) => r.holder))).toEqual(new Set(['a']));
    expect(c.runs.filter((r) => r.connectionId === 'shop-1').map((r) => r.job)).toEqual([
      'subscriptions',
      'hooks',
      'poll-orders',
      'poll-items',
      'poll-customers',
      'scan',
    ]);

    await a.stop();
    await sleep(LEASE_TTL / 3 + 10);
    await b.tick();
    await b.idle();
    expect(b.leading().sort()).toEqual(['shop-1', 'shop-2']);
    expect(c.runs.filter((r) => r.holder === 'b')).toHaveLength(12);
  });

  it('takes over a connection whose leader stopped renewing, after the lease expired', async () => {
    const c = cluster();
    const a = c.replica('a');
    const b = c.replica('b');
    await a.tick();
    await a.idle();
    await sleep(LEASE_TTL + 20);
    await b.tick();
    expect(b.leading().sort()).toEqual(['shop-1', 'shop-2']);
  });

  it('runs a requested rescan within a tick and clears the request', async () => {
    const c = cluster();
    const a = c.replica('a');
    await a.tick();
    await a.idle();
    c.runs.length = 0;
    await c.state.requestScan('shop-1', 'items');
    await a.tick();
    await a.idle();
    expect(c.runs.map((r) => `${r.connectionId} ${r.job}`)).toEqual(['shop-1 poll-items', 'shop-1 scan']);
    expect(await c.state.pendingScans()).toEqual([]);
  });

  it('keeps a rescan request when its job failed, and retries the job sooner', async () => {
    const c = cluster();
    const a = c.replica('a');
    await a.tick();
    await a.idle();
    c.behaviour.scan = async () => {
      throw new RetryableError('TIMEOUT', 'bc timed out');
    };
    await c.state.requestScan('shop-1', 'items');
    await a.tick();
    await a.idle();
    expect(await c.state.pendingScans()).toHaveLength(1);
    delete c.behaviour.scan;
    await sleep(1050);
    await a.tick();
    await a.idle();
    expect(await c.state.pendingScans()).toEqual([]);
  });

  it('crashes on an unknown error instead of swallowing it', async () => {
    const c = cluster();
    const crashes: unknown[] = [];
    const a = c.replica('a', { onCrash: (err) => crashes.push(err) });
    c.behaviour.hooks = async () => {
      throw new TypeError('bug');
    };
    await a.tick();
    await a.idle();
    expect(crashes.length).toBeGreaterThan(0);
    for (const err of crashes) expect(err).toBeInstanceOf(TypeError);
    c.runs.length = 0;
    await a.tick();
    expect(c.runs).toEqual([]);
  });

  it('drops the watcher state of connections removed from the registry, not of those merely out of scope', async () => {
    const c = cluster();
    await c.state.saveHook('shop-gone', 'store/order/created', { hookId: 1, active: true });
    await c.state.saveHook('shop-elsewhere', 'store/order/created', { hookId: 2, active: true });
    const a = c.replica('a', { registered: async () => ['shop-1', 'shop-2', 'shop-elsewhere'] });
    await a.tick();
    await a.idle();
    expect(await c.state.hooks('shop-gone')).toEqual(new Map());
    expect((await c.state.hooks('shop-elsewhere')).size).toBe(1);
    expect(a.leading().sort()).toEqual(['shop-1', 'shop-2']);
  });

  it('keeps renewing its leases while the registry cannot be read, so no other replica takes over', async () => {
    const c = cluster();
    let registryUp = true;
    const a = c.replica('a', {
      connectionsRefreshMs: 0,
      connections: async () => {
        if (!registryUp) throw new RetryableError('DEPENDENCY_DOWN', 'PostgreSQL is not reachable');
        return ['shop-1'];
      },
    });
    await a.tick();
    await a.idle();
    registryUp = false;
    for (let i = 0; i < 4; i += 1) {
      await sleep(LEASE_TTL / 3 + 10);
      await a.tick();
    }
    const b = c.replica('b');
    await b.tick();
    await b.idle();
    expect(a.leading()).toEqual(['shop-1']);
    expect(b.leading()).toEqual(['shop-2']);
  });
});
