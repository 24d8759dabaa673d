import { Pool } from 'undici';

/** One request to send: the generator asks for a fresh one each time (unique deliveries, signed at send time). */
export interface LoadRequest {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface LoadResult {
  readonly mode: 'closed' | 'open';
  readonly seconds: number;
  readonly sent: number;
  readonly ok: number;
  readonly statuses: Record<string, number>;
  readonly perSecond: number;
  readonly latencyMs: { p50: number; p90: number; p99: number; p999: number; max: number };
}

/** Latencies in milliseconds, kept whole so percentiles are exact (a run is at most a few hundred thousand). */
class Recorder {
  private readonly samples: number[] = [];
  readonly statuses: Record<string, number> = {};

  record(ms: number, status: string): void {
    this.samples.push(ms);
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
  }

  result(mode: LoadResult['mode'], seconds: number): LoadResult {
    const sorted = Float64Array.from(this.samples).sort();
    const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
    const ok = this.statuses['200'] ?? 0;
    return {
      mode,
      seconds: round(seconds),
      sent: sorted.length,
      ok,
      statuses: this.statuses,
      perSecond: round(ok / seconds),
      latencyMs: {
        p50: at(0.5),
        p90: at(0.9),
        p99: at(0.99),
        p999: at(0.999),
        max: round(sorted[sorted.length - 1] ?? 0),
      },
    };
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

async function send(pool: Pool, request: LoadRequest): Promise<string> {
  try {
    const res = await pool.request({
      path: request.path,
      method: 'POST',
      headers: request.headers,
      body: request.body,
    });
    await res.body.dump();
    return String(res.statusCode);
  } catch (err) {
    return (err as { code?: string }).code ?? 'error';
  }
}

/**
 * Closed loop: `connections` keep-alive connections, each sending its next request as soon as the previous answer
 * arrived. Measures the most the server sustains.
 */
export async function closedLoop(
  origin: string,
  connections: number,
  seconds: number,
  next: () => LoadRequest,
): Promise<LoadResult> {
  const pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const recorder = new Recorder();
  const started = performance.now();
  const end = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const status = await send(pool, next());
      recorder.record(performance.now() - t0, status);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  return recorder.result('closed', elapsed);
}

/**
 * Open loop: requests leave on a fixed schedule (`rate` per second) whatever the answers do, and each latency is
 * measured from its scheduled time, so a stalled server shows up in the percentiles (no coordinated omission).
 */
export async function openLoop(
  origin: string,
  rate: number,
  seconds: number,
  next: () => LoadRequest,
): Promise<LoadResult> {
  const pool = new Pool(origin, { connections: 256, pipelining: 1, keepAliveTimeout: 60_000 });
  const recorder = new Recorder();
  const total = Math.round(rate * seconds);
  const intervalMs = 1000 / rate;
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  let i = 0;
  while (i < total) {
    const now = performance.now();
    while (i < total && started + i * intervalMs <= now) {
      const due = started + i * intervalMs;
      inFlight.push(send(pool, next()).then((status) => recorder.record(performance.now() - due, status)));
      i += 1;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  return recorder.result('open', elapsed);
}
