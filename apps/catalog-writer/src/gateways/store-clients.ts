import { BigCommerceApiClient, createBigCommerceApi, StoreRateLimiter } from '@mlc/bigcommerce';
import type { CatalogSyncSettings } from '@mlc/catalog';
import type { Connection, ConnectionRegistry } from '@mlc/connections';
import type { BreakerRegistry } from '@mlc/platform-resilience';

/** The quota of BigCommerce's Standard and Plus plans, which `reserveForOrderReads` is expressed against. */
export const STANDARD_PLAN_QUOTA = 150;

/**
 * The limiter options for a connection's catalog settings. `StoreRateLimiter` takes the reserve as a fraction of
 * the store's quota; the setting counts requests of a Standard-plan window (150), so `reserveForOrderReads: 20` keeps
 * exactly 20 requests per window free on Standard and Plus stores and the same share (59 of 450) on Pro.
 */
export function limiterOptionsOf(settings: Pick<CatalogSyncSettings, 'quotaShare' | 'reserveForOrderReads'>) {
  const reserve = Math.max(0, settings.reserveForOrderReads - 0.5) / STANDARD_PLAN_QUOTA;
  return { share: settings.quotaShare, catalogReserve: Math.min(reserve, 0.95) };
}

interface Cached {
  readonly version: number;
  readonly client: BigCommerceApiClient;
}

/**
 * catalog-writer's BigCommerce clients, one per connection, with one rate limiter per store (shared by the
 * connections of that store in this process). They are built here rather than through service-kit's
 * ConnectionClients because the catalog push is the one caller whose limiter must leave the connection's configured
 * reserve (and use its configured share): this process then gates its requests with exactly one limiter.
 */
export class StoreClients {
  private readonly clients = new Map<string, Cached>();
  private readonly limiters = new Map<string, { key: string; limiter: StoreRateLimiter }>();

  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly apiUrl: string,
    private readonly breakers: BreakerRegistry,
  ) {}

  async client(connection: Connection): Promise<BigCommerceApiClient> {
    const cached = this.clients.get(connection.id);
    if (cached && cached.version === connection.settingsVersion) return cached.client;
    await cached?.client.close();
    const credentials = await this.registry.credentials(connection.id);
    const client = createBigCommerceApi({
      storeHash: connection.bigcommerce.storeHash,
      accessToken: credentials.bigcommerceAccessToken,
      connectionId: connection.id,
      apiUrl: this.apiUrl,
      breakers: this.breakers,
      rateLimiter: this.limiterFor(connection),
    });
    this.clients.set(connection.id, { version: connection.settingsVersion, client });
    return client;
  }

  /** The store's limiter; rebuilt only when the share or reserve changed (its window state is kept otherwise). */
  limiterFor(connection: Connection): StoreRateLimiter {
    const options = limiterOptionsOf(connection.settings.catalog);
    const key = `${options.share}/${options.catalogReserve}`;
    const storeHash = connection.bigcommerce.storeHash;
    const known = this.limiters.get(storeHash);
    if (known && known.key === key) return known.limiter;
    const limiter = new StoreRateLimiter(options);
    this.limiters.set(storeHash, { key, limiter });
    return limiter;
  }

  async close(): Promise<void> {
    for (const { client } of this.clients.values()) await client.close();
    this.clients.clear();
  }
}
