import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { Kafka } from 'kafkajs';
import { freePort, repoRoot } from '@mlc/testing';

/** A compiled service (`dist/apps/<name>/src/main.js`) started as its own process, its output kept for scanning. */
export interface ServiceProcess {
  readonly url: string;
  /** Everything it wrote to stdout and stderr (its logs). */
  logs(): string;
  ready(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a service the way the CLI's operator would run it; tests talk to it only through Kafka, Postgres and HTTP. */
export async function startService(name: string, env: NodeJS.ProcessEnv): Promise<ServiceProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(repoRoot(), `dist/apps/${name}/src/main.js`)], {
    env: { ...env, HTTP_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    logs: () => output,
    async ready() {
      const deadline = Date.now() + 60_000;
      while (!(await fetch(`${url}/health/ready`).then((r) => r.ok, () => false))) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${name} did not become ready: ${output.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}


/** The group's lag on a topic: records between its committed offsets and the end of each partition. */
export async function groupLag(kafka: Kafka, groupId: string, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return (committed?.partitions ?? []).reduce((n, p) => n + Math.max(0, (ends.get(p.partition) ?? 0) - Math.max(0, Number(p.offset))), 0);
  } finally {
    await admin.disconnect();
  }
}
