import { ManualClock } from '../testing/manual-clock';
import { RequestPriority, StoreRateLimiter } from './rate-limiter';

/** A store with a fixed-window quota, answering like BigCommerce: every response carries the quota headers. */
class SimulatedStore {
  readonly usedPerWindow = new Map<number, number>();
  throttled = 0;
  served = 0;

  constructor(
    private readonly clock: ManualClock,
    readonly quota = 150,
    readonly windowMs = 30_000,
  ) {}

  handle(): { status: number; headers: Record<string, string> } {
    const now = this.clock.now();
    const window = Math.floor(now / this.windowMs);
    const used = this.usedPerWindow.get(window) ?? 0;
    const status = used >= this.quota ? 429 : 200;
    if (status === 200) {
      this.usedPerWindow.set(window, used + 1);
      this.served += 1;
    } else {
      this.throttled += 1;
    }
    const left = this.quota - (this.usedPerWindow.get(window) ?? 0);
    return {
      status,
      headers: {
        'x-rate-limit-requests-quota': String(this.quota),
        'x-rate-limit-requests-left': String(left),
        'x-rate-limit-time-window-ms': String(this.windowMs),
        'x-rate-limit-time-reset-ms': String((window + 1) * this.windowMs - now),
      },
    };
  }

  busiestWindow(): number {
    return Math.max(0, ...this.usedPerWindow.values());
  }
}

interface Worker {
  limiter: StoreRateLimiter;
  priority: RequestPriority;
  requests: number;
  log?: number[];
}

async function runWorker(clock: ManualClock, store: SimulatedStore, w: Worker, latencyMs = 80): Promise<void> {
  for (let i = 0; i < w.requests; i += 1) {
    for (;;) {
      const permit = await w.limiter.acquire(w.priority);
      await clock.sleep(latencyMs / 2);
      const answer = store.handle();
      await clock.sleep(latencyMs / 2);
      permit.complete(answer.headers, answer.status);
      if (answer.status !== 429) break;
    }
    w.log?.push(clock.now());
  }
}

async function run(clock: ManualClock, store: SimulatedStore, workers: Worker[]): Promise<void> {
  const done = Promise.all(workers.map((w) => runWorker(clock, store, w)));
  await clock.runUntilIdle();
  await done;
}

function limiter(clock: ManualClock, share: number, catalogReserve = 0.2) {
  return new StoreRateLimiter({ share, catalogReserve, now: clock.now, sleep: clock.sleep });
}

describe('StoreRateLimiter against a simulated store', () => {
  it('two processes sharing one store never exceed the quota and never see a 429', async () => {
    const clock = new ManualClock(1_000);
    const store = new SimulatedStore(clock);
    const a = limiter(clock, 0.5);
    const b = limiter(clock, 0.5);
    const workers: Worker[] = [
      ...[1, 2, 3].map(() => ({ limiter: a, priority: 'order-read' as const, requests: 100 })),
      ...[1, 2, 3, 4].map(() => ({ limiter: b, priority: 'catalog-push' as const, requests: 75 })),
    ];
    await run(clock, store, workers);
    expect(store.served).toBe(600);
    expect(store.throttled).toBe(0);
    expect(store.busiestWindow()).toBeLessThanOrEqual(150);
    // 600 requests at 150 per 30 s need at least three full windows.
    expect(clock.now()).toBeGreaterThanOrEqual(90_000);
  });

  it('adapts to requests it did not send (other apps on the same store) through the headers', async () => {
    const clock = new ManualClock(0);
    const store = new SimulatedStore(clock);
    const otherApp = (async () => {
      for (let window = 0; window < 6; window += 1) {
        await clock.sleep(window * 30_000 + 10 - clock.now());
        for (let i = 0; i < 100; i += 1) store.handle();
      }
    })();
    const ours = limiter(clock, 1, 0);
    await run(clock, store, [{ limiter: ours, priority: 'order-read', requests: 200 }]);
    await otherApp;
    expect(store.served).toBe(800);
    expect(store.throttled).toBe(0);
  });

  it('keeps to its own share even when the store has room', async () => {
    const clock = new ManualClock(0);
    const store = new SimulatedStore(clock);
    const only = limiter(clock, 0.4);
    await run(clock, store, [{ limiter: only, priority: 'order-read', requests: 120 }]);
    expect(store.busiestWindow()).toBe(60);
    expect(store.throttled).toBe(0);
  });

  it('catalog pushes leave the reserve for order reads', async () => {
    const clock = new ManualClock(0);
    const store = new SimulatedStore(clock);
    const shared = limiter(clock, 1, 0.2);
    const catalogDone: number[] = [];
    await run(clock, store, [{ limiter: shared, priority: 'catalog-push', requests: 200, log: catalogDone }]);
    const firstWindow = catalogDone.filter((t) => t < 30_000).length;
    expect(firstWindow).toBeLessThanOrEqual(120);
    expect(firstWindow).toBeGreaterThan(100);

    const readsDone: number[] = [];
    await run(clock, store, [
      { limiter: shared, priority: 'catalog-push', requests: 200 },
      { limiter: shared, priority: 'order-read', requests: 20, log: readsDone },
    ]);
    const started = Math.floor(readsDone[0]! / 30_000);
    expect(readsDone.every((t) => Math.floor(t / 30_000) === started)).toBe(true);
    expect(store.throttled).toBe(0);
  });

  it('an absolute reserve leaves exactly that many requests per window on any plan', async () => {
    for (const quota of [150, 450]) {
      const clock = new ManualClock(0);
      const store = new SimulatedStore(clock, quota);
      const catalog = new StoreRateLimiter({ share: 1, catalogReserveRequests: 20, now: clock.now, sleep: clock.sleep });
      const done: number[] = [];
      const workers = Array.from({ length: quota / 50 }, () => ({
        limiter: catalog,
        priority: 'catalog-push' as const,
        requests: 50,
        log: done,
      }));
      await run(clock, store, workers);
      expect(done.filter((t) => t < 30_000)).toHaveLength(quota - 20);
      expect(store.busiestWindow()).toBe(quota - 20);
      expect(store.throttled).toBe(0);
    }
  });

  it('an absolute reserve lets order reads use what catalog pushes leave', async () => {
    const clock = new ManualClock(0);
    const store = new SimulatedStore(clock);
    const shared = new StoreRateLimiter({ share: 1, catalogReserveRequests: 30, now: clock.now, sleep: clock.sleep });
    const reads: number[] = [];
    await run(clock, store, [
      { limiter: shared, priority: 'catalog-push', requests: 300 },
      { limiter: shared, priority: 'order-read', requests: 30, log: reads },
    ]);
    // Every read fits in the window it started in, beside 120 catalog pushes.
    expect(reads.every((t) => t < 30_000)).toBe(true);
    expect(store.throttled).toBe(0);
  });

  it('an absolute reserve of the whole quota still lets one catalog push per window through', async () => {
    const clock = new ManualClock(0);
    const store = new SimulatedStore(clock, 10);
    const greedy = new StoreRateLimiter({ catalogReserveRequests: 500, now: clock.now, sleep: clock.sleep });
    const done: number[] = [];
    await run(clock, store, [{ limiter: greedy, priority: 'catalog-push', requests: 3, log: done }]);
    expect(done.map((t) => Math.floor(t / 30_000))).toEqual([0, 1, 2]);
    expect(store.throttled).toBe(0);
  });

  it('on 429 waits the reset time before the next request', async () => {
    const clock = new ManualClock(0);
    const store = new SimulatedStore(clock, 10, 30_000);
    for (let i = 0; i < 10; i += 1) store.handle();
    await clock.advance(5_000);
    const solo = limiter(clock, 1);
    const done: number[] = [];
    await run(clock, store, [{ limiter: solo, priority: 'order-read', requests: 2, log: done }]);
    expect(store.throttled).toBe(1);
    expect(done[0]).toBeGreaterThanOrEqual(30_000);
  });

  it('backs off further when 429s repeat, and never blocks without headers', async () => {
    const clock = new ManualClock(0);
    const solo = limiter(clock, 1);
    const starts: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const pending = solo.acquire('order-read').then((permit) => {
        starts.push(clock.now());
        permit.complete({}, 429);
      });
      await clock.runUntilIdle();
      await pending;
    }
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    expect(gaps).toEqual([1_000, 2_000, 4_000]);

    const free = limiter(clock, 1);
    for (let i = 0; i < 500; i += 1) (await free.acquire('catalog-push')).complete({}, 200);
    expect(free.snapshot().quota).toBeUndefined();
  });

  it('a 429 without quota headers (platform under load) waits its Retry-After, not the rest of the window', async () => {
    const clock = new ManualClock(0);
    const solo = limiter(clock, 0.5);
    const quotaHeaders = (left: number, resetMs: number) => ({
      'x-rate-limit-requests-quota': '450',
      'x-rate-limit-requests-left': String(left),
      'x-rate-limit-time-window-ms': '30000',
      'x-rate-limit-time-reset-ms': String(resetMs),
    });
    (await solo.acquire('order-read')).complete(quotaHeaders(440, 29_000), 200);
    await clock.advance(1_000);
    (await solo.acquire('order-read')).complete({ 'retry-after': '1' }, 429);
    const before = clock.now();
    const next = solo.acquire('order-read').then((permit) => permit.complete(quotaHeaders(438, 27_000), 200));
    await clock.runUntilIdle();
    await next;
    expect(clock.now() - before).toBe(1_000);
    expect(solo.snapshot().storeLeft).toBe(438);
  });

  it('a 429 with quota headers still holds requests until the window refills', async () => {
    const clock = new ManualClock(0);
    const solo = limiter(clock, 1);
    const spent = {
      'x-rate-limit-requests-quota': '150',
      'x-rate-limit-requests-left': '0',
      'x-rate-limit-time-window-ms': '30000',
      'x-rate-limit-time-reset-ms': '20000',
    };
    (await solo.acquire('order-read')).complete(spent, 429);
    const before = clock.now();
    const next = solo.acquire('order-read').then((permit) => permit.complete({}, 200));
    await clock.runUntilIdle();
    await next;
    expect(clock.now() - before).toBeGreaterThanOrEqual(20_000);
  });

  it('refuses nonsense shares', () => {
    expect(() => new StoreRateLimiter({ share: 0 })).toThrow(RangeError);
    expect(() => new StoreRateLimiter({ catalogReserve: 1 })).toThrow(RangeError);
    expect(() => new StoreRateLimiter({ catalogReserveRequests: -1 })).toThrow(RangeError);
    expect(() => new StoreRateLimiter({ catalogReserveRequests: 2.5 })).toThrow(RangeError);
  });
});
