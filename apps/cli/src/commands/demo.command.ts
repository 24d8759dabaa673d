import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { z } from 'zod';
import { defineTopic } from '@mlc/contracts';
import { ConsumerPipeline, createKafka, CreateParkingLot1764300000000, EventProducer, PgParkingLot, provisionTopics, SchemaSerde } from '@mlc/platform-kafka';
import { createLogger } from '@mlc/platform-observability';
import { openDatabase, MigrationInterface, QueryRunner } from '@mlc/platform-persistence';
import { loadCliConfig } from '../config';

const roundTrip = defineTopic({
  name: 'ml-connector.demo-roundtrip.v1',
  description: 'The local stack self-check of make demo',
  schema: z.object({ connectionId: z.string(), runId: z.uuid(), sentAt: z.iso.datetime() }),
  key: (v) => `${v.connectionId}:${v.runId}`,
});

class CreateRoundTrips1764300200000 implements MigrationInterface {
  name = 'CreateRoundTrips1764300200000';
  async up(q: QueryRunner) {
    await q.query(`create table round_trips (run_id uuid primary key, sent_at timestamptz not null, handled_at timestamptz not null)`);
  }
  async down(q: QueryRunner) {
    await q.query(`drop table round_trips`);
  }
}

const step = (text: string) => process.stdout.write(`  ✔ ${text}\n`);

/** `ml-connector demo`: proves the local stack end to end (contract, publish, pipeline, row) and says what it did. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Run the local demo against the stack started by make up (Kafka, registry, PostgreSQL)')
    .action(async () => {
      const config = loadCliConfig();
      const logger = createLogger('cli', config.LOG_LEVEL);
      const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'ml-connector-demo', logger });
      const serde = new SchemaSerde(config.SCHEMA_REGISTRY_URL);
      const producer = new EventProducer(kafka, serde);
      const db = await openDatabase({ url: config.DATABASE_URL, schema: 'demo', migrations: [CreateParkingLot1764300000000, CreateRoundTrips1764300200000] });
      process.stdout.write('ml-connector demo: local stack round trip\n');
      const created = await provisionTopics(kafka, [roundTrip], { partitions: 3, replicationFactor: 1, retentionMs: 7 * 24 * 3600_000 });
      step(`topic ${roundTrip.name} ${created.length ? 'created' : 'present'} (with its .dlq twin)`);
      const schemaId = await serde.schemaId(roundTrip);
      step(`JSON Schema registered as subject ${roundTrip.name}-value (id ${schemaId}, BACKWARD)`);

      const runId = randomUUID();
      let done: () => void = () => undefined;
      const handled = new Promise<void>((resolve) => (done = resolve));
      const pipeline = new ConsumerPipeline<z.infer<typeof roundTrip.schema>>({
        kafka,
        serde,
        producer,
        parking: new PgParkingLot(db),
        groupId: `demo-${runId}`,
        topic: roundTrip,
        logger,
        fromBeginning: false,
        handler: async (value, ctx) => {
          await db.query(`insert into round_trips (run_id, sent_at, handled_at) values ($1, $2, now()) on conflict do nothing`, [value.runId, value.sentAt]);
          if (value.runId === runId) {
            step(`consumed from partition ${ctx.partition} offset ${ctx.offset}, decoded and validated`);
            done();
          }
        },
      });
      await pipeline.start();
      const meta = await producer.publish(roundTrip, { connectionId: 'demo', runId, sentAt: new Date().toISOString() });
      step(`published with acks=all to partition ${meta.partition} at offset ${meta.baseOffset}`);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([handled, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no round trip within 60 s')), 60_000)))]);
      clearTimeout(timer);
      const rows: Array<{ ms: string }> = await db.query(
        `select round(extract(epoch from handled_at - sent_at) * 1000)::text as ms from round_trips where run_id = $1`,
        [runId],
      );
      step(`row written to demo.round_trips (publish to row: ${rows[0]?.ms ?? '?'} ms)`);
      await pipeline.stop();
      await producer.disconnect();
      await db.destroy();
      process.stdout.write('demo: OK\n');
    });
}
