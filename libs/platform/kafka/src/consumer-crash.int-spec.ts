import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { defineTopic, dlqTopicName } from '@mlc/contracts';
import { Cleanup, eventually, stackEnv, testKafka, uniqueName } from '@mlc/testing';
import { SchemaSerde } from './schema-serde';
import { workerValue } from './testing/pipeline-worker-contract';
import { EventProducer } from './event-producer';
import { provisionTopics } from './topic-provisioner';

const ROOT = path.resolve(__dirname, '../../../..');
const WORKER = path.join(ROOT, 'dist/libs/platform/kafka/src/testing/pipeline-worker.js');
const TOTAL = 400;

const kafka = testKafka();
const producer = new EventProducer(kafka, new SchemaSerde(stackEnv.SCHEMA_REGISTRY_URL));
const cleanup = new Cleanup();
afterAll(() => cleanup.run());

function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [WORKER], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanup.add(async () => child.kill('SIGKILL'));
  return child;
}

function effects(file: string): Array<{ seq: number; partition: number; offset: number }> {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [seq, partition, offset] = line.split(' ').map(Number);
      return { seq: seq!, partition: partition!, offset: offset! };
    });
}

describe('a consumer killed mid-batch', () => {
  it('loses nothing after a restart and repeats only uncommitted work', async () => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run "make build" before the integration tests`);
    const topic = defineTopic({ name: uniqueName('test.crash'), description: 'crash test', schema: workerValue, key: (v) => `${v.connectionId}:${v.key}` });
    await provisionTopics(kafka, [topic], { partitions: 2, replicationFactor: 1, retentionMs: 3600_000 });
    cleanup.add(async () => {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [topic.name, dlqTopicName(topic.name)] });
      await admin.disconnect();
    });
    const schema = uniqueName('crash').replace(/-/g, '_');
    const group = uniqueName('crash-group');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mlc-crash-')), 'effects.log');
    const env = { WORKER_TOPIC: topic.name, WORKER_GROUP: group, WORKER_SCHEMA: schema, WORKER_EFFECTS: file, DATABASE_URL: stackEnv.DATABASE_URL };

    const values = Array.from({ length: TOTAL }, (_, i) => ({ connectionId: 'acme', key: `order-${i % 7}`, seq: i }));
    await producer.publishMany(topic, values);
    cleanup.add(() => producer.disconnect());

    const first = startWorker(env);
    await eventually('the first worker to handle part of the backlog', () => (effects(file).length >= 120 ? true : undefined), 60_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const beforeRestart = effects(file);
    expect(beforeRestart.length).toBeLessThan(TOTAL);

    const admin = kafka.admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic.name] });
    await admin.disconnect();
    const committedOffset = new Map(committed!.partitions.map((p) => [p.partition, Number(p.offset)]));

    startWorker(env);
    await eventually(
      'every message to be handled after the restart',
      () => (new Set(effects(file).map((e) => e.seq)).size === TOTAL ? true : undefined),
      90_000,
    );

    const all = effects(file);
    const counts = new Map<number, number>();
    for (const e of all) counts.set(e.seq, (counts.get(e.seq) ?? 0) + 1);
    const repeated = all.filter((e, i) => all.findIndex((x) => x.seq === e.seq) !== i);
    for (const e of repeated) {
      expect(e.offset).toBeGreaterThanOrEqual(committedOffset.get(e.partition) ?? 0);
    }
    expect([...counts.values()].every((n) => n <= 2)).toBe(true);
    expect(new Set(all.map((e) => e.seq)).size).toBe(TOTAL);
  });
});
