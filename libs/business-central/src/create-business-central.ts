import type { Logger } from '@mlc/platform-observability';
import { BreakerRegistry } from '@mlc/platform-resilience';
import { AccessTokenSource } from './auth/access-token-source.port';
import { EntraTokenProvider } from './auth/entra-token-provider';
import { BusinessCentralApi } from './business-central.port';
import { BusinessCentralClient, BusinessCentralClientOptions } from './client/business-central-client';
import { BusinessCentralTarget } from './client/business-central-target';
import { Clock, systemClock } from './client/clock';
import { RequestThrottle } from './client/request-throttle';
import { HttpTransport } from './http/http-transport.port';
import { UndiciTransport } from './http/undici-transport';
import { CustomersResource } from './resources/customers.resource';
import { ItemsResource } from './resources/items.resource';
import { AccountsResource, CodeListResource, CompaniesResource } from './resources/reference-data.resource';
import { SalesCreditMemosResource } from './resources/sales-credit-memos.resource';
import { SalesInvoicesResource } from './resources/sales-invoices.resource';
import { SalesOrdersResource } from './resources/sales-orders.resource';
import { currencySchema, taxCodeSchema } from './resources/schemas/reference-data.schema';
import { SubscriptionsResource } from './resources/subscriptions.resource';

export interface BusinessCentralOptions extends BusinessCentralTarget {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Default https://login.microsoftonline.com; the sandbox is http://127.0.0.1:4020. */
  readonly authorityUrl?: string;
  /**
   * This process's share of the API user's limits (BC: 5 concurrent, 6,000 per sliding 5 minutes per user).
   * `windowMs` (default 5 minutes) is shorter only against a sandbox whose throttle window is scaled down
   * (benchmarks), so that `perFiveMinutes` is then counted over the same window as the sandbox counts.
   */
  readonly share?: { readonly maxConcurrent: number; readonly perFiveMinutes: number; readonly windowMs?: number };
  readonly breakers?: BreakerRegistry;
  readonly timeouts?: BusinessCentralClientOptions['timeouts'];
  readonly retry?: BusinessCentralClientOptions['retry'];
  readonly pageSize?: number;
  readonly onRetry?: BusinessCentralClientOptions['onRetry'];
  /** Retries are logged here when no onRetry is given: operation template, attempt, delay, code; never URLs or bodies. */
  readonly logger?: Pick<Logger, 'warn'>;
  /** Overrides for tests and shared pools. */
  readonly transport?: HttpTransport;
  /** The API user's throttle when several connections' clients share one user (BC's limits are per user). */
  readonly throttle?: RequestThrottle;
  readonly tokens?: AccessTokenSource;
  readonly clock?: Clock;
}

/** The HTTP implementation of BusinessCentralApi for one connection, plus its low-level client. */
export class BusinessCentral implements BusinessCentralApi {
  readonly client: BusinessCentralClient;
  readonly companies: CompaniesResource;
  readonly customers: CustomersResource;
  readonly items: ItemsResource;
  readonly salesOrders: SalesOrdersResource;
  readonly salesInvoices: SalesInvoicesResource;
  readonly salesCreditMemos: SalesCreditMemosResource;
  readonly currencies: CodeListResource<typeof currencySchema>;
  readonly taxAreas: CodeListResource<typeof taxCodeSchema>;
  readonly taxGroups: CodeListResource<typeof taxCodeSchema>;
  readonly accounts: AccountsResource;
  readonly subscriptions: SubscriptionsResource;

  constructor(
    client: BusinessCentralClient,
    private readonly ownedTransport?: HttpTransport,
  ) {
    this.client = client;
    this.companies = new CompaniesResource(client);
    this.customers = new CustomersResource(client);
    this.items = new ItemsResource(client);
    this.salesOrders = new SalesOrdersResource(client);
    this.salesInvoices = new SalesInvoicesResource(client);
    this.salesCreditMemos = new SalesCreditMemosResource(client);
    this.currencies = new CodeListResource(client, 'currencies', currencySchema);
    this.taxAreas = new CodeListResource(client, 'taxAreas', taxCodeSchema);
    this.taxGroups = new CodeListResource(client, 'taxGroups', taxCodeSchema);
    this.accounts = new AccountsResource(client);
    this.subscriptions = new SubscriptionsResource(client);
  }

  /** Closes the keep-alive pool when this instance created it. */
  async close(): Promise<void> {
    await this.ownedTransport?.close?.();
  }
}

/** Wires token provider, throttle, transport and resources for one connection. */
export function createBusinessCentral(options: BusinessCentralOptions): BusinessCentral {
  const clock = options.clock ?? systemClock;
  const share = options.share ?? { maxConcurrent: 5, perFiveMinutes: 6000 };
  const transport =
    options.transport ?? new UndiciTransport({ connectionsPerOrigin: Math.max(2, share.maxConcurrent) });
  const ownedTransport = options.transport ? undefined : transport;
  const tokens =
    options.tokens ??
    new EntraTokenProvider({
      tenantId: options.tenantId,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      authorityUrl: options.authorityUrl,
      connectionId: options.connectionId,
      transport,
      now: () => clock.now(),
    });
  const client = new BusinessCentralClient({
    connectionId: options.connectionId,
    tenantId: options.tenantId,
    environment: options.environment,
    companyId: options.companyId,
    apiUrl: options.apiUrl,
    tokens,
    transport,
    throttle: options.throttle ?? new RequestThrottle({ ...share, clock }),
    breakers: options.breakers,
    timeouts: options.timeouts,
    retry: options.retry,
    pageSize: options.pageSize,
    onRetry: options.onRetry ?? retryLogger(options.logger, options.connectionId),
    clock,
  });
  return new BusinessCentral(client, ownedTransport);
}

function retryLogger(
  logger: Pick<Logger, 'warn'> | undefined,
  connectionId: string,
): BusinessCentralClientOptions['onRetry'] {
  if (!logger) return undefined;
  return (info) => logger.warn({ system: 'business-central', connectionId, ...info }, 'business-central call retried');
}
