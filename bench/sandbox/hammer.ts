import { Pool } from 'undici';

export interface HammerResult {
  readonly requests: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** Answers by status code. */
  readonly byStatus: Record<string, number>;
  /** Answers with a 2xx status, per second: what the API actually served. */
  readonly acceptedPerSecond: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly errors: number;
}

/** One run's raw answers, kept so that several short runs can be summarised as one. */
export interface HammerRaw {
  readonly byStatus: Record<string, number>;
  readonly latencies: number[];
  readonly seconds: number;
  readonly errors: number;
  /** `performance.now()` when the last answer arrived. */
  readonly lastAnswerAt: number;
}

export interface HammerSpec {
  readonly origin: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly connections: number;
  readonly seconds: number;
}

/**
 * Sends one simple request after another on `connections` keep-alive connections for `seconds`, counting answers by
 * status and their latency: a closed-loop load, so throughput is what the server sustains at that concurrency.
 */
export async function hammerRaw(spec: HammerSpec): Promise<HammerRaw> {
  const pool = new Pool(spec.origin, { connections: spec.connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const byStatus: Record<string, number> = {};
  const latencies: number[] = [];
  let errors = 0;
  let lastAnswerAt = 0;
  const started = performance.now();
  const until = started + spec.seconds * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      try {
        const res = await pool.request({ method: 'GET', path: spec.path, headers: spec.headers });
        await res.body.dump();
        byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
        lastAnswerAt = performance.now();
        latencies.push(lastAnswerAt - t0);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return { byStatus, latencies, seconds, errors, lastAnswerAt };
}

/** Several runs of the same load summarised as one: answers and time add up, percentiles over every answer. */
export function summarize(runs: readonly HammerRaw[]): HammerResult {
  const byStatus: Record<string, number> = {};
  for (const run of runs) for (const [s, n] of Object.entries(run.byStatus)) byStatus[s] = (byStatus[s] ?? 0) + n;
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((t, r) => t + r.seconds, 0);
  const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  const accepted = Object.entries(byStatus)
    .filter(([s]) => s.startsWith('2'))
    .reduce((n, [, c]) => n + c, 0);
  return {
    requests: latencies.length,
    seconds: round(seconds),
    perSecond: seconds > 0 ? Math.round(latencies.length / seconds) : 0,
    byStatus,
    acceptedPerSecond: seconds > 0 ? round(accepted / seconds) : 0,
    latencyMs: { p50: at(0.5), p99: at(0.99), max: round(latencies[latencies.length - 1] ?? 0) },
    errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

export async function hammer(spec: HammerSpec): Promise<HammerResult> {
  return summarize([await hammerRaw(spec)]);
}

const round = (n: number) => Math.round(n * 100) / 100;
