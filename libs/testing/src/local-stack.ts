import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';

/**
 * The real local stack for integration tests (started by `make test` through infra/up.sh). When the variables are
 * unset and a Docker socket exists, Testcontainers could provide them instead; our machines use local processes.
 */
export const stackEnv = z
  .object({
    KAFKA_BROKERS: z.string().default('127.0.0.1:9092'),
    SCHEMA_REGISTRY_URL: z.string().default('http://127.0.0.1:8081/apis/ccompat/v7'),
    DATABASE_URL: z.string().default('postgres://mlc:mlc@127.0.0.1:5432/ml_connector_test'),
  })
  .parse(process.env);

/** A name no other test (or earlier run) uses: topics, groups, schemas, connection ids. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export function testKafka(clientId = 'ml-connector-test'): Kafka {
  return new Kafka({ clientId, brokers: stackEnv.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
}

/** Registers cleanup the moment something is created; run `cleanup.run()` in afterAll/afterEach. */
export class Cleanup {
  private readonly steps: Array<() => Promise<unknown>> = [];

  add(step: () => Promise<unknown>): void {
    this.steps.unshift(step);
  }

  async run(): Promise<void> {
    const steps = this.steps.splice(0);
    for (const step of steps) await step().catch(() => undefined);
  }
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs` naming what it waited for. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

/** Commits a consumer group's offsets at the current end of a topic (the shared topics hold earlier runs' records). */
export async function positionAtEnd(kafka: Kafka, groupId: string, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({ groupId, topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) });
  } finally {
    await admin.disconnect();
  }
}
