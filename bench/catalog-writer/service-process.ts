import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { freePort } from '@mlc/testing';

/**
 * The compiled catalog-writer as a child process on a free port, with its resident memory sampled from /proc so the
 * peak of a phase can be read afterwards. Its JSON log goes to `logFile` lines kept in memory for the summary lines.
 */
export class ServiceProcess {
  readonly logLines: Array<Record<string, unknown>> = [];
  private readonly samples: Array<{ at: number; rssMiB: number }> = [];
  private sampler?: NodeJS.Timeout;

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(root: string, env: Record<string, string>, sampleMs = 50): Promise<ServiceProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(root, 'dist/apps/catalog-writer/src/main.js')], {
      env: { ...process.env, ...env, HTTP_PORT: String(port), BIND_HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const service = new ServiceProcess(child, `http://127.0.0.1:${port}`);
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const part of parts) {
        try {
          service.logLines.push(JSON.parse(part) as Record<string, unknown>);
        } catch {
          // Only JSON lines are kept.
        }
      }
    });
    service.sampler = setInterval(() => service.sample(), sampleMs);
    await service.waitReady();
    return service;
  }

  /** Item-change messages the service's consumer has handled so far (`ml_connector_messages_total`). */
  async handledItemChanges(): Promise<number> {
    const text = await (await fetch(`${this.url}/metrics`)).text();
    return text
      .split('\n')
      .filter((l) => l.startsWith('ml_connector_messages_total{') && l.includes('topic="businesscentral.item-changed.v1"'))
      .filter((l) => l.includes('outcome="handled"'))
      .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
  }

  /** Polls until `count` more item changes than `from` were handled; returns when (epoch ms). */
  async untilHandled(from: number, count: number, timeoutMs = 600_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.handledItemChanges()) < from + count) {
      if (Date.now() > deadline) throw new Error('the service did not consume every item change in time');
      await new Promise((r) => setTimeout(r, 100));
    }
    return Date.now();
  }

  peakBetween(fromMs: number, toMs: number): number {
    return Math.max(0, ...this.samples.filter((s) => s.at >= fromMs && s.at <= toMs).map((s) => s.rssMiB));
  }

  rssNow(): number {
    this.sample();
    return this.samples.at(-1)?.rssMiB ?? 0;
  }

  async stop(): Promise<void> {
    clearInterval(this.sampler);
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }

  private async waitReady(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`catalog-writer exited with ${this.child.exitCode}`);
      const ready = await fetch(`${this.url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('catalog-writer did not become ready');
  }

  private sample(): void {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kib = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      this.samples.push({ at: Date.now(), rssMiB: Math.round(kib / 102.4) / 10 });
    } catch {
      // The process has exited.
    }
  }
}
