import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LoadResult } from './load-generator';

export interface ServerFigures {
  readonly name: string;
  readonly max: LoadResult;
  /** CPU used by the server during the max-throughput phase, in percent of one core. */
  readonly cpuPercentAtMax: number;
  /** CPU time (user + system) the server spent per request: less sensitive to a busy host than throughput is. */
  readonly cpuMicrosPerRequest: { readonly atMax: number; readonly atFixedRate: number };
  /** The host's 1-minute load average around the measurement: other work on the machine skews every figure. */
  readonly loadAverage1m: { readonly before: number; readonly after: number };
  readonly fixedRate: LoadResult;
  readonly rssMiB: {
    readonly idle: number;
    readonly afterMax: number;
    readonly afterFixedRate: number;
    readonly peak: number;
  };
  readonly notes?: Record<string, number | string>;
}

export interface BenchReport {
  readonly benchmark: 'ingress';
  readonly at: string;
  readonly machine: Record<string, string | number>;
  readonly setup: Record<string, string | number | boolean>;
  readonly servers: readonly ServerFigures[];
  readonly ratios: Record<string, number>;
  readonly targets: ReadonlyArray<{ readonly target: string; readonly measured: string; readonly met: boolean }>;
  /** Every run of each server when the benchmark was repeated. */
  readonly runs?: Record<string, readonly ServerFigures[]>;
}

/** Writes `<dir>/ingress.json` and `<dir>/ingress.md`. */
export function writeReport(dir: string, report: BenchReport): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'ingress.json');
  const markdown = path.join(dir, 'ingress.md');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, toMarkdown(report));
  return { json, markdown };
}

function toMarkdown(r: BenchReport): string {
  const rows = r.servers.map((s) =>
    [
      s.name,
      s.max.perSecond.toFixed(0),
      `${s.max.latencyMs.p50} / ${s.max.latencyMs.p99}`,
      s.cpuPercentAtMax.toFixed(0),
      `${s.cpuMicrosPerRequest.atMax} / ${s.cpuMicrosPerRequest.atFixedRate}`,
      `${s.fixedRate.perSecond.toFixed(0)}`,
      `${s.fixedRate.latencyMs.p50} / ${s.fixedRate.latencyMs.p99} / ${s.fixedRate.latencyMs.max}`,
      `${s.rssMiB.idle} / ${s.rssMiB.peak}`,
      errors(s),
      `${s.loadAverage1m.before} / ${s.loadAverage1m.after}`,
    ].join(' | '),
  );
  return [
    `# Ingress benchmark (${r.at})`,
    '',
    `Machine: ${r.machine['cpuModel']}, ${r.machine['logicalCores']} logical cores, ${r.machine['memoryGiB']} GiB, ${r.machine['os']}, Node ${r.machine['node']}.`,
    '',
    `Setup: ${Object.entries(r.setup)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}.`,
    '',
    '| server | max req/s (closed loop) | p50 / p99 ms at max | CPU % at max | CPU µs/request at max / fixed rate | req/s (open loop) | p50 / p99 / max ms at fixed rate | RSS MiB idle / peak | non-200 | host load 1m before / after |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row} |`),
    '',
    ...r.servers
      .filter((s) => s.notes)
      .map(
        (s) =>
          `${s.name}, over the whole run: ${Object.entries(s.notes ?? {})
            .map(([k, v]) => `${k} ${v}`)
            .join('; ')}.\n`,
      ),
    `Ratios: ${Object.entries(r.ratios)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}.`,
    '',
    '| target | measured | met |',
    '|---|---|---|',
    ...r.targets.map((t) => `| ${t.target} | ${t.measured} | ${t.met ? 'yes' : 'NO'} |`),
    '',
    ...spread(r),
  ].join('\n');
}

/** Every run of each server, so the spread on a shared host is visible beside the best. */
function spread(r: BenchReport): string[] {
  const runs = Object.values(r.runs ?? {}).filter((list) => list.length > 1);
  if (runs.length === 0) return [];
  return [
    'Every run (the tables above take the best per phase):',
    '',
    '| server | run | max req/s | p99 ms at max | p99 ms at fixed rate | CPU µs/request at max | host load 1m before / after |',
    '|---|---|---|---|---|---|---|',
    ...runs.flatMap((list) =>
      list.map(
        (s, i) =>
          `| ${s.name} | ${i + 1} | ${s.max.perSecond.toFixed(0)} | ${s.max.latencyMs.p99} | ${s.fixedRate.latencyMs.p99} | ${s.cpuMicrosPerRequest.atMax} | ${s.loadAverage1m.before} / ${s.loadAverage1m.after} |`,
      ),
    ),
    '',
  ];
}

function errors(s: ServerFigures): string {
  const bad = [s.max, s.fixedRate].flatMap((l) => Object.entries(l.statuses).filter(([status]) => status !== '200'));
  return bad.length === 0 ? '0' : bad.map(([status, n]) => `${status}: ${n}`).join(', ');
}
