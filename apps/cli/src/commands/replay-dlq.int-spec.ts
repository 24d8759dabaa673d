import { z } from 'zod';
import { defineTopic, dlqTopicName, TopicContract } from '@mlc/contracts';
import { PermanentError } from '@mlc/platform-errors';
import { ConsumerPipeline, CreateParkingLot1764300000000, EventProducer, PgParkingLot, provisionTopics, SchemaSerde } from '@mlc/platform-kafka';
import { createLogger } from '@mlc/platform-observability';
import { DataSource, openDatabase } from '@mlc/platform-persistence';
import { Cleanup, createScratchDatabase, eventually, stackEnv, testKafka, uniqueName } from '@mlc/testing';
import { runCli } from '../testing/run-cli';

const value = z.object({ connectionId: z.string(), orderId: z.number().int() });
type Value = z.infer<typeof value>;

const kafka = testKafka();
const serde = new SchemaSerde(stackEnv.SCHEMA_REGISTRY_URL);
const producer = new EventProducer(kafka, serde);
const cleanup = new Cleanup();
let db: DataSource;
let env: Record<string, string>;

beforeAll(async () => {
  const scratch = await createScratchDatabase(stackEnv.DATABASE_URL, 'cli_dlq');
  db = await openDatabase({ url: scratch.url, schema: 'pipeline', migrations: [CreateParkingLot1764300000000] });
  env = { DATABASE_URL: scratch.url };
  cleanup.add(() => scratch.drop());
  cleanup.add(() => db.destroy());
  cleanup.add(() => producer.disconnect());
});
afterAll(() => cleanup.run());

async function newTopic(): Promise<TopicContract<typeof value>> {
  const topic = defineTopic({ name: uniqueName('test.cli'), description: 'cli test', schema: value, key: (v) => `${v.connectionId}:${v.orderId}` });
  await provisionTopics(kafka, [topic], { partitions: 2, replicationFactor: 1, retentionMs: 3600_000 });
  cleanup.add(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic.name, dlqTopicName(topic.name)] });
    await admin.disconnect();
  });
  return topic;
}

function pipeline(topic: TopicContract, groupId: string, handler: (v: Value) => Promise<void>) {
  const p = new ConsumerPipeline<Value>({
    kafka,
    serde,
    producer,
    parking: new PgParkingLot(db),
    groupId,
    topic,
    handler,
    logger: createLogger('cli-test', 'silent'),
    onCrash: () => undefined,
  });
  cleanup.add(() => p.stop());
  return p;
}

describe('ml-connector dlq', () => {
  it('lists dead letters with their reasons and replays them once after the cause is fixed', async () => {
    const topic = await newTopic();
    let fixed = false;
    const handled: number[] = [];
    const p = pipeline(topic, uniqueName('group'), async (v) => {
      if (!fixed) throw new PermanentError('VALIDATION', 'BC refused the document: G/L account 40400 is blocked');
      handled.push(v.orderId);
    });
    await p.start();
    await producer.publishMany(topic, [{ connectionId: 'acme', orderId: 1 }, { connectionId: 'acme', orderId: 2 }]);
    const listed = await eventually('two dead letters', () => {
      const run = runCli(['dlq', 'list', '--topic', topic.name, '--json'], env);
      const rows = run.status === 0 ? (JSON.parse(run.stdout) as Array<Record<string, unknown>>) : [];
      return rows.length === 2 ? rows : undefined;
    });
    expect(listed.map((r) => [r.key, r.code, r.reason, r.replayed]).sort()).toEqual([
      ['acme:1', 'VALIDATION', 'BC refused the document: G/L account 40400 is blocked', false],
      ['acme:2', 'VALIDATION', 'BC refused the document: G/L account 40400 is blocked', false],
    ]);
    expect(runCli(['dlq', 'list', '--topic', topic.name], env).stdout).toMatch(/^TOPIC\s+PARTITION\s+OFFSET\s+KEY\s+CODE\s+REASON/);

    fixed = true;
    const dry = runCli(['dlq', 'replay', '--topic', topic.name, '--dry-run'], env);
    expect(dry.stdout).toMatch(/^would replay 2 dead letter\(s\)/);
    const replayed = runCli(['dlq', 'replay', '--topic', topic.name], env);
    expect(replayed.status).toBe(0);
    expect(replayed.stdout).toMatch(/^replayed 2 dead letter\(s\)/);
    await eventually('both replayed orders to be handled', () => (handled.length === 2 ? true : undefined));
    expect(handled.sort()).toEqual([1, 2]);
    expect(runCli(['dlq', 'replay', '--topic', topic.name], env).stdout).toMatch(/^replayed 0 dead letter\(s\)/);
    expect(runCli(['dlq', 'list', '--topic', 'no.such.topic'], env).status).toBe(3);
  });
});

describe('ml-connector replay', () => {
  it('refuses while the group is live, counts in a dry run, and re-processes idempotently', async () => {
    const topic = await newTopic();
    const group = uniqueName('group');
    const effects = new Set<number>();
    let deliveries = 0;
    const handler = async (v: Value) => {
      deliveries += 1;
      effects.add(v.orderId);
    };
    const first = pipeline(topic, group, handler);
    await first.start();
    await producer.publishMany(topic, Array.from({ length: 10 }, (_, i) => ({ connectionId: 'acme', orderId: i + 1 })));
    await eventually('ten deliveries', () => (deliveries === 10 ? true : undefined));

    const refused = runCli(['replay', '--group', group, '--topic', topic.name, '--from', '1h'], env);
    expect(refused.status).toBe(4);
    expect(refused.stderr).toMatch(new RegExp(`group ${group} has 1 live member\\(s\\) .*: stop the service that consumes it`));

    await first.stop();
    await eventually('the group to be empty', async () => {
      const admin = kafka.admin();
      await admin.connect();
      const [g] = (await admin.describeGroups([group])).groups;
      await admin.disconnect();
      return g!.members.length === 0 ? true : undefined;
    });
    const dry = runCli(['replay', '--group', group, '--topic', topic.name, '--from', '1h', '--dry-run', '--json'], env);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, events: 10 });
    const reset = runCli(['replay', '--group', group, '--topic', topic.name, '--from', '1h'], env);
    expect(reset.status).toBe(0);
    expect(reset.stdout).toContain(`${group} will re-process 10 event(s) of ${topic.name}`);

    const second = pipeline(topic, group, handler);
    await second.start();
    await eventually('the ten events again', () => (deliveries === 20 ? true : undefined));
    expect(effects.size).toBe(10);
    expect(runCli(['replay', '--group', group, '--topic', topic.name, '--from', 'yesterday-ish'], env).stderr).toContain('--from must be an ISO 8601 time');
  });
});
