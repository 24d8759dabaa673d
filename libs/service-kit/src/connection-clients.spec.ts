import { parseConnectionSettings, type Connection, type ConnectionRegistry } from '@mlc/connections';
import { createLogger } from '@mlc/platform-observability';
import { BreakerRegistry } from '@mlc/platform-resilience';
import { ConnectionClients } from './connection-clients';
import { loadServiceConfig } from './service.config';

function connection(id: string, storeHash: string, catalog: Record<string, unknown> = {}, version = 1): Connection {
  return {
    id,
    name: id,
    bigcommerce: { storeHash, storeId: '1' },
    businessCentral: { tenantId: 't', environment: 'e', companyId: 'c', clientId: 'i' },
    settings: parseConnectionSettings({ catalog, orders: {} }),
    settingsVersion: version,
    source: 'cli',
  };
}

/** A registry holding one connection whose settings version the test moves; limiterFor never reads it. */
function registryOf(current: () => Connection): ConnectionRegistry {
  const credentials = { bigcommerceAccessToken: 'token', bigcommerceClientSecret: 's', bcClientSecret: 's', webhookKey: 'k' };
  return { get: async () => current(), credentials: async () => credentials } as unknown as ConnectionRegistry;
}

function clients(registry: ConnectionRegistry = registryOf(() => connection('a', 'store-1'))): ConnectionClients {
  const config = loadServiceConfig(3999, { MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), BIGCOMMERCE_QUOTA_SHARE: '0.3' });
  return new ConnectionClients(registry, config, new BreakerRegistry(), createLogger('test', 'silent'));
}

describe('ConnectionClients store limiters', () => {
  it('shares one limiter per store at BIGCOMMERCE_QUOTA_SHARE by default', () => {
    const c = clients();
    const a = c.limiterFor(connection('a', 'store-1'));
    expect(c.limiterFor(connection('b', 'store-1'))).toBe(a);
    expect(c.limiterFor(connection('c', 'store-2'))).not.toBe(a);
  });

  it('takes per-connection limits, keeps the limiter across settings versions with the same limits, and rebuilds it when they change', async () => {
    const c = clients();
    c.limitBigCommerceBy((conn) => ({
      share: conn.settings.catalog.quotaShare,
      catalogReserveRequests: conn.settings.catalog.reserveForOrderReads,
    }));
    const first = c.limiterFor(connection('a', 'store-1', { quotaShare: 1, reserveForOrderReads: 20 }));
    expect(c.limiterFor(connection('a', 'store-1', { quotaShare: 1, reserveForOrderReads: 20 }, 2))).toBe(first);
    const changed = c.limiterFor(connection('a', 'store-1', { quotaShare: 1, reserveForOrderReads: 40 }, 3));
    expect(changed).not.toBe(first);

    // The new limiter leaves exactly 40 requests of a 150 window to order reads: 110 catalog pushes, then it waits
    // for the window's end (1 s away here) while order reads still pass.
    const headers = { 'x-rate-limit-requests-quota': '150', 'x-rate-limit-time-window-ms': '30000', 'x-rate-limit-time-reset-ms': '1000' };
    let admitted = 0;
    let waiting: Promise<unknown> | undefined;
    for (let left = 149; left >= 0; left -= 1) {
      const next = changed.acquire('catalog-push');
      const permit = await Promise.race([next, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 20))]);
      if (!permit) {
        waiting = next;
        break;
      }
      admitted += 1;
      permit.complete({ ...headers, 'x-rate-limit-requests-left': String(left) }, 200);
    }
    expect(admitted).toBe(110);
    (await changed.acquire('order-read')).abandon();
    await waiting;
  });

  it('keeps a client replaced by a new settings version open for work that still holds it, and closes it on shutdown', async () => {
    let version = 1;
    const c = clients(registryOf(() => connection('a', 'store-1', {}, version)));
    const old = await c.bigcommerce('a');
    const oldClose = jest.spyOn(old, 'close');
    version = 2;
    const next = await c.bigcommerce('a');
    expect(next).not.toBe(old);
    expect(await c.bigcommerce('a')).toBe(next);
    expect(oldClose).not.toHaveBeenCalled();
    const nextClose = jest.spyOn(next, 'close');
    await c.close();
    expect(oldClose).toHaveBeenCalledTimes(1);
    expect(nextClose).toHaveBeenCalledTimes(1);
  });
});

describe('ConnectionClients BC throttles', () => {
  const withUser = (id: string, tenantId: string, clientId: string): Connection => ({
    ...connection(id, `store-${id}`),
    businessCentral: { tenantId, environment: 'production', companyId: `company-${id}`, clientId },
  });

  it('shares one throttle per BC API user (tenant and app registration), whatever the connection or company', () => {
    const c = clients();
    const a = c.bcThrottleFor(withUser('a', 'Tenant-1', 'App-1'));
    expect(c.bcThrottleFor(withUser('b', 'tenant-1', 'app-1'))).toBe(a);
    expect(c.bcThrottleFor(withUser('c', 'tenant-1', 'app-2'))).not.toBe(a);
    expect(c.bcThrottleFor(withUser('d', 'tenant-2', 'app-1'))).not.toBe(a);
  });

  it('holds the process share for all of that user: the window filled by one connection is full for the other', async () => {
    const config = { BC_REQUESTS_PER_5_MIN: '2', BC_MAX_CONCURRENT: '5' };
    const c = new ConnectionClients(
      registryOf(() => connection('a', 'store-1')),
      loadServiceConfig(3999, { MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), ...config }),
      new BreakerRegistry(),
      createLogger('test', 'silent'),
    );
    const first = c.bcThrottleFor(withUser('a', 't', 'app'));
    await first.run(async () => undefined);
    await first.run(async () => undefined);
    expect(c.bcThrottleFor(withUser('b', 't', 'app')).snapshot()).toMatchObject({ inWindow: 2 });
    expect(c.bcThrottleFor(withUser('c', 't', 'other-app')).snapshot()).toMatchObject({ inWindow: 0 });
  });
});
