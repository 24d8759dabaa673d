import { CompressionTypes, Kafka, Partitioners, Producer, RecordMetadata } from 'kafkajs';
import { RetryableError } from '@mlc/platform-errors';
import type { TopicContract } from '@mlc/contracts';
import { SchemaSerde } from './schema-serde';

export interface PublishOptions {
  readonly headers?: Record<string, string>;
  /** Overrides the contract's key (only for re-publishing, e.g. DLQ replay). */
  readonly key?: string;
}

/**
 * Idempotent producer with acks=all: a resolved publish means every in-sync replica has the record. Producing fails
 * with RetryableError('DEPENDENCY_DOWN') when the broker is unreachable, so callers (ingress) can answer 503.
 */
export class EventProducer {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(
    kafka: Kafka,
    private readonly serde: SchemaSerde,
  ) {
    // The default (murmur2) partitioner matches Java clients, so keys land where any Kafka tool expects them.
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((err: unknown) => {
      this.connected = undefined;
      throw brokerDown(err);
    });
    return this.connected;
  }

  async publish<V>(contract: TopicContract, value: V, options: PublishOptions = {}): Promise<RecordMetadata> {
    const [meta] = await this.publishMany(contract, [value], options);
    return meta!;
  }

  /** Publishes values in one request; keys come from the contract so ordering follows the business id. */
  async publishMany<V>(contract: TopicContract, values: V[], options: PublishOptions = {}): Promise<RecordMetadata[]> {
    if (values.length === 0) return [];
    const messages = await Promise.all(
      values.map(async (value) => ({
        key: options.key ?? contract.key(value as never),
        value: await this.serde.encode(contract, value),
        headers: options.headers,
      })),
    );
    await this.connect();
    try {
      return await this.producer.send({ topic: contract.name, acks: -1, compression: CompressionTypes.None, messages });
    } catch (err) {
      throw brokerDown(err);
    }
  }

  /** Sends already-encoded bytes (dead letters, replays) to any topic. */
  async sendRaw(topic: string, messages: Array<{ key: string | null; value: Buffer | null; headers?: Record<string, string> }>) {
    await this.connect();
    try {
      return await this.producer.send({ topic, acks: -1, messages });
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
