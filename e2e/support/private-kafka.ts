import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { repoRoot } from '@mlc/testing';
import { freePort } from './free-port';

/**
 * A single-node KRaft broker owned by the end-to-end run: its own ports and data directory, from the classpath that
 * infra/kafka/start.sh caches. The run restarts it mid-way without disturbing the shared broker other tests use, and
 * its topics hold only this run's messages.
 */
export class PrivateKafka {
  private child?: ChildProcess;

  private constructor(
    private readonly dir: string,
    readonly port: number,
    private readonly controllerPort: number,
  ) {}

  static async start(): Promise<PrivateKafka> {
    if (!existsSync(LIBS)) throw new Error(`no Kafka classpath at ${LIBS}: run "bash infra/up.sh kafka" once first`);
    const kafka = new PrivateKafka(mkdtempSync(path.join(tmpdir(), 'mlc-e2e-kafka-')), await freePort(), await freePort());
    writeFileSync(kafka.file('server.properties'), kafka.properties());
    const format = spawnSync('java', [...kafka.jvm(), 'kafka.tools.StorageTool', 'format', '-g', `--cluster-id=${randomBytes(16).toString('base64url')}`, '-c', kafka.file('server.properties')], {
      encoding: 'utf8',
    });
    if (format.status !== 0) throw new Error(`kafka storage format failed: ${format.stderr || format.stdout}`);
    await kafka.resume();
    return kafka;
  }

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Controlled shutdown (SIGTERM), SIGKILL after 60 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    await exited;
    clearTimeout(killer);
  }

  /** Starts the broker on its ports and data and waits until it answers metadata requests. */
  async resume(): Promise<void> {
    const out = openSync(this.file('kafka.out'), 'a');
    this.child = spawn('java', [...this.jvm(), 'kafka.Kafka', this.file('server.properties')], { stdio: ['ignore', out, out] });
    const probe = new Kafka({ clientId: 'e2e-probe', brokers: [this.brokers], retry: { retries: 0 }, logLevel: logLevel.NOTHING });
    const deadline = Date.now() + 90_000;
    for (;;) {
      const admin = probe.admin();
      try {
        await admin.connect();
        await admin.listTopics();
        return;
      } catch (err) {
        if (this.child.exitCode !== null) throw new Error(`private Kafka exited; see ${this.file('kafka.out')}`);
        if (Date.now() > deadline) throw new Error(`private Kafka not ready on ${this.brokers}: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 250));
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    }
  }

  /** Kills it if still running (also from a process exit hook: synchronous). */
  kill(): void {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private file(name: string): string {
    return path.join(this.dir, name);
  }

  private jvm(): string[] {
    return [
      '-Xms128m',
      '-Xmx384m',
      '-XX:+UseG1GC',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${path.join(repoRoot(), 'infra/kafka/log4j2.properties')}`,
      `-Dkafka.logs.dir=${this.dir}`,
      '-cp',
      `${LIBS}/*`,
    ];
  }

  private properties(): string {
    return [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${this.controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${this.port},CONTROLLER://127.0.0.1:${this.controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${this.port}`,
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      `log.dirs=${this.file('data')}`,
      'num.partitions=1',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=3',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=false',
      '',
    ].join('\n');
  }
}

const LIBS = path.join(repoRoot(), '.local/cache/kafka-libs');
