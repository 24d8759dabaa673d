import {
  QuotaPolicy,
  QuotaState,
  decideRequest,
  emptyQuotaState,
  quotaPolicyOf,
  recordRateLimited,
  recordRequestSent,
  recordResponse,
} from './quota-scheduler';
import { RateLimitHeaders } from './rate-limit-headers';

const QUOTA = 150;
const WINDOW = 30_000;
const LATENCY = 50;
const policy: QuotaPolicy = { share: 0.6, reserve: 20 };
const BUDGET = 90;

/** A store counting requests store-wide in fixed 30-second windows; the first one ends at `firstEnd`. */
class SimulatedStore {
  readonly used = new Map<number, number>();
  readonly ours = new Map<number, number>();
  lowestLeftAfterOurs = QUOTA;
  rejected = 0;

  constructor(private readonly firstEnd: number) {}

  private windowOf(t: number): { index: number; endsAt: number } {
    const index = Math.floor((t - this.firstEnd) / WINDOW) + 1;
    return { index, endsAt: this.firstEnd + index * WINDOW };
  }

  handle(t: number, mine: boolean): { status: number; headers: RateLimitHeaders } {
    const { index, endsAt } = this.windowOf(t);
    const used = this.used.get(index) ?? 0;
    const headers = { quota: QUOTA, windowMs: WINDOW, resetMs: endsAt - t };
    if (used >= QUOTA) {
      this.rejected += 1;
      return { status: 429, headers: { ...headers, left: 0 } };
    }
    this.used.set(index, used + 1);
    if (mine) {
      this.ours.set(index, (this.ours.get(index) ?? 0) + 1);
      this.lowestLeftAfterOurs = Math.min(this.lowestLeftAfterOurs, QUOTA - used - 1);
    }
    return { status: 200, headers: { ...headers, left: QUOTA - used - 1 } };
  }
}

/** Sends `n` requests one after another through the scheduler; `others` are other processes' request times. */
function run(n: number, store: SimulatedStore, others: number[] = []): number {
  let state: QuotaState = emptyQuotaState();
  let t = 0;
  let done = 0;
  const pending = [...others].sort((a, b) => a - b);
  for (let guard = 0; done < n; guard += 1) {
    if (guard > 100_000) throw new Error('scheduler never finished');
    const decision = decideRequest(state, t, policy);
    if (!decision.go) {
      t += decision.waitMs;
      continue;
    }
    state = recordRequestSent(state, t);
    for (let next = pending[0]; next !== undefined && next <= t + LATENCY / 2; next = pending[0]) {
      store.handle(next, false);
      pending.shift();
    }
    const response = store.handle(t + LATENCY / 2, true);
    t += LATENCY;
    if (response.status === 429) state = recordRateLimited(state, response.headers, t, policy);
    else {
      state = recordResponse(state, response.headers, t);
      done += 1;
    }
  }
  return t;
}

/** The fastest any sender could finish: full share in every window, one request per latency. */
function theoreticalMinimum(n: number, firstEnd: number): number {
  let t = 0;
  let left = n;
  let windowEnd = firstEnd;
  while (left > 0) {
    const fit = Math.max(0, Math.floor((windowEnd - t - LATENCY / 2) / LATENCY) + 1);
    const sent = Math.min(left, BUDGET, fit);
    left -= sent;
    t = left > 0 ? windowEnd : t + sent * LATENCY;
    windowEnd += WINDOW;
  }
  return t;
}

describe('quota scheduler against a simulated store (150 per 30 s, share 0.6, reserve 20)', () => {
  const cases: Array<[number, number]> = [
    [1, 30_000],
    [90, 30_000],
    [91, 30_000],
    [200, 30_000],
    [500, 30_000],
    [500, 12_345],
    [300, 700],
  ];

  it.each(cases)(
    'sends %i requests (first window ends at %i ms) within the quota and near the minimum',
    (n, firstEnd) => {
      const store = new SimulatedStore(firstEnd);
      const finished = run(n, store);
      expect(store.rejected).toBe(0);
      for (const used of store.used.values()) expect(used).toBeLessThanOrEqual(QUOTA);
      for (const ours of store.ours.values()) expect(ours).toBeLessThanOrEqual(BUDGET);
      const minimum = theoreticalMinimum(n, firstEnd);
      expect(finished).toBeGreaterThanOrEqual(minimum);
      expect(finished - minimum).toBeLessThanOrEqual(LATENCY * Math.ceil(n / BUDGET));
    },
  );

  it('leaves the reserve when another process spends its own share in a burst at the start of every window', () => {
    const store = new SimulatedStore(30_000);
    const burst = (w: number) => Array.from({ length: 60 }, (_, i) => w * WINDOW + i * 40);
    run(300, store, [0, 1, 2, 3, 4, 5, 6].flatMap(burst));
    expect(store.rejected).toBe(0);
    expect(store.lowestLeftAfterOurs).toBeGreaterThanOrEqual(policy.reserve - 1);
    for (const used of store.used.values()) expect(used).toBeLessThanOrEqual(QUOTA - policy.reserve + 1);
    for (const ours of store.ours.values()) expect(ours).toBeLessThanOrEqual(QUOTA - policy.reserve - 60 + 1);
  });
});

describe('quota scheduler decisions', () => {
  const headers = (left: number, resetMs: number): RateLimitHeaders => ({
    quota: 150,
    left,
    windowMs: 30_000,
    resetMs,
  });

  it('probes once before it has seen headers', () => {
    const state = recordRequestSent(emptyQuotaState(), 0);
    expect(decideRequest(emptyQuotaState(), 0, policy)).toEqual({ go: true });
    expect(decideRequest(state, 10, policy)).toEqual({ go: false, waitMs: 250, reason: 'probing' });
    expect(decideRequest(recordResponse(state, headers(149, 20_000), 50), 50, policy)).toEqual({ go: true });
  });

  it('waits for the reset when other processes leave no more than the reserve', () => {
    const probed = recordResponse(recordRequestSent(emptyQuotaState(), 0), headers(149, 13_000), 0);
    const state = recordResponse(probed, headers(21, 12_000), 1000);
    expect(decideRequest(state, 1000, policy)).toEqual({ go: true });
    const after = recordRequestSent(state, 1000);
    expect(decideRequest(after, 1010, policy)).toEqual({ go: false, waitMs: 11_990, reason: 'reserve' });
    expect(decideRequest(after, 13_000, policy)).toEqual({ go: true });
  });

  it('waits the reset after a 429, then backs off further while 429s repeat', () => {
    let state = recordRateLimited(emptyQuotaState(), headers(0, 5000), 0, policy);
    expect(decideRequest(state, 0, policy)).toEqual({ go: false, waitMs: 5000, reason: 'rate-limited' });
    state = recordRateLimited(state, headers(0, 5000), 5000, policy);
    expect(decideRequest(state, 5000, policy)).toMatchObject({ waitMs: 6000 });
    state = recordRateLimited(state, headers(0, 5000), 11_000, policy);
    expect(decideRequest(state, 11_000, policy)).toMatchObject({ waitMs: 7000 });
    state = recordResponse(state, headers(100, 20_000), 20_000);
    expect(state.consecutive429).toBe(0);
  });

  it('falls back to X-Retry-After, then to the base back-off, when a 429 has no rate-limit headers', () => {
    expect(recordRateLimited(emptyQuotaState(), undefined, 0, policy, 3000).blockedUntil).toBe(3000);
    expect(recordRateLimited(emptyQuotaState(), undefined, 0, policy).blockedUntil).toBe(1000);
    const capped = { ...emptyQuotaState(), consecutive429: 20 };
    expect(recordRateLimited(capped, undefined, 0, policy).blockedUntil).toBe(31_000);
  });

  it('derives the policy from catalog settings', () => {
    expect(quotaPolicyOf({ quotaShare: 0.5, reserveForOrderReads: 10 })).toEqual({ share: 0.5, reserve: 10 });
  });
});
