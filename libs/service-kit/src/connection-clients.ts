import { BigCommerceApiClient, createBigCommerceApi, StoreRateLimiter } from '@mlc/bigcommerce';
import { BusinessCentral, createBusinessCentral } from '@mlc/business-central';
import { ConnectionRegistry } from '@mlc/connections';
import { PermanentError } from '@mlc/platform-errors';
import type { Logger } from '@mlc/platform-observability';
import { BreakerRegistry } from '@mlc/platform-resilience';
import type { ServiceConfig } from './service.config';

/**
 * The BigCommerce and Business Central clients of each connection, built on first use from the registry (credentials
 * decrypted in memory only) and rebuilt when the connection's settings version changes. One rate limiter per store and
 * one breaker registry per process are shared by every client.
 */
export class ConnectionClients {
  private readonly bigcommerceClients = new Map<string, { version: number; client: BigCommerceApiClient }>();
  private readonly bcClients = new Map<string, { version: number; client: BusinessCentral }>();
  private readonly limiters = new Map<string, StoreRateLimiter>();

  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly config: ServiceConfig,
    readonly breakers: BreakerRegistry,
    private readonly logger: Logger,
  ) {}

  async bigcommerce(connectionId: string): Promise<BigCommerceApiClient> {
    const connection = await this.connection(connectionId);
    const cached = this.bigcommerceClients.get(connectionId);
    if (cached && cached.version === connection.settingsVersion) return cached.client;
    const credentials = await this.registry.credentials(connectionId);
    const storeHash = connection.bigcommerce.storeHash;
    let limiter = this.limiters.get(storeHash);
    if (!limiter) {
      limiter = new StoreRateLimiter({ share: this.config.BIGCOMMERCE_QUOTA_SHARE });
      this.limiters.set(storeHash, limiter);
    }
    const client = createBigCommerceApi({
      storeHash,
      accessToken: credentials.bigcommerceAccessToken,
      connectionId,
      apiUrl: this.config.BIGCOMMERCE_API_URL,
      breakers: this.breakers,
      rateLimiter: limiter,
    });
    this.bigcommerceClients.set(connectionId, { version: connection.settingsVersion, client });
    return client;
  }

  async businessCentral(connectionId: string): Promise<BusinessCentral> {
    const connection = await this.connection(connectionId);
    const cached = this.bcClients.get(connectionId);
    if (cached && cached.version === connection.settingsVersion) return cached.client;
    await cached?.client.close();
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
      breakers: this.breakers,
      logger: this.logger,
    });
    this.bcClients.set(connectionId, { version: connection.settingsVersion, client });
    return client;
  }

  async close(): Promise<void> {
    for (const { client } of this.bcClients.values()) await client.close();
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
