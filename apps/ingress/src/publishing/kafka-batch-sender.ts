import { CompressionTypes, Kafka, Message, Producer } from 'kafkajs';
import { RetryableError } from '@mlc/platform-errors';
import { BatchSender, OutboundMessage } from './batch-publisher';
import { Murmur2Partitioner } from './murmur2-partitioner';

/**
 * The real sender: one idempotent kafkajs producer (acks=all, one request in flight, which idempotence requires) that
 * writes a whole batch, across topics, in one produce call, partitioning keys exactly as every other producer does.
 * Any failure is RetryableError('DEPENDENCY_DOWN').
 */
export class KafkaBatchSender implements BatchSender {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Murmur2Partitioner,
    });
  }

  connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((err: unknown) => {
      this.connected = undefined;
      throw brokerDown(err);
    });
    return this.connected;
  }

  async send(messages: readonly OutboundMessage[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const m of messages) {
      let list = byTopic.get(m.topic);
      if (!list) byTopic.set(m.topic, (list = []));
      list.push({ key: m.key, value: m.value });
    }
    await this.connect();
    try {
      await this.producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })),
      });
    } catch (err) {
      throw brokerDown(err);
    }
  }

  async disconnect(): Promise<void> {
    this.connected = undefined;
    await this.producer.disconnect();
  }
}

function brokerDown(err: unknown): RetryableError {
  if (err instanceof RetryableError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new RetryableError('DEPENDENCY_DOWN', `Kafka publish failed: ${message}`, { cause: err });
}
