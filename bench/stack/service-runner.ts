import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '@mlc/testing';

export const SERVICES = ['ingress', 'bc-watcher', 'bc-writer', 'catalog-writer'] as const;
export type Service = (typeof SERVICES)[number];

/** One compiled service (or any script) as a child process, with its readiness time and memory from /proc. */
export class RunningProcess {
  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly startedAt: number,
  ) {}

  static spawn(name: string, script: string, env: Record<string, string>, logDir: string): RunningProcess {
    mkdirSync(logDir, { recursive: true });
    const log = openSync(path.join(logDir, `${name}.log`), 'a');
    const child = spawn(process.execPath, [path.join(repoRoot(), script)], { env: { ...process.env, ...env }, stdio: ['ignore', log, log] });
    return new RunningProcess(name, child, performance.now());
  }

  /** Milliseconds from spawn until `url` answered 200. */
  async ready(url: string, timeoutMs = 120_000): Promise<number> {
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`${this.name} exited with ${this.child.exitCode}`);
      if (await fetch(url).then((r) => r.ok, () => false)) return Math.round(performance.now() - this.startedAt);
      if (performance.now() - this.startedAt > timeoutMs) throw new Error(`${this.name} not ready within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Resident memory now and its peak so far (VmRSS, VmHWM), in MiB. */
  memory(): { rssMiB: number; peakMiB: number } {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
    return { rssMiB: round(kib('VmRSS') / 1024), peakMiB: round(kib('VmHWM') / 1024) };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
