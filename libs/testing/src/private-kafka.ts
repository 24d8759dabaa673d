import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from './free-port';
import { onProcessEnd } from './process-end';
import { repoRoot } from './repo-root';

export interface PrivateKafkaOptions {
  /** Prefix of the temporary data directory (which run left it behind). */
  readonly dirPrefix?: string;
  /** JVM heap; the default is the shared broker's (infra/kafka/start.sh). */
  readonly heap?: { readonly minMb: number; readonly maxMb: number };
  /** Partitions of __consumer_offsets; the default is the shared broker's 1. */
  readonly offsetsTopicPartitions?: number;
  /** How long start() and resume() wait for the broker to answer metadata requests. */
  readonly readyTimeoutMs?: number;
}

/**
 * A single-node Kafka (KRaft) that one test, the end-to-end run or a benchmark owns: its own ports and data
 * directory, started from the classpath that infra/kafka/start.sh cached, with the shared broker's settings unless
 * told otherwise. Its owner can stop and restart it without touching the shared broker other tests use, and its
 * topics hold only the owner's messages.
 */
export class PrivateKafka {
  private child?: ChildProcess;
  private unhook?: () => void;

  private constructor(
    private readonly dir: string,
    readonly port: number,
    private readonly controllerPort: number,
    private readonly options: Required<PrivateKafkaOptions>,
  ) {}

  static async start(options: PrivateKafkaOptions = {}): Promise<PrivateKafka> {
    const libs = kafkaLibs();
    if (!existsSync(libs)) throw new Error(`no Kafka classpath at ${libs}: run "bash infra/up.sh kafka" once first`);
    const settings: Required<PrivateKafkaOptions> = {
      dirPrefix: 'mlc-private-kafka-',
      heap: { minMb: 256, maxMb: 512 },
      offsetsTopicPartitions: 1,
      readyTimeoutMs: 180_000,
      ...options,
    };
    const dir = mkdtempSync(path.join(tmpdir(), settings.dirPrefix));
    const kafka = new PrivateKafka(dir, await freePort(), await freePort(), settings);
    writeFileSync(kafka.file('server.properties'), kafka.properties());
    kafka.format();
    try {
      await kafka.resume();
    } catch (err) {
      await kafka.destroy();
      throw err;
    }
    return kafka;
  }

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** A kafkajs client for this broker, quiet. */
  client(clientId = 'private-kafka'): Kafka {
    return new Kafka({ clientId, brokers: [this.brokers], logLevel: logLevel.NOTHING });
  }

  /** Controlled shutdown (SIGTERM), SIGKILL after 60 s; waits until the process is gone. */
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
    const child = spawn('java', [...this.jvm(), 'kafka.Kafka', this.file('server.properties')], { stdio: ['ignore', out, out] });
    closeSync(out);
    this.child = child;
    this.unhook?.();
    this.unhook = onProcessEnd(() => this.kill());
    child.once('exit', () => {
      this.unhook?.();
      this.unhook = undefined;
    });
    const probe = new Kafka({ clientId: 'private-kafka-probe', brokers: [this.brokers], retry: { retries: 0 }, logLevel: logLevel.NOTHING });
    const deadline = Date.now() + this.options.readyTimeoutMs;
    for (;;) {
      const admin = probe.admin();
      try {
        await admin.connect();
        await admin.listTopics();
        return;
      } catch (err) {
        if (child.exitCode !== null) throw new Error(`private Kafka exited; see ${this.file('kafka.out')}`);
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

  private format(): void {
    const args = [
      ...this.jvm(),
      'kafka.tools.StorageTool',
      'format',
      '-g',
      // As one argument: a random id may start with '-', which the tool would read as an option.
      `--cluster-id=${randomBytes(16).toString('base64url')}`,
      '-c',
      this.file('server.properties'),
    ];
    const result = spawnSync('java', args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`kafka storage format failed: ${result.stderr || result.stdout}`);
  }

  private file(name: string): string {
    return path.join(this.dir, name);
  }

  private jvm(): string[] {
    const { minMb, maxMb } = this.options.heap;
    return [
      `-Xms${minMb}m`,
      `-Xmx${maxMb}m`,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${path.join(repoRoot(), 'infra/kafka/log4j2.properties')}`,
      `-Dkafka.logs.dir=${this.dir}`,
      '-cp',
      `${kafkaLibs()}/*`,
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
      `offsets.topic.num.partitions=${this.options.offsetsTopicPartitions}`,
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

/** The classpath infra/kafka/start.sh caches (looked up when used: importing @mlc/testing must not need it). */
function kafkaLibs(): string {
  return path.join(repoRoot(), '.local/cache/kafka-libs');
}
