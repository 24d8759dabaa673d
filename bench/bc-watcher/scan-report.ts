import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface ScanFigures {
  readonly name: string;
  readonly pageSize: number;
  readonly items: number;
  /** Pages the watcher read (one BC request each). */
  readonly requests: number;
  /** BC's server-driven paging cannot do better than ceil(items / page size). */
  readonly floor: number;
  /** GETs on items the sandbox logged during the scan (retries and 401 refreshes would show here). */
  readonly sandboxItemRequests: number;
  readonly wallMs: number;
  readonly changesPublished: number;
  readonly itemsPerSecond: number;
  readonly rssMiB: { readonly before: number; readonly peak: number; readonly after: number };
  /** Heap kept after the full GCs during the scan (`--trace-gc` configurations only). */
  readonly retainedHeap?: { readonly maxMiB: number; readonly fullGcs: number };
}

export interface ScanReport {
  readonly benchmark: 'bc-watcher-stock-scan';
  readonly at: string;
  readonly machine: Record<string, string | number>;
  readonly setup: Record<string, string | number>;
  readonly scans: readonly ScanFigures[];
  readonly state: { readonly rows: number; readonly bytesPerRow: number; readonly tableAndIndexMiB: number };
  readonly targets: ReadonlyArray<{ readonly target: string; readonly measured: string; readonly met: boolean }>;
}

/** Writes `<dir>/bc-watcher.json` and `<dir>/bc-watcher.md`. */
export function writeReport(dir: string, report: ScanReport): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'bc-watcher.json');
  const markdown = path.join(dir, 'bc-watcher.md');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, toMarkdown(report));
  return { json, markdown };
}

function toMarkdown(r: ScanReport): string {
  const m = r.machine;
  const rows = r.scans.map((s) =>
    [
      s.name,
      s.items.toLocaleString('en-US'),
      s.pageSize.toLocaleString('en-US'),
      `${s.requests} / ${s.floor}`,
      s.sandboxItemRequests,
      (s.wallMs / 1000).toFixed(2),
      Math.round(s.itemsPerSecond).toLocaleString('en-US'),
      s.changesPublished,
      `${s.rssMiB.before} / ${s.rssMiB.peak} / ${s.rssMiB.after}`,
      s.retainedHeap ? `${s.retainedHeap.maxMiB} (${s.retainedHeap.fullGcs} GCs)` : '',
    ].join(' | '),
  );
  return [
    `# bc-watcher stock scan benchmark (${r.at})`,
    '',
    `Machine: ${m.cpuModel}, ${m.logicalCores} logical cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, load average (1 min) ${m.loadAverage1m}.`,
    '',
    `Setup: ${Object.entries(r.setup)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}.`,
    '',
    '| scan | items | page size | BC requests / floor | sandbox GETs on items | wall s | items/s | events published | watcher RSS MiB before / peak / after | heap after full GC, max MiB |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row} |`),
    '',
    'BC requests are the pages the scan read; the floor is ceil(items / page size). The sandbox count of a baseline ' +
      'also holds the one items delta poll every watcher runs at boot. RSS is the whole watcher process (Nest, ' +
      'kafkajs, pg pool), sampled from /proc every 20 ms; V8 keeps the heap it grew to, so "after" stays near the peak. ' +
      'The heap left after each full GC (V8 `--trace-gc`, capped-heap runs) is what the process retains.',
    '',
    `Diff state in Postgres (\`bc_watcher.stock_scan\`): ${r.state.rows.toLocaleString('en-US')} rows for the connection, ` +
      `${r.state.bytesPerRow} bytes per row on average (tuple), table and indexes ${r.state.tableAndIndexMiB} MiB (all connections).`,
    '',
    '| target | measured | met |',
    '|---|---|---|',
    ...r.targets.map((t) => `| ${t.target} | ${t.measured} | ${t.met ? 'yes' : 'NO'} |`),
    '',
  ].join('\n');
}
