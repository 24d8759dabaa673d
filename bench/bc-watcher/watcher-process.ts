import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, Server } from 'node:http';
import * as path from 'node:path';
import { freePort } from '@mlc/testing';

/** One JSON log line of the watcher. */
export type LogLine = Record<string, unknown> & { msg?: string };

/**
 * The compiled bc-watcher as a child process: its log lines (JSON) are parsed as they arrive, and its resident memory
 * is sampled from /proc every `sampleMs` so a phase's peak can be read afterwards.
 */
export class WatcherProcess {
  readonly lines: LogLine[] = [];
  /** Heap size after each full (mark-compact) GC, from `--trace-gc`: what the process really retains. */
  readonly fullGcs: Array<{ at: number; afterMiB: number }> = [];
  private readonly samples: Array<{ at: number; rssMiB: number }> = [];
  private sampler?: NodeJS.Timeout;
  private constructor(readonly child: ChildProcess) {}

  static async start(root: string, env: Record<string, string>, nodeArgs: readonly string[] = [], sampleMs = 20): Promise<WatcherProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'dist/apps/bc-watcher/src/main.js')], {
      env: { ...process.env, ...env, HTTP_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const watcher = new WatcherProcess(child);
    let buffer = '';
    const tee = process.env.BENCH_WATCHER_LOG;
    child.stdout?.on('data', (chunk: Buffer) => {
      if (tee) appendFileSync(tee, chunk);
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const part of parts) {
        const gc = /Mark-Compact[^\d]*[\d.]+ \([\d.]+\) -> ([\d.]+) \(/.exec(part);
        if (gc) {
          watcher.fullGcs.push({ at: Date.now(), afterMiB: Number(gc[1]) });
          continue;
        }
        try {
          watcher.lines.push(JSON.parse(part) as LogLine);
        } catch {
          // kafkajs or Nest may print a plain line; only JSON lines and GC traces matter here.
        }
      }
    });
    watcher.sampler = setInterval(() => watcher.sample(), sampleMs);
    return watcher;
  }

  /** Waits for the n-th log line with this message (1-based) and returns it. */
  async waitFor(msg: string, nth = 1, timeoutMs = 120_000): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.filter((l) => l.msg === msg);
      const line = found[nth - 1];
      if (line) return line;
      if (this.child.exitCode !== null) throw new Error(`bc-watcher exited (${this.child.exitCode}) before "${msg}"`);
      if (Date.now() > deadline) {
        const tail = this.lines.slice(-15).map((l) => JSON.stringify(l)).join('\n');
        throw new Error(`no "${msg}" #${nth} within ${timeoutMs} ms; last log lines:\n${tail}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Resident memory now, and the peak between two instants (MiB). */
  rssNow(): number {
    this.sample();
    return this.samples[this.samples.length - 1]?.rssMiB ?? 0;
  }

  /** The largest heap left after a full GC between two instants (MiB), or undefined when none ran. */
  retainedBetween(fromMs: number, toMs: number): { maxMiB: number; fullGcs: number } | undefined {
    const gcs = this.fullGcs.filter((g) => g.at >= fromMs && g.at <= toMs);
    return gcs.length ? { maxMiB: Math.max(...gcs.map((g) => g.afterMiB)), fullGcs: gcs.length } : undefined;
  }

  peakBetween(fromMs: number, toMs: number): number {
    return Math.max(0, ...this.samples.filter((s) => s.at >= fromMs && s.at <= toMs).map((s) => s.rssMiB));
  }

  async stop(): Promise<void> {
    clearInterval(this.sampler);
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  private sample(): void {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kib = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      this.samples.push({ at: Date.now(), rssMiB: Math.round(kib / 102.4) / 10 });
    } catch {
      // The process is gone.
    }
  }
}

/** Answers BC's validation handshake and accepts everything else (the watcher's PUBLIC_BASE_URL). */
export async function startHandshakeReceiver(): Promise<{ baseUrl: string; server: Server }> {
  const server = createHttpServer((req, res) => {
    const token = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('validationToken');
    req.resume();
    req.on('end', () => {
      if (token !== null) res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
      else res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}
