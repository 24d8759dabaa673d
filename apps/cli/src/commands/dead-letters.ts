import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { DLQ_HEADERS } from '@mlc/platform-kafka';

export interface DeadLetter {
  readonly dlqTopic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Record<string, string>;
  readonly reason: string;
  readonly code: string;
  readonly originalTopic: string;
  readonly deadLetteredAt: string;
}

/** The `.dlq` topics to read: one (named with or without the suffix) or all of them. */
export async function dlqTopics(admin: Admin, topic?: string): Promise<string[]> {
  const all = (await admin.listTopics()).filter((t) => t.endsWith('.dlq')).sort();
  if (!topic) return all;
  const name = topic.endsWith('.dlq') ? topic : `${topic}.dlq`;
  return all.includes(name) ? [name] : [];
}

/** Reads every record currently in the given DLQ topics (up to their high watermarks), without committing anything. */
export async function readDeadLetters(kafka: Kafka, admin: Admin, topics: string[]): Promise<DeadLetter[]> {
  const out: DeadLetter[] = [];
  for (const topic of topics) {
    const ends = (await admin.fetchTopicOffsets(topic)).filter((p) => Number(p.high) > Number(p.low));
    if (ends.length === 0) continue;
    const remaining = new Map(ends.map((p) => [p.partition, Number(p.high)]));
    const groupId = `ml-connector-cli.dlq-read.${randomUUID()}`;
    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            out.push(toDeadLetter(topic, partition, message.offset, message.key, message.value, message.headers ?? {}));
            if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
            if (remaining.size === 0) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return out;
}

function toDeadLetter(
  dlqTopic: string,
  partition: number,
  offset: string,
  key: Buffer | null,
  value: Buffer | null,
  raw: Record<string, unknown>,
): DeadLetter {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) headers[k] = Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  return {
    dlqTopic,
    partition,
    offset,
    key: key?.toString('utf8') ?? null,
    value,
    headers,
    reason: headers[DLQ_HEADERS.reason] ?? '(no reason recorded)',
    code: headers[DLQ_HEADERS.code] ?? 'UNKNOWN',
    originalTopic: headers[DLQ_HEADERS.topic] ?? dlqTopic.replace(/\.dlq$/, ''),
    deadLetteredAt: headers[DLQ_HEADERS.at] ?? '',
  };
}
