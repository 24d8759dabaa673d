/**
 * A consumer pipeline in its own process, for the crash test: it appends every handled message to an effects file
 * (one synced line each) and can be killed with SIGKILL at any moment. Env: WORKER_TOPIC, WORKER_GROUP,
 * WORKER_SCHEMA, WORKER_EFFECTS, plus the stack variables.
 */
import { appendFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { z } from 'zod';
import { defineTopic } from '@mlc/contracts';
import { ConsumerPipeline } from '../consumer-pipeline';
import { EventProducer } from '../event-producer';
import { createKafka } from '../kafka-factory';
import { CreateParkingLot1764300000000, PgParkingLot } from '../pg-parking-lot';
import { SchemaSerde } from '../schema-serde';
import { openDatabase } from '@mlc/platform-persistence';
import { createLogger } from '@mlc/platform-observability';
import { workerValue } from './pipeline-worker-contract';


async function main(): Promise<void> {
  const env = z
    .object({
      WORKER_TOPIC: z.string(),
      WORKER_GROUP: z.string(),
      WORKER_SCHEMA: z.string(),
      WORKER_EFFECTS: z.string(),
      KAFKA_BROKERS: z.string().default('127.0.0.1:9092'),
      SCHEMA_REGISTRY_URL: z.string().default('http://127.0.0.1:8081/apis/ccompat/v7'),
      DATABASE_URL: z.string(),
    })
    .parse(process.env);
  const topic = defineTopic({ name: env.WORKER_TOPIC, description: 'crash test', schema: workerValue, key: (v) => `${v.connectionId}:${v.key}` });
  const logger = createLogger('pipeline-worker', 'warn');
  const kafka = createKafka({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'pipeline-worker', logger });
  const serde = new SchemaSerde(env.SCHEMA_REGISTRY_URL);
  const db = await openDatabase({ url: env.DATABASE_URL, schema: env.WORKER_SCHEMA, migrations: [CreateParkingLot1764300000000] });
  const pipeline = new ConsumerPipeline<z.infer<typeof workerValue>>({
    kafka,
    serde,
    producer: new EventProducer(kafka, serde),
    parking: new PgParkingLot(db),
    groupId: env.WORKER_GROUP,
    topic,
    logger,
    handler: async (value, ctx) => {
      appendFileSync(env.WORKER_EFFECTS, `${value.seq} ${ctx.partition} ${ctx.offset}\n`);
      const fd = openSync(env.WORKER_EFFECTS, 'a');
      fsyncSync(fd);
      closeSync(fd);
      await new Promise((r) => setTimeout(r, 5));
    },
  });
  await pipeline.start();
  process.stdout.write('worker started\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`worker failed: ${String(err)}\n`);
  process.exit(1);
});
