import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { repoRoot } from '@mlc/testing';
import { freePort } from './free-port';

/**
 * A single-node Kafka (KRaft) that one test (or the ingress benchmark) owns: its own ports and data directory, started
 * from the classpath that infra/kafka/start.sh cached, with the shared broker's JVM flags. A test can stop and restart
 * it without touching the shared broker other tests use.
 */
export class PrivateKafka {
  private process?: ChildProcess;

  private constructor(
    private readonly dir: string,
    private readonly port: number,
    private readonly libs: string,
  ) {}

  static async start(): Promise<PrivateKafka> {
    const libs = path.join(repoRoot(), '.local/cache/kafka-libs');
    if (!existsSync(libs)) throw new Error(`no Kafka classpath at ${libs}: run "bash infra/up.sh kafka" once first`);
    const [port, controllerPort] = [await freePort(), await freePort()];
    const dir = mkdtempSync(path.join(tmpdir(), 'ingress-kafka-'));
    writeFileSync(path.join(dir, 'server.properties'), serverProperties(dir, port, controllerPort));
    const kafka = new PrivateKafka(dir, port, libs);
    kafka.format();
    await kafka.resume();
    return kafka;
  }

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** A kafkajs client for this broker, quiet. */
  client(clientId = 'ingress-private-kafka'): Kafka {
    return new Kafka({ clientId, brokers: [this.brokers], logLevel: logLevel.NOTHING });
  }

  /** Stops the broker (SIGTERM, controlled shutdown) and waits until the process is gone. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    await exited;
    clearTimeout(killer);
    this.process = undefined;
  }

  /** Starts the broker on the same ports and data, and waits until it answers. */
  async resume(): Promise<void> {
    const out = openSync(path.join(this.dir, 'kafka.out'), 'a');
    this.process = spawn(this.java(), [...this.jvmArgs(), 'kafka.Kafka', path.join(this.dir, 'server.properties')], {
      stdio: ['ignore', out, out],
    });
    await this.waitReady(180_000);
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private format(): void {
    const clusterId = randomBytes(16).toString('base64url');
    const args = [
      ...this.jvmArgs(),
      'kafka.tools.StorageTool',
      'format',
      '-g',
      // As one argument: a random id may start with '-', which the tool would read as an option.
      `--cluster-id=${clusterId}`,
      '-c',
      path.join(this.dir, 'server.properties'),
    ];
    const result = spawnSync(this.java(), args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`kafka storage format failed: ${result.stderr || result.stdout}`);
  }

  /** The flags infra/kafka/start.sh gives the shared broker, so a private one behaves like it. */
  private jvmArgs(): string[] {
    return [
      '-Xms256m',
      '-Xmx512m',
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${path.join(repoRoot(), 'infra/kafka/log4j2.properties')}`,
      `-Dkafka.logs.dir=${this.dir}`,
      '-cp',
      `${this.libs}/*`,
    ];
  }

  private java(): string {
    return 'java';
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const probe = new Kafka({
      clientId: 'probe',
      brokers: [this.brokers],
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
    for (;;) {
      const admin = probe.admin();
      try {
        await admin.connect();
        await admin.listTopics();
        return;
      } catch (err) {
        if (Date.now() > deadline)
          throw new Error(`private Kafka on ${this.brokers} not ready: ${(err as Error).message}`);
        if (this.process?.exitCode !== null) throw new Error(`private Kafka exited; see ${this.dir}/kafka.out`);
        await new Promise((r) => setTimeout(r, 250));
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    }
  }
}

function serverProperties(dir: string, port: number, controllerPort: number): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${path.join(dir, 'data')}`,
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}
