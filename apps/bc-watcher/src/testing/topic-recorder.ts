import type { Consumer } from 'kafkajs';
import type { TopicContract } from '@mlc/contracts';
import { SchemaSerde } from '@mlc/platform-kafka';
import { stackEnv, testKafka, uniqueName } from '@mlc/testing';

export interface Recorded {
  readonly topic: string;
  readonly value: Record<string, unknown>;
  /** When the test process received it (local ms). */
  readonly at: number;
}

/**
 * Records one connection's events on the shared topics, from their ends at `start()` onwards (the fixed topic names
 * are shared by every test and service, so values are filtered by connectionId).
 */
export class TopicRecorder {
  readonly records: Recorded[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly contracts: readonly TopicContract[],
    private readonly connectionId: string,
  ) {}

  async start(): Promise<this> {
    const kafka = testKafka('bc-watcher-recorder');
    const admin = kafka.admin();
    await admin.connect();
    const ends = await Promise.all(this.contracts.map(async (c) => ({ topic: c.name, offsets: await admin.fetchTopicOffsets(c.name) })));
    await admin.disconnect();
    const serde = new SchemaSerde(stackEnv.SCHEMA_REGISTRY_URL);
    const byName = new Map(this.contracts.map((c) => [c.name, c]));
    this.consumer = kafka.consumer({ groupId: uniqueName('bc-watcher-recorder') });
    await this.consumer.connect();
    for (const c of this.contracts) await this.consumer.subscribe({ topic: c.name, fromBeginning: false });
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        const contract = byName.get(topic);
        if (!contract) return;
        const value = await serde.decode<Record<string, unknown>>(contract, message.value);
        if (value.connectionId === this.connectionId) this.records.push({ topic, value, at: Date.now() });
      },
    });
    for (const { topic, offsets } of ends) {
      for (const { partition, offset } of offsets) this.consumer.seek({ topic, partition, offset });
    }
    return this;
  }

  values(topic: string, where: Record<string, unknown> = {}): Array<Record<string, unknown>> {
    return this.matching(topic, where).map((r) => r.value);
  }

  matching(topic: string, where: Record<string, unknown> = {}): Recorded[] {
    return this.records.filter((r) => r.topic === topic && Object.entries(where).every(([k, v]) => r.value[k] === v));
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
