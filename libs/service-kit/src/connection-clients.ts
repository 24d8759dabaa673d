import { BigCommerceApiClient, createBigCommerceApi, RateLimiterOptions, StoreRateLimiter } from '@mlc/bigcommerce';
import { BusinessCentral, createBusinessCentral, RequestThrottle } from '@mlc/business-central';
import { Connection, ConnectionRegistry } from '@mlc/connections';
import { PermanentError } from '@mlc/platform-errors';
import type { Logger } from '@mlc/platform-observability';
import { BreakerRegistry } from '@mlc/platform-resilience';
import type { ServiceConfig } from './service.config';

/** How long a client replaced by a new settings version stays open for the work that still holds it. */
export const RETIRED_CLIENT_GRACE_MS = 10 * 60_000;

/** The store rate limiter's share and catalog reserve for one connection. */
export type BigCommerceLimits = Pick<RateLimiterOptions, 'share' | 'catalogReserve' | 'catalogReserveRequests'>;

/**
 * The BigCommerce and Business Central clients of each connection, built on first use from the registry (credentials
 * decrypted in memory only) and rebuilt when the connection's settings version changes. One rate limiter per store and
 * one breaker registry per process are shared by every client. The limiter takes `BIGCOMMERCE_QUOTA_SHARE` unless
 * the service sets its own limits per connection ({@link limitBigCommerceBy}).
 */
export class ConnectionClients {
  private readonly bigcommerceClients = new Map<string, { version: number; client: BigCommerceApiClient }>();
  private readonly bcClients = new Map<string, { version: number; client: BusinessCentral }>();
  private readonly limiters = new Map<string, { key: string; limiter: StoreRateLimiter }>();
  private readonly bcThrottles = new Map<string, RequestThrottle>();
  private readonly retired = new Set<{ client: { close(): Promise<void> }; timer: NodeJS.Timeout }>();
  private limitsOf: (connection: Connection) => BigCommerceLimits;

  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly config: ServiceConfig,
    readonly breakers: BreakerRegistry,
    private readonly logger: Logger,
  ) {
    this.limitsOf = () => ({ share: this.config.BIGCOMMERCE_QUOTA_SHARE });
  }

  /**
   * Derives the store limiter's options from each connection (catalog-writer: the connection's catalog quota share
   * and reserve). Call it before the first BigCommerce client is built. A store's limiter is rebuilt only when the
   * options it gets change; otherwise it keeps its window state across settings versions.
   */
  limitBigCommerceBy(limitsOf: (connection: Connection) => BigCommerceLimits): void {
    this.limitsOf = limitsOf;
  }

  /** The store's limiter for this connection's options (shared by the connections of one store that agree). */
  limiterFor(connection: Connection): StoreRateLimiter {
    const limits = this.limitsOf(connection);
    const key = JSON.stringify([limits.share, limits.catalogReserve, limits.catalogReserveRequests]);
    const storeHash = connection.bigcommerce.storeHash;
    const known = this.limiters.get(storeHash);
    if (known && known.key === key) return known.limiter;
    const limiter = new StoreRateLimiter(limits);
    this.limiters.set(storeHash, { key, limiter });
    return limiter;
  }

  async bigcommerce(connectionId: string): Promise<BigCommerceApiClient> {
    const connection = await this.connection(connectionId);
    const cached = this.bigcommerceClients.get(connectionId);
    if (cached && cached.version === connection.settingsVersion) return cached.client;
    if (cached) this.retire(cached.client);
    const credentials = await this.registry.credentials(connectionId);
    const client = createBigCommerceApi({
      storeHash: connection.bigcommerce.storeHash,
      accessToken: credentials.bigcommerceAccessToken,
      connectionId,
      apiUrl: this.config.BIGCOMMERCE_API_URL,
      breakers: this.breakers,
      rateLimiter: this.limiterFor(connection),
    });
    this.bigcommerceClients.set(connectionId, { version: connection.settingsVersion, client });
    return client;
  }

  /**
   * BC's limits (5 concurrent, 6,000 per 5 minutes) are per API user: the connections of one app registration share
   * one throttle holding this process's share, kept across client rebuilds so its window is never forgotten.
   */
  bcThrottleFor(connection: Connection): RequestThrottle {
    const { tenantId, clientId } = connection.businessCentral;
    const key = `${tenantId.toLowerCase()}/${clientId.toLowerCase()}`;
    let throttle = this.bcThrottles.get(key);
    if (!throttle) {
      throttle = new RequestThrottle({
        maxConcurrent: this.config.BC_MAX_CONCURRENT,
        perFiveMinutes: this.config.BC_REQUESTS_PER_5_MIN,
        windowMs: this.config.BC_RATE_WINDOW_MS,
      });
      this.bcThrottles.set(key, throttle);
    }
    return throttle;
  }

  async businessCentral(connectionId: string): Promise<BusinessCentral> {
    const connection = await this.connection(connectionId);
    const cached = this.bcClients.get(connectionId);
    if (cached && cached.version === connection.settingsVersion) return cached.client;
    if (cached) this.retire(cached.client);
    const credentials = await this.registry.credentials(connectionId);
    const client = createBusinessCentral({
      connectionId,
      tenantId: connection.businessCentral.tenantId,
      environment: connection.businessCentral.environment,
      companyId: connection.businessCentral.companyId,
      clientId: connection.businessCentral.clientId,
      clientSecret: credentials.bcClientSecret,
      apiUrl: this.config.BC_API_URL,
      authorityUrl: this.config.ENTRA_AUTHORITY_URL,
      share: {
        maxConcurrent: this.config.BC_MAX_CONCURRENT,
        perFiveMinutes: this.config.BC_REQUESTS_PER_5_MIN,
        windowMs: this.config.BC_RATE_WINDOW_MS,
      },
      throttle: this.bcThrottleFor(connection),
      breakers: this.breakers,
      logger: this.logger,
    });
    this.bcClients.set(connectionId, { version: connection.settingsVersion, client });
    return client;
  }

  /**
   * A client replaced by a new settings version is closed only after {@link RETIRED_CLIENT_GRACE_MS}: work that took it
   * before the change (a backfill, a push waiting for its connection's lock) may still be using it, and a closed
   * client fails every further request.
   */
  private retire(client: { close(): Promise<void> }): void {
    const timer = setTimeout(() => {
      this.retired.delete(entry);
      void client.close().catch(() => undefined);
    }, RETIRED_CLIENT_GRACE_MS);
    timer.unref();
    const entry = { client, timer };
    this.retired.add(entry);
  }

  async close(): Promise<void> {
    for (const { client, timer } of this.retired) {
      clearTimeout(timer);
      await client.close().catch(() => undefined);
    }
    this.retired.clear();
    for (const { client } of this.bcClients.values()) await client.close();
    for (const { client } of this.bigcommerceClients.values()) await client.close();
    this.bcClients.clear();
    this.bigcommerceClients.clear();
    this.breakers.shutdown();
  }

  private async connection(connectionId: string) {
    const connection = await this.registry.get(connectionId);
    if (!connection) throw new PermanentError('NOT_FOUND', `connection ${connectionId} does not exist`);
    return connection;
  }
}
