import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { businesscentralItemChangedV1 } from '@mlc/contracts';
import type { ConnectionRegistry } from '@mlc/connections';
import { createKafka, EventProducer, SchemaSerde } from '@mlc/platform-kafka';
import { createLogger } from '@mlc/platform-observability';
import {
  Cleanup,
  createScratchDatabase,
  freePort,
  positionAtEnd,
  repoRoot,
  stackEnv,
  startSandboxProcess,
  testKafka,
  uniqueName,
  type SandboxProcess,
} from '@mlc/testing';
import { registerConnection, sandboxBc } from './support/connection-setup';
import { ServiceProcesses } from './support/service-processes';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Regression pin (found by `make demo`): a connection's settings change while catalog-writer is pushing. The new
 * settings version makes catalog-writer build a new BigCommerce client and close the old one, which a running
 * backfill (and a flush that took its runtime before waiting for the connection's lock) still uses: the backfill
 * fails with "The client is destroyed", and the flush's ClientDestroyedError crashes the process.
 */
describe('catalog-writer as a process, when the connection settings change during a push', () => {
  const cleanup = new Cleanup();
  let sandbox: SandboxProcess;
  let registry: ConnectionRegistry;
  let services: ServiceProcesses;
  let producer: EventProducer;
  let connectionId: string;
  let adminToken: string;

  beforeAll(async () => {
    sandbox = await startSandboxProcess();
    cleanup.add(() => sandbox.stop());
    await sandbox.control.seed({ products: 200, variantsPerProduct: 2, customers: 2, seed: 5 });
    const database = await createScratchDatabase(stackEnv.DATABASE_URL, 'e2e_cw');
    cleanup.add(() => database.drop());
    connectionId = uniqueName('e2e-cw');
    const masterKey = randomBytes(32).toString('base64');
    adminToken = randomBytes(24).toString('base64');
    const registered = await registerConnection(database.url, masterKey, sandbox, connectionId);
    registry = registered.registry;
    cleanup.add(() => registered.db.destroy());
    const env = {
      ...sandbox.env,
      DATABASE_URL: database.url,
      MASTER_KEY: masterKey,
      ADMIN_TOKEN: adminToken,
      // The shared broker: this connection's own consumer groups, and only its signals are served.
      CATALOG_WRITER_GROUP_SUFFIX: `.${connectionId}`,
      CATALOG_WRITER_CONNECTIONS: connectionId,
      CATALOG_DRIFT_CHECK_INTERVAL_MS: '0',
    };
    services = new ServiceProcesses(() => env, { ingress: 0, 'bc-watcher': 0, 'bc-writer': 0, 'catalog-writer': await freePort() },
      path.join(repoRoot(), '.local/e2e', connectionId));
    cleanup.add(() => services.stopAll());
    await startGroupsAtEnd(`.${connectionId}`);
    await services.start('catalog-writer');
    producer = new EventProducer(createKafka({ brokers: stackEnv.KAFKA_BROKERS.split(','), clientId: 'e2e-cw', logger: createLogger('e2e', 'error') }),
      new SchemaSerde(stackEnv.SCHEMA_REGISTRY_URL));
    cleanup.add(() => producer.disconnect());
  });

  afterAll(() => cleanup.run());

  it('finishes the backfill and keeps serving signals', async () => {
    const bc = sandboxBc(sandbox, connectionId);
    const [a, b] = await bc.items.byNumbers(['SKU-00001-S', 'SKU-00002-S']);
    await bc.close();
    // Slow store writes, so the backfill of 400 variants is still pushing while the settings change.
    await sandbox.control.fault({ system: 'bigcommerce', method: 'PUT', latencyMs: 1500 });
    const backfill = fetch(`${services.url('catalog-writer')}/admin/connections/${connectionId}/backfill-catalog`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}` },
    }).then((r) => r.text());
    await sleep(1500);
    await sandbox.control.changeItem('SKU-00001-S', { unitPrice: '77.70' });
    await signal(a!.id);
    await sleep(3000);
    await registry.updateSettings(connectionId, { catalog: { coalesceWindowMs: 1000 } }, 'e2e');
    await sleep(6000); // past the services' registry cache
    await sandbox.control.changeItem('SKU-00002-S', { unitPrice: '88.80' });
    await signal(b!.id);

    const lines = (await backfill).trim().split('\n').map((l) => JSON.parse(l) as { type: string; message?: string });
    const last = lines[lines.length - 1]!;
    expect(last.type === 'summary' ? 'backfill summary' : `backfill ${last.type}: ${last.message}`).toBe('backfill summary');
    await sleep(8000);
    expect(services.alive('catalog-writer')).toBe(true);
    const prices = (await sandbox.control.state<{ bigcommerce: { prices: Record<string, string> } }>()).bigcommerce.prices;
    expect([prices['SKU-00001-S'], prices['SKU-00002-S']]).toEqual(['77.70', '88.80']);
  });

  /** New groups on the shared broker would read every earlier run's signals first: they start at the end instead. */
  async function startGroupsAtEnd(suffix: string): Promise<void> {
    const kafka = testKafka('e2e-cw');
    const groups: Array<[string, string]> = [
      [`catalog-writer.items${suffix}`, 'businesscentral.item-changed.v1'],
      [`catalog-writer.catalog${suffix}`, 'bigcommerce.catalog-signal.v1'],
      [`catalog-writer.order-states${suffix}`, 'sync.order-state.v1'],
    ];
    await Promise.all(groups.map(([groupId, topic]) => positionAtEnd(kafka, groupId, topic)));
  }

  async function signal(itemId: string): Promise<void> {
    await producer.publish(businesscentralItemChangedV1, {
      connectionId,
      itemId,
      changeType: 'updated',
      source: 'notification',
      occurredAt: new Date().toISOString(),
    });
  }
});
