import { Client } from 'pg';
import { CONNECTIONS_MIGRATIONS, CONNECTIONS_SCHEMA, ConnectionRegistry } from '@mlc/connections';
import { masterKeyFromBase64, SecretBox } from '@mlc/platform-crypto';
import { openDatabase } from '@mlc/platform-persistence';
import { bigcommerceCatalogSignalV1, businesscentralItemChangedV1, syncOrderStateV1 } from '@mlc/contracts';
import type { EventProducer } from '@mlc/platform-kafka';
import { SandboxProcess, stackEnv, testKafka } from '@mlc/testing';
import type { Logged, PushFigures } from './push-report';

/** Sandbox, Kafka and database chores of the catalog-writer benchmark. */

export async function storeLog(sandbox: SandboxProcess): Promise<Logged[]> {
  return (await sandbox.control.requests('bigcommerce')).requests;
}

/** New consumer groups start at the topics' ends: the bench measures its own events only. */
export async function moveGroupsToEnd(suffix: string): Promise<void> {
  const admin = testKafka('catalog-writer-bench').admin();
  await admin.connect();
  const groups = {
    'catalog-writer.items': businesscentralItemChangedV1,
    'catalog-writer.order-states': syncOrderStateV1,
    'catalog-writer.catalog': bigcommerceCatalogSignalV1,
  };
  for (const [group, topic] of Object.entries(groups)) {
    const offsets = await admin.fetchTopicOffsets(topic.name);
    const partitions = offsets.map((o) => ({ partition: o.partition, offset: o.high }));
    await admin.setOffsets({ groupId: `${group}${suffix}`, topic: topic.name, partitions });
  }
  await admin.disconnect();
}

/** Changes every item in BC (price and silent stock movement) through the control API; returns item ids by SKU. */
export async function changeAll(
  sandbox: SandboxProcess,
  skus: readonly string[],
  round: number,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < skus.length) {
      const i = next++;
      const sku = skus[i];
      if (sku === undefined) return;
      const item = (await sandbox.control.changeItem(sku, expected(i, round))) as { id: string };
      ids.set(sku, item.id);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return ids;
}

/** The BC values of the i-th SKU in a round of changes (every round changes every price and every level). */
export function expected(i: number, round: number): { unitPrice: string; inventory: number } {
  return { unitPrice: `${20 + (i % 50)}.${round}9`, inventory: 500 + (i % 100) + round * 100 };
}

/** Polls the store (control API, no quota used) until every SKU shows the round's values; returns when. */
export async function untilStoreShows(
  sandbox: SandboxProcess,
  skus: readonly string[],
  round: number,
  timeoutMs = 600_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await sandbox.control.request<{ stock: Record<string, number>; prices: Record<string, string> }>(
      'GET',
      '/bigcommerce/state',
    );
    const done = skus.every((sku, i) => {
      const want = expected(i, round);
      return state.stock[sku] === want.inventory && state.prices[sku] === want.unitPrice;
    });
    if (done) return Date.now();
    if (Date.now() > deadline) throw new Error('the store did not show every change in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The push runs the service recorded since `since`, with the SKUs each carried. */
export async function pushRuns(schema: string, since: number): Promise<PushFigures['pushes']> {
  const db = new Client({ connectionString: stackEnv.DATABASE_URL });
  await db.connect();
  const result = await db.query<{ skus: number }>(
    `select (counts->>'skus')::int as skus from "${schema}".push_runs where started_at >= $1 order by id`,
    [new Date(since)],
  );
  await db.end();
  return { count: result.rows.length, skus: result.rows.map((r) => r.skus) };
}

/** One `businesscentral.item-changed.v1` per SKU, as a stock scan would publish them. */
export async function publishChanges(
  producer: EventProducer,
  connectionId: string,
  skus: readonly string[],
  ids: ReadonlyMap<string, string>,
): Promise<void> {
  const occurredAt = new Date().toISOString();
  const events = skus.flatMap((sku) => {
    const itemId = ids.get(sku);
    return itemId ? [{ connectionId, itemId, changeType: 'stock' as const, source: 'scan' as const, occurredAt }] : [];
  });
  for (let i = 0; i < events.length; i += 1000) {
    await producer.publishMany(businesscentralItemChangedV1, events.slice(i, i + 1000));
  }
}

/** Sets the connection's catalog quota share as the CLI would (a new settings version the service picks up). */
export async function setQuotaShare(masterKey: string, connectionId: string, share: number): Promise<void> {
  const db = await openDatabase({ url: stackEnv.DATABASE_URL, schema: CONNECTIONS_SCHEMA, migrations: CONNECTIONS_MIGRATIONS });
  const registry = new ConnectionRegistry(db, new SecretBox(masterKeyFromBase64(masterKey)));
  await registry.updateSettings(connectionId, { catalog: { quotaShare: share } }, 'bench');
  await db.destroy();
}

export async function dropState(schema: string, connectionId: string): Promise<void> {
  const db = new Client({ connectionString: stackEnv.DATABASE_URL });
  await db.connect();
  await db.query(`drop schema if exists "${schema}" cascade`);
  await db.query(`delete from connections.settings_history where connection_id = $1`, [connectionId]).catch(() => undefined);
  await db.query(`delete from connections.connections where id = $1`, [connectionId]).catch(() => undefined);
  await db.end();
}

