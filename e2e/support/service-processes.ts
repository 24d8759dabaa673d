import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import * as path from 'node:path';
import { onProcessEnd, repoRoot } from '@mlc/testing';

export const SERVICE_NAMES = ['ingress', 'bc-watcher', 'bc-writer', 'catalog-writer'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
}

/** A service that exited without being asked to (the supervisor started it again). */
export interface Crash {
  readonly name: ServiceName;
  readonly code: number | null;
  readonly signal: string | null;
  readonly at: string;
}

/**
 * The four services as separate processes (`node dist/apps/<svc>/src/main.js`, built beforehand), each with its own
 * port and log file, under a supervisor like Kubernetes or systemd: a service that exits on its own is recorded in
 * `crashes` and started again after 2 s. Every child is killed in `stopAll` and, as a last resort, when the test
 * process exits.
 */
export class ServiceProcesses {
  readonly crashes: Crash[] = [];
  private readonly running = new Map<ServiceName, Running>();
  private readonly stopping = new Set<ServiceName>();
  private shuttingDown = false;
  private readonly unhook: () => void;

  constructor(
    private readonly env: (name: ServiceName) => Record<string, string>,
    readonly ports: Readonly<Record<ServiceName, number>>,
    readonly logDir: string,
  ) {
    mkdirSync(logDir, { recursive: true });
    this.unhook = onProcessEnd(() => this.killAllNow());
  }

  url(name: ServiceName): string {
    return `http://127.0.0.1:${this.ports[name]}`;
  }

  pid(name: ServiceName): number | undefined {
    return this.running.get(name)?.child.pid;
  }

  /** Starts one service and waits until `/health/ready` answers 200 (it waits for Kafka and Postgres itself). */
  async start(name: ServiceName, timeoutMs = 90_000): Promise<void> {
    const log = openSync(path.join(this.logDir, `${name}.log`), 'a');
    const child = spawn(process.execPath, [path.join(repoRoot(), `dist/apps/${name}/src/main.js`)], {
      env: { ...process.env, ...this.env(name), HTTP_PORT: String(this.ports[name]) },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code, signal) => {
        resolve(code);
        this.onExit(name, code, signal);
      }),
    );
    this.running.set(name, { child, exited });
    await this.waitReady(name, timeoutMs);
  }

  /** Waits until the service answers `/health/ready` with 200 (a crash in between is restarted by the supervisor). */
  async waitReady(name: ServiceName, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ok = this.alive(name) && (await fetch(`${this.url(name)}/health/ready`).then((r) => r.ok, () => false));
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`${name} not ready within ${timeoutMs} ms; see ${this.logDir}/${name}.log`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Whether the service's process is still running (a crash is a finding of its own). */
  alive(name: ServiceName): boolean {
    const r = this.running.get(name);
    return !!r && r.child.exitCode === null && r.child.signalCode === null;
  }

  /** SIGKILL: no shutdown hooks, no offset commits, in-flight work cut wherever it is. Not restarted. */
  async kill(name: ServiceName): Promise<void> {
    const r = this.running.get(name);
    if (!r || !this.alive(name)) return;
    this.stopping.add(name);
    r.child.kill('SIGKILL');
    await r.exited;
    this.stopping.delete(name);
  }

  /** SIGTERM to every service at once, SIGKILL after 15 s for any still running. */
  async stopAll(): Promise<void> {
    this.shuttingDown = true;
    await Promise.all(
      [...this.running.entries()].map(async ([name, r]) => {
        if (!this.alive(name)) return;
        r.child.kill('SIGTERM');
        const timer = setTimeout(() => r.child.kill('SIGKILL'), 15_000);
        await r.exited;
        clearTimeout(timer);
      }),
    );
    this.unhook();
  }

  private onExit(name: ServiceName, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.shuttingDown || this.stopping.has(name)) return;
    this.crashes.push({ name, code, signal, at: new Date().toISOString() });
    setTimeout(() => {
      if (!this.shuttingDown && !this.alive(name)) this.start(name).catch(() => undefined);
    }, 2000);
  }

  private killAllNow(): void {
    for (const r of this.running.values()) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  }
}
