import { syncCatalogOutcomeV1, TopicValue } from '@mlc/contracts';
import { SchemaSerde } from '@mlc/platform-kafka';
import { eventually, stackEnv, testKafka, uniqueName } from '@mlc/testing';
import type { CatalogWriterHarness } from './catalog-writer-harness';

type Outcome = TopicValue<typeof syncCatalogOutcomeV1>;
export type TopicPosition = Array<{ partition: number; offset: string }>;

/** Where `sync.catalog-outcome.v1` ends now: read outcomes from here on. */
export async function outcomeOffsets(): Promise<TopicPosition> {
  const admin = testKafka('catalog-writer-outcomes').admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(syncCatalogOutcomeV1.name);
    return offsets.map((o) => ({ partition: o.partition, offset: o.high }));
  } finally {
    await admin.disconnect();
  }
}

/** The harness connection's outcomes published after `from`, once at least `count` arrived. */
export async function collectOutcomes(
  h: CatalogWriterHarness,
  from: TopicPosition,
  count: number,
  timeoutMs = 30_000,
): Promise<Outcome[]> {
  const kafka = testKafka('catalog-writer-outcomes');
  const groupId = uniqueName('cw-outcomes');
  const admin = kafka.admin();
  await admin.connect();
  await admin.setOffsets({ groupId, topic: syncCatalogOutcomeV1.name, partitions: from });
  await admin.disconnect();
  const serde = new SchemaSerde(stackEnv.SCHEMA_REGISTRY_URL);
  const consumer = kafka.consumer({ groupId });
  const found: Outcome[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: syncCatalogOutcomeV1.name });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const value = await serde.decode<Outcome>(syncCatalogOutcomeV1, message.value);
        if (value.connectionId === h.connectionId) found.push(value);
      },
    });
    await eventually(`${count} outcomes`, () => (found.length >= count ? true : undefined), timeoutMs);
    return found;
  } finally {
    await consumer.disconnect();
  }
}
