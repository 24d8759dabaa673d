import { writeFile } from 'node:fs/promises';
import { Client } from 'pg';
import type { Kafka } from 'kafkajs';

/** One consumer group of a service and the topic it reads, as the services name them. */
export interface GroupTopic {
  readonly group: string;
  readonly topic: string;
}

/** Consumer group ids of one slate: configurable per service (see scripts/services.sh) and unique per slate. */
export function slateGroups(slate: string): { env: Record<string, string>; groups: GroupTopic[] } {
  const suffix = `.sandbox-${slate}`;
  const env = {
    BC_WRITER_ORDER_GROUP: `bc-writer.orders${suffix}`,
    BC_WRITER_CUSTOMER_GROUP: `bc-writer.customers${suffix}`,
    CATALOG_WRITER_GROUP_SUFFIX: suffix,
    WATCH_CONSUMER_GROUP: `bc-watcher${suffix}`,
    KAFKA_GROUP_PREFIX: `sandbox-${slate}.`,
    KAFKA_START_FROM: 'latest',
  };
  const groups: GroupTopic[] = [
    { group: env.BC_WRITER_ORDER_GROUP, topic: 'bigcommerce.order-signal.v1' },
    { group: env.BC_WRITER_CUSTOMER_GROUP, topic: 'businesscentral.customer-changed.v1' },
    { group: `catalog-writer.items${suffix}`, topic: 'businesscentral.item-changed.v1' },
    { group: `catalog-writer.catalog${suffix}`, topic: 'bigcommerce.catalog-signal.v1' },
    { group: `catalog-writer.order-states${suffix}`, topic: 'sync.order-state.v1' },
    { group: env.WATCH_CONSUMER_GROUP, topic: 'businesscentral.rescan-requested.v1' },
  ];
  return { env, groups };
}

/** Drops the database named by `url` (closing its sessions) and creates it empty. */
export async function recreateDatabase(url: string): Promise<string> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`refusing to recreate database "${name}": not a plain identifier`);
  const admin = new URL(target);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  return name;
}

/** Commits each (new) group at the current end of its topic, so it reads only what is published from now on. */
export async function positionAtEnd(kafka: Kafka, groups: readonly GroupTopic[]): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = new Set(await admin.listTopics());
    // A fresh broker has no topics yet: the services create them, and a new group then starts at offset 0 anyway.
    const present = groups.filter((g) => topics.has(g.topic));
    // Each commit waits for the group coordinator (seconds): all groups at once.
    await Promise.all(
      present.map(async ({ group, topic }) => {
        const ends = await admin.fetchTopicOffsets(topic);
        await admin.setOffsets({ groupId: group, topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
      }),
    );
    return present.length;
  } finally {
    await admin.disconnect();
  }
}

/** Writes `KEY=value` lines for `source` / `set -a` (values are identifiers and URLs without spaces or quotes). */
export async function writeEnvFile(path: string, values: Record<string, string>): Promise<void> {
  const lines = Object.entries(values).map(([k, v]) => `${k}=${v}`);
  await writeFile(path, `${lines.join('\n')}\n`, { mode: 0o600 });
}
