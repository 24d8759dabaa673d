import { StoreRateLimiter } from '../rate-limit/rate-limiter';
import { BigCommerceApiClient } from '../resources/bigcommerce-api-client';
import { LoggedCall, StoreSandbox, startStoreSandbox } from './testing/store-sandbox-kit';

jest.setTimeout(40_000);

const QUOTA = 30;
const WINDOW_MS = 2_000;
const READS_PER_PROCESS = 45;
const CONCURRENCY = 4;

/** Runs `count` reads `CONCURRENCY` at a time, like one process's worker pool. */
async function readStorm(api: BigCommerceApiClient, count: number): Promise<number> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      await api.storeInformation();
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return done;
}

/** The largest number of served requests in any `WINDOW_MS` stretch of the log. */
function peakPerWindow(calls: readonly LoggedCall[]): number {
  const times = calls.filter((c) => c.status === 200).map((c) => Date.parse(c.time));
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i += 1) {
    while ((times[i] ?? 0) - (times[j] ?? 0) >= WINDOW_MS) j += 1;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

describe('BigCommerce rate limiting: two processes sharing one store quota', () => {
  let sandbox: StoreSandbox;

  beforeAll(async () => {
    sandbox = await startStoreSandbox({ products: 2, customers: 1 });
    await sandbox.settings({ rateLimitQuota: QUOTA, rateLimitWindowMs: WINDOW_MS });
  });
  afterAll(() => sandbox?.stop());
  beforeEach(async () => {
    await new Promise((r) => setTimeout(r, WINDOW_MS));
    await sandbox.clearCalls();
  });

  const processWith = (share: number) =>
    sandbox.api({ rateLimiter: new StoreRateLimiter({ share }), retry: { attempts: 6, baseMs: 50, maxMs: 1_000 } });

  async function storm(shares: [number, number]) {
    const started = Date.now();
    const done = await Promise.all(shares.map((s) => readStorm(processWith(s), READS_PER_PROCESS)));
    const elapsedMs = Date.now() - started;
    const calls = await sandbox.calls();
    const throttled = calls.filter((c) => c.status === 429).length;
    return { done, elapsedMs, calls, throttled };
  }

  function expectQuotaKept(run: Awaited<ReturnType<typeof storm>>, total: number) {
    expect(run.done).toEqual([READS_PER_PROCESS, READS_PER_PROCESS]);
    expect(run.calls.filter((c) => c.status === 200)).toHaveLength(total);
    expect(run.calls.length).toBe(total + run.throttled);
    // Fixed windows: two back-to-back windows may fall inside one sliding stretch, never more.
    expect(peakPerWindow(run.calls)).toBeLessThanOrEqual(2 * QUOTA);
    // Throughput follows the quota: no faster than the store allows, and not stalled by over-long back-off.
    expect(run.elapsedMs).toBeGreaterThanOrEqual((Math.ceil(total / QUOTA) - 1) * WINDOW_MS - 200);
    expect(run.elapsedMs).toBeLessThanOrEqual((Math.ceil(total / QUOTA) + 1.5) * WINDOW_MS);
  }

  it('keeps two processes whose shares add up to 1 within the quota: every read succeeds, at most 2% 429s', async () => {
    const total = 2 * READS_PER_PROCESS;
    const run = await storm([0.5, 0.5]);
    expectQuotaKept(run, total);
    expect(run.throttled).toBeLessThanOrEqual(Math.floor(total * 0.02));
  });

  it('bounds the 429s of two processes that each claim the whole quota and coordinate only through the headers', async () => {
    const total = 2 * READS_PER_PROCESS;
    const run = await storm([1, 1]);
    expectQuotaKept(run, total);
    // Measured 4 to 8 of 90 (racing in-flight requests at each window start); a retry storm would be many times more.
    expect(run.throttled).toBeLessThanOrEqual(Math.floor(total * 0.15));
  });
});
