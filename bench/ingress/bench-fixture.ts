import { createHmac, createSecretKey, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CONNECTIONS_MIGRATIONS, CONNECTIONS_SCHEMA, ConnectionRegistry } from '@mlc/connections';
import { masterKeyFromBase64, SecretBox } from '@mlc/platform-crypto';
import { DataSource, openDatabase } from '@mlc/platform-persistence';
import type { LoadRequest } from './load-generator';

/** The connection the benchmark delivers to, registered for the run and removed after it. */
export interface BenchConnection {
  readonly id: string;
  readonly storeHash: string;
  readonly storeId: string;
  readonly clientSecret: string;
  remove(): Promise<void>;
}

export async function registerBenchConnection(databaseUrl: string, masterKey: string): Promise<BenchConnection> {
  const db: DataSource = await openDatabase({
    url: databaseUrl,
    schema: CONNECTIONS_SCHEMA,
    migrations: CONNECTIONS_MIGRATIONS,
    poolSize: 1,
  });
  const registry = new ConnectionRegistry(db, new SecretBox(masterKeyFromBase64(masterKey)), 0);
  const id = `bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const storeHash = `bench${randomBytes(3).toString('hex')}`;
  const storeId = String(9_000_000 + Math.floor(Math.random() * 999_999));
  const clientSecret = randomBytes(24).toString('base64url');
  await registry.add(
    {
      id,
      name: 'ingress benchmark',
      bigcommerce: { storeHash, storeId },
      businessCentral: {
        tenantId: 'bench',
        environment: 'bench',
        companyId: '00000000-0000-0000-0000-000000000001',
        clientId: 'bench',
      },
      source: 'cli',
    },
    {
      bigcommerceAccessToken: 'bench',
      bigcommerceClientSecret: clientSecret,
      bcClientSecret: 'bench',
      webhookKey: randomBytes(32).toString('base64'),
    },
    'bench',
  );
  return {
    id,
    storeHash,
    storeId,
    clientSecret,
    remove: async () => {
      await registry.remove(id).catch(() => undefined);
      await db.destroy();
    },
  };
}

/**
 * Unique deliveries (order ids, payload hashes and webhook ids never repeat, so nothing is de-duplicated), signed the
 * way BigCommerce signs them, at send time.
 */
export function deliveryFactory(
  conn: Pick<BenchConnection, 'id' | 'storeHash' | 'storeId' | 'clientSecret'>,
): () => LoadRequest {
  const run = randomBytes(4).toString('hex');
  // A KeyObject: createHmac with a raw Buffer key costs ~5x more per call on Node 24, CPU the generator shares with Kafka.
  const key = createSecretKey(Buffer.from(conn.clientSecret, 'utf8'));
  const path = `/webhooks/bigcommerce/${conn.id}`;
  let n = 0;
  return () => {
    n += 1;
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      scope: 'store/order/created',
      store_id: conn.storeId,
      data: { type: 'order', id: n },
      hash: createHmac('sha1', run).update(String(n)).digest('hex'),
      created_at: timestamp,
      producer: `stores/${conn.storeHash}`,
    });
    const webhookId = `msg_${run}_${n}`;
    const signature = createHmac('sha256', key).update(`${webhookId}.${timestamp}.${body}`).digest('base64');
    return {
      path,
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': webhookId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': `v1,${signature}`,
      },
    };
  };
}

/** Resident and peak resident memory of a process, in MiB (Linux /proc). */
export function memoryOf(pid: number): { rssMiB: number; peakRssMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rssMiB: Math.round(kib('VmRSS') / 102.4) / 10, peakRssMiB: Math.round(kib('VmHWM') / 102.4) / 10 };
}

/** CPU seconds (user + system) a process has used so far (Linux /proc, clock ticks of 1/100 s). */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
