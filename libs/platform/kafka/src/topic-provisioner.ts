import { Kafka } from 'kafkajs';
import { dlqTopicName, TopicContract } from '@mlc/contracts';

export interface ProvisionOptions {
  readonly partitions: number;
  readonly replicationFactor: number;
  /** The log is the audit trail and the replay source: keep it long (default 30 days). */
  readonly retentionMs: number;
}

export const DEFAULT_PROVISION: ProvisionOptions = { partitions: 6, replicationFactor: 1, retentionMs: 30 * 24 * 3600_000 };

/** Creates the topics (and their `.dlq` twins) that do not exist yet; existing topics are left as they are. */
export async function provisionTopics(
  kafka: Kafka,
  contracts: readonly TopicContract[] | readonly string[],
  options: ProvisionOptions = DEFAULT_PROVISION,
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const names = contracts.flatMap((c) => {
      const name = typeof c === 'string' ? c : c.name;
      return [name, dlqTopicName(name)];
    });
    const existing = new Set(await admin.listTopics());
    const missing = names.filter((n) => !existing.has(n));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: options.partitions,
          replicationFactor: options.replicationFactor,
          configEntries: [
            { name: 'retention.ms', value: String(options.retentionMs) },
            { name: 'min.insync.replicas', value: String(Math.min(2, options.replicationFactor)) },
          ],
        })),
      });
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}
