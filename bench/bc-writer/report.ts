import type { describeMachine } from '../machine';

export interface PhaseResult {
  readonly name: string;
  readonly orders: number;
  readonly seconds: number;
  /** Requests the sandbox served per system (bigcommerce, business-central, entra). */
  readonly requests: Record<string, number>;
  readonly perOrder: Record<string, number>;
  /** DESIGN.md section 11 floor per system, when the phase has one. */
  readonly floor: Record<string, number>;
}

export interface ThroughputResult {
  readonly orders: number;
  readonly minutes: number;
  readonly throttle: { readonly requestsPerWindow: number; readonly windowMs: number };
  readonly allowedRequestsPerMinute: number;
  readonly callsPerOrder: number;
  readonly allowedOrdersPerMinute: number;
  readonly ordersPerMinute: number;
  readonly ratio: number;
  /** The least time the sliding window allows for this run's requests ((ceil(N / W) - 1) windows), and it / minutes. */
  readonly floorMinutes: number;
  readonly floorRatio: number;
  readonly throttledAnswers: number;
  readonly bcRequests: number;
  /** Signals per order in the run (the webhook and bc-watcher's poll) and the BigCommerce reads they cost per order. */
  readonly signalsPerOrder?: number;
  readonly bigcommercePerOrder?: number;
  readonly foreignSignalsPerSecond: number;
}

export interface BenchResults {
  readonly generatedAt: string;
  readonly machine: ReturnType<typeof describeMachine>;
  readonly phases: readonly PhaseResult[];
  readonly throughput: ThroughputResult;
  /** What the store's quota allows bc-writer on a Standard plan, for comparison. */
  readonly bigcommerceBound: { storeQuotaPer30s: number; serviceShare: number; ordersPerMinute: number; note: string };
}

export function markdownReport(r: BenchResults): string {
  const m = r.machine;
  const t = r.throughput;
  const rows = r.phases.map((p) => {
    const cell = (system: string) => `${p.perOrder[system] ?? 0}${p.floor[system] !== undefined ? ` (floor ${p.floor[system]})` : ''}`;
    return `| ${p.name} | ${p.orders} | ${cell('bigcommerce')} | ${cell('business-central')} | ${p.perOrder['entra'] ?? 0} | ${p.seconds} |`;
  });
  return [
    '# bc-writer benchmark',
    '',
    `Generated ${r.generatedAt} on ${m.cpuModel} (${m.logicalCores} logical cores, ${m.memoryGiB} GiB), ${m.os}, Node ${m.node}, load ${m.loadAverage1m}.`,
    'bc-writer ran as a process against the sandboxes and the local Kafka, registry and PostgreSQL; calls are counted',
    'from the sandbox request log after a warm-up (reference data, local currency, SKU links). bc-writer runs with the',
    "throttled run's BC budget (60 requests per 15 s) from the start, so the phases' seconds are bound by it.",
    '',
    '## API calls per order',
    '',
    '| phase | orders | BigCommerce | Business Central | Entra ID | seconds |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '## Orders per minute under the BC throttle',
    '',
    `Sandbox throttle: ${t.throttle.requestsPerWindow} requests per ${t.throttle.windowMs / 1000} s (${t.allowedRequestsPerMinute} per minute);`,
    `at ${t.callsPerOrder} BC calls per order it allows ${t.allowedOrdersPerMinute} orders per minute at a steady rate.`,
    'bc-writer counts the same budget over the same window (BC_REQUESTS_PER_5_MIN over BC_RATE_WINDOW_MS), so it waits',
    'instead of learning the limit from 429 answers. A sliding window lets the first window go at once, so a run of',
    `N requests needs at least (ceil(N / ${t.throttle.requestsPerWindow}) - 1) windows: that is the run's floor below.`,
    '',
    '| orders | minutes | orders/min | allowed (steady) | ratio | run floor minutes | floor / minutes | 429 answers | BC requests |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    `| ${t.orders} | ${t.minutes} | ${t.ordersPerMinute} | ${t.allowedOrdersPerMinute} | ${t.ratio} | ${t.floorMinutes} | ${t.floorRatio} | ${t.throttledAnswers} | ${t.bcRequests} |`,
    '',
    ...(t.bigcommercePerOrder !== undefined
      ? [
          `Each order was signalled ${t.signalsPerOrder} times, by its webhook and by bc-watcher's poll (a change made before`,
          `the run started): ${t.bigcommercePerOrder} BigCommerce calls per order (floor 1). A poll about a change older than a completed`,
          'read of the order (by more than 5 s) is recorded as covered without a call.',
          '',
        ]
      : []),
    `Other producers put about ${t.foreignSignalsPerSecond} signals per second on bigcommerce.order-signal.v1 during the run`,
    '(bc-writer decodes and skips them: it serves only the benchmark connections).',
    '',
    '## The BigCommerce bound',
    '',
    `The run raised the sandbox store quota so that BC's throttle binds. On a Standard plan (${r.bigcommerceBound.storeQuotaPer30s} requests per`,
    `30 s for the whole store) with bc-writer's default share of ${r.bigcommerceBound.serviceShare}, one BigCommerce call per order bounds`,
    `bc-writer at ${r.bigcommerceBound.ordersPerMinute} orders per minute, below the BC throttle's bound at its documented 6,000 requests`,
    'per 5 minutes (400 orders per minute at 3 calls): raise BIGCOMMERCE_QUOTA_SHARE for stores with order bursts.',
    '',
  ].join('\n');
}
