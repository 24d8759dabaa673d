import type { FaultSystem } from '../core/faults';
import type { Router, SandboxRequest, SandboxResponse } from '../core/router';
import type { SeedCatalog } from '../core/seed';
import type { SandboxSystem, SandboxWorld } from '../core/world';
import { BcError, methodNotAllowed, notFoundSegment } from './api/bc-error';
import { handleApiRequest } from './api/gateway';
import { BC_DEFAULTS, EntraClient } from './bc-identity';
import { defaultBcSettings } from './bc-settings';
import { registerBcControlRoutes } from './control/bc-control-routes';
import { entraWrongMethod } from './entra/entra-errors';
import { tokenEndpoint } from './entra/token-endpoint';
import { TokenService } from './entra/token-service';
import type { RequestContext } from './resources/entity-set';
import { seedCatalog } from './seed/catalog-seed';
import { seedCompanySetup } from './seed/company-setup';
import { bcState } from './state/bc-state';
import { BcEnvironment } from './store/bc-environment';
import { Notifier } from './subscriptions/notifier';
import { SubscriptionStore } from './subscriptions/subscription-store';
import { Throttle } from './throttle/throttle';

const DEFAULT_CLIENT: EntraClient = {
  clientId: BC_DEFAULTS.clientId,
  secret: BC_DEFAULTS.clientSecret,
  tenantId: BC_DEFAULTS.tenantId,
};

/** Business Central API v2.0 and its Entra ID token endpoint, on one port. */
export class BusinessCentralSandbox implements SandboxSystem {
  readonly name = 'business-central' as const;
  /** The documented 350 MB request body limit. */
  readonly maxBodyBytes = 350 * 1024 * 1024;
  readonly env: BcEnvironment;
  private readonly tokens = new TokenService();
  private readonly throttle: Throttle;
  private readonly subscriptions: SubscriptionStore;
  private readonly notifier: Notifier;
  private clients: EntraClient[] = [DEFAULT_CLIENT];

  constructor(world: SandboxWorld, options: { timeScale: number }) {
    this.env = new BcEnvironment(world.clock, options.timeScale);
    this.throttle = new Throttle(this.env);
    this.subscriptions = new SubscriptionStore(this.env);
    this.notifier = new Notifier(this.env, this.subscriptions, {
      faults: world.faults,
      log: world.log,
      now: () => world.clock.nowIso(),
    });
    this.loadSetup();
  }

  /** A request context on the default company (control API and seeding). */
  context(): RequestContext {
    return { env: this.env, company: this.env.defaultCompany, memo: new Map() };
  }

  addClient(client: EntraClient): void {
    this.clients = [...this.clients.filter((c) => c.clientId !== client.clientId), client];
  }

  describeSubscriptions(): unknown {
    return { subscriptions: this.subscriptions.list().map((s) => s.subscriptionId), notifier: this.notifier.describe() };
  }

  registerApi(router: Router): void {
    router.add('POST', '/:tenant/oauth2/v2.0/token', (req) =>
      tokenEndpoint(
        {
          tokens: this.tokens,
          clients: () => this.clients,
          tenants: () => new Set([this.env.tenantId]),
          now: () => this.env.now(),
          lifetimeSeconds: () => this.env.settings.tokenLifetimeSeconds,
        },
        req,
      ),
    );
    const deps = { env: this.env, tokens: this.tokens, throttle: this.throttle, subscriptions: this.subscriptions };
    for (const method of ['GET', 'POST', 'PATCH', 'DELETE', 'PUT']) {
      router.add(method, '/v2.0/*', (req) => handleApiRequest(deps, req));
    }
  }

  registerControl(router: Router): void {
    registerBcControlRoutes(router, this);
  }

  systemOf(path: string): FaultSystem | undefined {
    if (path.startsWith('/__sandbox/')) return undefined;
    if (/^\/[^/]+\/oauth2\//.test(path)) return 'entra';
    return 'business-central';
  }

  notFound(req: SandboxRequest): SandboxResponse {
    return notFoundSegment(req.path).toResponse();
  }

  methodNotAllowed(req: SandboxRequest, _allowed: string[]): SandboxResponse {
    if (this.systemOf(req.path) === 'entra') return entraWrongMethod(req.method, new Date(this.env.now()));
    return methodNotAllowed(req.method, req.path).toResponse();
  }

  tooLarge(): SandboxResponse {
    return new BcError(413, 'RequestEntityTooLarge', 'The request body is larger than the maximum allowed size (350 MB).').toResponse();
  }

  reset(): void {
    this.env.settings = defaultBcSettings();
    this.notifier.reset();
    this.subscriptions.clear();
    this.throttle.reset();
    this.clients = [DEFAULT_CLIENT];
    this.loadSetup();
  }

  seed(catalog: SeedCatalog): void {
    this.loadSetup();
    this.env.uow.silently(() => seedCatalog(this.context(), catalog));
  }

  state(): unknown {
    return bcState(this.context(), this.subscriptions.list());
  }

  private loadSetup(): void {
    for (const company of this.env.companies.values()) {
      company.clear();
      this.env.uow.silently(() => seedCompanySetup(company));
    }
  }
}
