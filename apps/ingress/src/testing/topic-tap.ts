import type { Admin, Consumer, Kafka } from 'kafkajs';
import { connectionIdOfKey, TopicContract } from '@mlc/contracts';
import { SchemaSerde } from '@mlc/platform-kafka';
import { eventually, uniqueName } from '@mlc/testing';

/** A record read back from a real topic, decoded and validated by its contract. */
export interface TappedRecord {
  readonly topic: string;
  readonly key: string;
  readonly value: Record<string, unknown>;
  readonly partition: number;
  readonly offset: string;
  /** The schema id in the record's Confluent framing. */
  readonly schemaId: number;
}

/**
 * Reads the real topics (their names are fixed, so tests cannot own them) from the offsets they had when the tap
 * started, with a group of its own. Tests filter by their unique connection id. `caughtUp()` waits until the tap has
 * read up to the current end of every partition: anything published before it was called is then visible, which is
 * how "nothing was published" is asserted without sleeping.
 */
export class TopicTap {
  private readonly records = new Map<string, TappedRecord>();
  private readonly positions = new Map<string, bigint>();
  private consumer?: Consumer;
  private admin?: Admin;

  private constructor(
    private readonly kafka: Kafka,
    private readonly serde: SchemaSerde,
    private readonly contracts: readonly TopicContract[],
  ) {}

  static async start(kafka: Kafka, registryUrl: string, contracts: readonly TopicContract[]): Promise<TopicTap> {
    const tap = new TopicTap(kafka, new SchemaSerde(registryUrl), contracts);
    await tap.run();
    return tap;
  }

  /** Records whose key belongs to the connection, in the order read. */
  forConnection(connectionId: string, topic?: string): TappedRecord[] {
    return [...this.records.values()].filter(
      (r) => connectionIdOfKey(r.key) === connectionId && (topic === undefined || r.topic === topic),
    );
  }

  /** The registry's id of the topic's value schema (subject `<topic>-value`), which every record must carry. */
  schemaIdOf(topic: string): Promise<number> {
    const contract = this.contracts.find((c) => c.name === topic);
    if (!contract) throw new Error(`the tap does not read ${topic}`);
    return this.serde.schemaId(contract);
  }

  /** Waits until at least `count` records of the connection (on `topic` when given) were read. */
  async waitFor(connectionId: string, count: number, topic?: string, timeoutMs = 20_000): Promise<TappedRecord[]> {
    return eventually(
      `${count} record(s) for ${connectionId}${topic ? ` on ${topic}` : ''}`,
      () => {
        const found = this.forConnection(connectionId, topic);
        return found.length >= count ? found : undefined;
      },
      timeoutMs,
    );
  }

  /** Resolves once every partition has been read up to its current end offset. */
  async caughtUp(timeoutMs = 20_000): Promise<void> {
    const ends = await this.endOffsets();
    await eventually(
      'the tap to reach the end of every partition',
      () => ([...ends].every(([tp, end]) => (this.positions.get(tp) ?? -1n) >= end) ? true : undefined),
      timeoutMs,
    );
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
  }

  private async run(): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
    const starts = await this.endOffsets();
    for (const [tp, offset] of starts) this.positions.set(tp, offset);
    const consumer = this.kafka.consumer({ groupId: uniqueName('ingress-test-tap'), maxWaitTimeInMs: 100 });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: this.contracts.map((c) => c.name), fromBeginning: false });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    let seeked = false;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (seeked) return;
      seeked = true;
      for (const [tp, offset] of starts) {
        const [topic, partition] = splitTp(tp);
        consumer.seek({ topic, partition, offset: offset.toString() });
      }
    });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const contract = this.contracts.find((c) => c.name === topic);
        if (!contract) return;
        const value = await this.serde.decode<Record<string, unknown>>(contract, message.value);
        const key = message.key?.toString('utf8') ?? '';
        this.records.set(`${topic}:${partition}:${message.offset}`, {
          topic,
          key,
          value,
          partition,
          offset: message.offset,
          schemaId: message.value?.readUInt32BE(1) ?? -1,
        });
        this.positions.set(`${topic}:${partition}`, BigInt(message.offset) + 1n);
      },
    });
    await joined;
  }

  /** End offsets of every partition; retried, because a broker that just created the topics may not lead them yet. */
  private endOffsets(): Promise<Map<string, bigint>> {
    const admin = this.admin;
    if (!admin) throw new Error('tap not started');
    return eventually('end offsets of the tapped topics', async () => {
      const out = new Map<string, bigint>();
      for (const contract of this.contracts) {
        for (const p of await admin.fetchTopicOffsets(contract.name))
          out.set(`${contract.name}:${p.partition}`, BigInt(p.high));
      }
      return out;
    });
  }
}

function splitTp(tp: string): [string, number] {
  const i = tp.lastIndexOf(':');
  return [tp.slice(0, i), Number(tp.slice(i + 1))];
}
