import { randomUUID } from 'node:crypto';
import { Partitioners, type Admin, type Kafka } from 'kafkajs';

/** One Kafka record found for a key: where it is and when it was written. */
export interface KeyedEvent {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly time: string;
  readonly key: string;
  readonly value: Buffer | null;
  readonly headers: Record<string, string>;
}

export interface KeyedTopic {
  readonly topic: string;
  readonly keys: readonly string[];
}

/**
 * The partition the producers' default (murmur2, Java-compatible) partitioner puts `key` in, so a trace reads only
 * the partitions that can hold an order's records instead of whole topics.
 */
export function partitionFor(key: string, topic: string, partitions: number): number {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0] }));
  return partitioner({ topic, partitionMetadata, message: { key, value: null } });
}

/**
 * Reads every record with one of the keys from the partitions that hold them, from `sinceMs` up to the current end,
 * with a throwaway consumer group whose offsets are set before it joins (nothing else is read, nothing committed).
 */
export async function readKeyedEvents(kafka: Kafka, admin: Admin, targets: readonly KeyedTopic[], sinceMs: number): Promise<KeyedEvent[]> {
  const existing = new Set(await admin.listTopics());
  const out: KeyedEvent[] = [];
  for (const { topic, keys } of targets) {
    if (!existing.has(topic)) continue;
    const ends = await admin.fetchTopicOffsets(topic);
    const starts = new Map((await admin.fetchTopicOffsetsByTimestamp(topic, sinceMs)).map((p) => [p.partition, Number(p.offset)]));
    const wanted = new Set(keys.map((k) => partitionFor(k, topic, ends.length)));
    const plan = ends.map((p) => {
      const high = Number(p.high);
      const start = starts.get(p.partition) ?? -1;
      const from = wanted.has(p.partition) ? (start < 0 ? high : Math.max(start, Number(p.low))) : high;
      return { partition: p.partition, from, high };
    });
    const remaining = new Map(plan.filter((p) => p.from < p.high).map((p) => [p.partition, p.high]));
    if (remaining.size === 0) continue;
    const groupId = `ml-connector-cli.trace.${randomUUID()}`;
    await admin.setOffsets({ groupId, topic, partitions: plan.map((p) => ({ partition: p.partition, offset: String(p.from) })) });
    const keySet = new Set(keys);
    const consumer = kafka.consumer({ groupId });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const key = message.key?.toString('utf8') ?? '';
              if (keySet.has(key)) {
                out.push({
                  topic,
                  partition,
                  offset: message.offset,
                  time: new Date(Number(message.timestamp)).toISOString(),
                  key,
                  value: message.value,
                  headers: textHeaders(message.headers ?? {}),
                });
              }
              if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
  }
  return out.sort((a, b) => a.time.localeCompare(b.time) || a.topic.localeCompare(b.topic) || Number(a.offset) - Number(b.offset));
}

function textHeaders(raw: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) headers[k] = Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  return headers;
}
