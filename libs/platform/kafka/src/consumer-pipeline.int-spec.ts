import { z } from 'zod';
import { defineTopic, dlqTopicName } from '@mlc/contracts';
import { PermanentError, RetryableError } from '@mlc/platform-errors';
import { createLogger } from '@mlc/platform-observability';
import { DataSource, openDatabase } from '@mlc/platform-persistence';
import { Cleanup, eventually, stackEnv, testKafka, uniqueName } from '@mlc/testing';
import { SchemaSerde } from './schema-serde';
import { ConsumerPipeline, MessageHandler } from './consumer-pipeline';
import { DLQ_HEADERS } from './dead-letter';
import { EventProducer } from './event-producer';
import { CreateParkingLot1764300000000, PgParkingLot } from './pg-parking-lot';
import { provisionTopics } from './topic-provisioner';

const value = z.object({ connectionId: z.string(), key: z.string(), seq: z.number().int() });
type Value = z.infer<typeof value>;

const kafka = testKafka();
const serde = new SchemaSerde(stackEnv.SCHEMA_REGISTRY_URL);
const producer = new EventProducer(kafka, serde);
const logger = createLogger('pipeline-test', 'silent');
const cleanup = new Cleanup();
let db: DataSource;

beforeAll(async () => {
  const schema = uniqueName('pipeline').replace(/-/g, '_');
  db = await openDatabase({ url: stackEnv.DATABASE_URL, schema, migrations: [CreateParkingLot1764300000000] });
  cleanup.add(async () => {
    await db.query(`drop schema "${schema}" cascade`);
    await db.destroy();
  });
  cleanup.add(() => producer.disconnect());
});
afterAll(() => cleanup.run());

async function newTopic(partitions = 1) {
  const topic = defineTopic({
    name: uniqueName('test.pipeline'),
    description: 'pipeline test',
    schema: value,
    key: (v) => `${v.connectionId}:${v.key}`,
  });
  await provisionTopics(kafka, [topic], { partitions, replicationFactor: 1, retentionMs: 3600_000 });
  cleanup.add(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic.name, dlqTopicName(topic.name)] });
    await admin.disconnect();
  });
  return topic;
}

function startPipeline(
  topic: ReturnType<typeof defineTopic>,
  handler: MessageHandler<Value>,
  groupId = uniqueName('group'),
  extra: { sessionTimeoutMs?: number; members?: number; partitionsConsumedConcurrently?: number } = {},
) {
  const crashes: unknown[] = [];
  const pipeline = new ConsumerPipeline<Value>({
    kafka,
    serde,
    producer,
    parking: new PgParkingLot(db),
    groupId,
    topic,
    handler,
    logger,
    retry: { attempts: 4, baseMs: 20, maxMs: 100 },
    resumeIntervalMs: 60_000,
    onCrash: (err) => crashes.push(err),
    ...extra,
  });
  cleanup.add(() => pipeline.stop());
  return { pipeline, groupId, crashes, ready: pipeline.start() };
}

const msg = (connectionId: string, key: string, seq: number): Value => ({ connectionId, key, seq });

describe('ConsumerPipeline on the real broker, registry and database', () => {
  it('consumes and decodes a message published with a registered schema', async () => {
    const topic = await newTopic();
    const seen: Array<{ value: Value; key: string }> = [];
    const { ready } = startPipeline(topic, async (v, ctx) => void seen.push({ value: v, key: ctx.key }));
    await ready;
    await producer.publish(topic, msg('acme', 'order-1', 1));
    await eventually('the message to be handled', () => (seen.length === 1 ? seen : undefined));
    expect(seen[0]).toEqual({ value: msg('acme', 'order-1', 1), key: 'acme:order-1' });
  });

  it('dead-letters an invalid payload with its reason and keeps the partition moving', async () => {
    const topic = await newTopic();
    const seen: number[] = [];
    const { ready } = startPipeline(topic, async (v) => void seen.push(v.seq));
    await ready;
    await producer.sendRaw(topic.name, [{ key: 'acme:order-1', value: Buffer.from('{"not":"wire format"}') }]);
    await producer.publish(topic, msg('acme', 'order-1', 2));
    await eventually('the valid message after the bad one', () => (seen.includes(2) ? true : undefined));

    const dead = await readAll(dlqTopicName(topic.name), 1);
    expect(dead[0]!.key).toBe('acme:order-1');
    expect(dead[0]!.headers[DLQ_HEADERS.code]).toBe('INVALID_MESSAGE');
    expect(dead[0]!.headers[DLQ_HEADERS.reason]).toContain('not in the Confluent wire format');
    expect(dead[0]!.headers[DLQ_HEADERS.offset]).toBe('0');
    expect(seen).toEqual([2]);
  });

  it('dead-letters a permanent handler error and calls onDeadLetter', async () => {
    const topic = await newTopic();
    const { ready } = startPipeline(topic, async () => {
      throw new PermanentError('BAD_REQUEST', 'BC refused the document');
    });
    await ready;
    await producer.publish(topic, msg('acme', 'order-9', 9));
    const dead = await readAll(dlqTopicName(topic.name), 1);
    expect(dead[0]!.headers[DLQ_HEADERS.code]).toBe('BAD_REQUEST');
  });

  it('a handler failing twice with a retryable error then succeeding takes effect and commits exactly once', async () => {
    const topic = await newTopic();
    let attempts = 0;
    let effects = 0;
    const groupId = uniqueName('group');
    const first = startPipeline(
      topic,
      async () => {
        attempts += 1;
        if (attempts <= 2) throw new RetryableError('SERVER_ERROR', 'BC answered 503', { status: 503 });
        effects += 1;
      },
      groupId,
    );
    await first.ready;
    await producer.publish(topic, msg('acme', 'order-2', 1));
    await eventually('the effect', () => (effects === 1 ? true : undefined));
    await first.pipeline.stop();

    const redelivered: number[] = [];
    const second = startPipeline(topic, async (v) => void redelivered.push(v.seq), groupId);
    await second.ready;
    await producer.publish(topic, msg('acme', 'order-2', 2));
    await eventually('the sentinel', () => (redelivered.includes(2) ? true : undefined));
    expect(attempts).toBe(3);
    expect(effects).toBe(1);
    expect(redelivered).toEqual([2]);
  });

  it('a handler running longer than the group session keeps its partition: handled once, not redelivered', async () => {
    const topic = await newTopic();
    const seen: number[] = [];
    const { ready } = startPipeline(
      topic,
      async (v) => {
        seen.push(v.seq);
        if (v.seq === 1) await new Promise((resolve) => setTimeout(resolve, 14_000));
      },
      uniqueName('group'),
      { sessionTimeoutMs: 6000 },
    );
    await ready;
    await producer.publish(topic, msg('acme', 'slow-1', 1));
    await eventually('the slow message to start', () => (seen.includes(1) ? true : undefined));
    await producer.publish(topic, msg('acme', 'slow-1', 2));
    await eventually('the message after the slow one', () => (seen.includes(2) ? true : undefined), 40_000);
    expect(seen).toEqual([1, 2]);
  }, 90_000);

  describe('a partition whose handler waits', () => {
    /**
     * A handler blocks on the first message it gets; then twenty more keys are published (both partitions get some).
     * Returns which of those were handled while the first one still blocked.
     */
    async function handledWhileOneWaits(extra: { members: number; partitionsConsumedConcurrently: number }) {
      const topic = await newTopic(2);
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let slowPartition: number | undefined;
      const handled: Array<{ key: string; partition: number }> = [];
      const { ready, groupId } = startPipeline(
        topic,
        async (v, ctx) => {
          if (v.key === 'slow') {
            slowPartition = ctx.partition;
            await released;
          }
          handled.push({ key: v.key, partition: ctx.partition });
        },
        uniqueName('group'),
        extra,
      );
      await ready;
      await groupSettled(groupId, extra.members);
      await producer.publish(topic, msg('acme', 'slow', 0));
      await eventually('the slow handler to start', () => slowPartition);
      const others = Array.from({ length: 20 }, (_, i) => msg('acme', `k${i}`, i + 1));
      await producer.publishMany(topic, others);
      // Up to 6 s for the other partition's messages; the slow one is still waiting all that time.
      const deadline = Date.now() + 6000;
      while (Date.now() < deadline && !handled.some((h) => h.partition !== slowPartition)) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 500));
      const whileWaiting = [...handled];
      release();
      await eventually('every message once released', () => (handled.length === 21 ? true : undefined), 30_000);
      return { whileWaiting, slowPartition: slowPartition!, handled };
    }

    it('holds back no other partition when each partition has a group member of its own', async () => {
      const r = await handledWhileOneWaits({ members: 2, partitionsConsumedConcurrently: 1 });
      expect(r.whileWaiting.length).toBeGreaterThan(0);
      expect(r.whileWaiting.every((h) => h.partition !== r.slowPartition)).toBe(true);
      // Released, the slow partition's messages follow in order behind the slow one.
      const slowSide = r.handled.filter((h) => h.partition === r.slowPartition).map((h) => h.key);
      expect(slowSide[0]).toBe('slow');
    }, 90_000);

    it('holds back the partitions fetched with it when one member handles them all (why bc-writer runs members)', async () => {
      const r = await handledWhileOneWaits({ members: 1, partitionsConsumedConcurrently: 3 });
      expect(r.whileWaiting).toEqual([]);
      expect(r.handled).toHaveLength(21);
    }, 90_000);
  });

  it('handles messages with one key strictly in order', async () => {
    const topic = await newTopic(3);
    const seen: number[] = [];
    const { ready } = startPipeline(topic, async (v) => {
      await new Promise((r) => setTimeout(r, v.seq % 3));
      seen.push(v.seq);
    });
    await ready;
    const values = Array.from({ length: 60 }, (_, i) => msg('acme', 'order-3', i));
    await producer.publishMany(topic, values.slice(0, 30));
    await producer.publishMany(topic, values.slice(30));
    await eventually('all 60 messages', () => (seen.length === 60 ? true : undefined));
    expect(seen).toEqual(values.map((v) => v.seq));
  });

  it('parks one connection in order while the partition keeps moving for another, then resumes it', async () => {
    const topic = await newTopic(1);
    let acmeDown = true;
    const seen: string[] = [];
    const { pipeline, ready } = startPipeline(topic, async (v) => {
      if (v.connectionId === 'acme' && acmeDown) {
        throw new RetryableError('CIRCUIT_OPEN', 'business-central circuit is open for connection acme');
      }
      seen.push(`${v.connectionId}${v.seq}`);
    });
    await ready;
    await producer.publishMany(topic, [msg('acme', 'o1', 1), msg('globex', 'o1', 1), msg('acme', 'o2', 2), msg('globex', 'o2', 2)]);
    await eventually('globex to move past parked acme', () => (seen.length === 2 ? true : undefined));
    expect(seen).toEqual(['globex1', 'globex2']);
    await producer.publish(topic, msg('acme', 'o1', 3));
    await eventually('the new acme message to queue behind the parked ones', async () => {
      const stats = await new PgParkingLot(db).stats((pipeline as unknown as { opts: { groupId: string } }).opts.groupId);
      return stats.count === 3 ? true : undefined;
    });

    acmeDown = false;
    await pipeline.drainParked();
    expect(seen).toEqual(['globex1', 'globex2', 'acme1', 'acme2', 'acme3']);
    await producer.publish(topic, msg('acme', 'o3', 4));
    await eventually('acme to flow directly again', () => (seen.includes('acme4') ? true : undefined));
  });

  it('drains a parked connection partition by partition side by side, each in order', async () => {
    const topic = await newTopic(2);
    let down = true;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let slowPartition: number | undefined;
    const seen: Array<{ key: string; seq: number; partition: number }> = [];
    const { pipeline, groupId, ready } = startPipeline(topic, async (v, ctx) => {
      if (down) throw new RetryableError('CIRCUIT_OPEN', 'business-central circuit is open for connection acme');
      if (v.key === 'slow' && slowPartition === undefined) {
        slowPartition = ctx.partition;
        await released;
      }
      seen.push({ key: v.key, seq: v.seq, partition: ctx.partition });
    });
    await ready;
    const keys = ['slow', ...Array.from({ length: 10 }, (_, i) => `k${i}`)];
    await producer.publishMany(topic, keys.flatMap((key) => [msg('acme', key, 1), msg('acme', key, 2)]));
    const lot = new PgParkingLot(db);
    await eventually('all 22 messages parked', async () => ((await lot.stats(groupId)).count === 22 ? true : undefined));
    expect((await lot.parkedPartitions(groupId, 'acme')).length).toBe(2);

    down = false;
    const draining = pipeline.drainParked();
    await eventually('the slow message to be taken', () => slowPartition);
    // The other partition's queue drains completely while the slow one still waits.
    await eventually('the other partition drained beside the slow one', async () => {
      const other = await lot.peek(groupId, 'acme', slowPartition === 0 ? 1 : 0);
      return other === undefined ? true : undefined;
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((m) => m.partition !== slowPartition)).toBe(true);
    release();
    await draining;

    expect(seen).toHaveLength(22);
    // In publishing order within each partition (more than ten parked: ids sort as numbers, not as text).
    for (const p of [0, 1]) {
      const order = seen.filter((m) => m.partition === p).map((m) => keys.indexOf(m.key) * 2 + m.seq);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    for (const key of keys) expect(seen.filter((m) => m.key === key).map((m) => m.seq)).toEqual([1, 2]);
    expect(await lot.parkedConnections(groupId)).toEqual([]);
  }, 90_000);
});

async function readAll(topic: string, count: number) {
  const consumer = kafka.consumer({ groupId: uniqueName('reader') });
  const out: Array<{ key: string; headers: Record<string, string> }> = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
      out.push({ key: message.key?.toString() ?? '', headers });
    },
  });
  try {
    await eventually(`${count} records on ${topic}`, () => (out.length >= count ? true : undefined));
    return out;
  } finally {
    await consumer.disconnect();
  }
}

/** Waits until the group is stable with this many members, each with partitions assigned. */
async function groupSettled(groupId: string, members: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await eventually(`group ${groupId} stable with ${members} member(s)`, async () => {
      const { groups } = await admin.describeGroups([groupId]);
      const g = groups[0];
      return g?.state === 'Stable' && g.members.length === members && g.members.every((m) => m.memberAssignment.length > 0) ? true : undefined;
    }, 60_000);
  } finally {
    await admin.disconnect();
  }
}
