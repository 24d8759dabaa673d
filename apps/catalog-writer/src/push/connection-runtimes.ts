import type { PriceFacts, SkuMatchRule } from '@mlc/catalog';
import type { Connection, ConnectionRegistry } from '@mlc/connections';
import { PermanentError } from '@mlc/platform-errors';
import type { Logger } from '@mlc/platform-observability';
import type { ConnectionClients } from '@mlc/service-kit';
import { BigCommerceStoreGateway } from '../gateways/bigcommerce-store-gateway';
import { BusinessCentralItemSource } from '../gateways/business-central-item-source';
import { ConnectionRuntime, Expiring, RuntimeProvider, UNKNOWN_CURRENCY } from './connection-runtime';

export interface RuntimeOptions {
  readonly fullReadThreshold: number;
  /** Used when BC does not show its local currency. */
  readonly bcLocalCurrency?: string;
  readonly factsTtlMs?: number;
}

/** Builds each connection's runtime from the registry; a new settings version builds a new one. */
export class ConnectionRuntimes implements RuntimeProvider {
  private readonly cache = new Map<string, { version: number; runtime: ConnectionRuntime }>();

  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly clients: ConnectionClients,
    private readonly options: RuntimeOptions,
    private readonly logger: Logger,
  ) {}

  async get(connectionId: string): Promise<ConnectionRuntime> {
    const connection = await this.registry.get(connectionId);
    if (!connection) throw new PermanentError('NOT_FOUND', `connection ${connectionId} does not exist`);
    const cached = this.cache.get(connectionId);
    if (cached && cached.version === connection.settingsVersion) return cached.runtime;
    const runtime = await this.build(connection);
    this.cache.set(connectionId, { version: connection.settingsVersion, runtime });
    return runtime;
  }

  private async build(connection: Connection): Promise<ConnectionRuntime> {
    const store = new BigCommerceStoreGateway(await this.clients.bigcommerce(connection.id));
    const bc = new BusinessCentralItemSource(await this.clients.businessCentral(connection.id), this.options.fullReadThreshold);
    const facts = new Expiring<PriceFacts>(async () => {
      const [storeFacts, lcy] = await Promise.all([store.facts(), bc.localCurrency()]);
      const bcLocalCurrency = lcy ?? this.options.bcLocalCurrency ?? UNKNOWN_CURRENCY;
      if (bcLocalCurrency === UNKNOWN_CURRENCY) {
        this.logger.warn(
          { connectionId: connection.id },
          'BC local currency unknown (no customer in local currency, BC_LOCAL_CURRENCY unset): prices are skipped',
        );
      }
      return {
        storeCurrency: storeFacts.currency,
        storePricesIncludeTax: storeFacts.pricesIncludeTax,
        bcLocalCurrency,
        storeCurrencyDecimals: storeFacts.decimals,
      };
    }, this.options.factsTtlMs ?? 10 * 60_000);
    return {
      connectionId: connection.id,
      settings: connection.settings.catalog,
      documentType: connection.settings.orders.documentType,
      match: this.matchRule(connection),
      store,
      bc,
      priceFacts: () => facts.get(),
    };
  }

  /** The mode only: the SKU map service adds the mapping table's links each time it classifies. */
  private matchRule(connection: Connection): SkuMatchRule {
    return { mode: connection.settings.orders.skuMapping };
  }
}
