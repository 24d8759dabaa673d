import type { FaultSystem } from '../core/faults';
import type { Router, SandboxRequest, SandboxResponse } from '../core/router';
import type { SeedCatalog } from '../core/seed';
import type { SandboxSystem, SandboxWorld } from '../core/world';
import { registerBigCommerceControl } from './control/control-routes';
import { seedStore } from './control/seed-store';
import { stateSnapshot } from './control/state-snapshot';
import { ApiGateway } from './http/api-gateway';
import { v3Error } from './http/bc-errors';
import { StoreRateLimiter } from './http/rate-limiter';
import { catalogProductRoutes } from './routes/catalog-product-routes';
import { catalogVariantRoutes } from './routes/catalog-variant-routes';
import { customerRoutes } from './routes/customer-routes';
import { hookRoutes } from './routes/hook-routes';
import { inventoryRoutes } from './routes/inventory-routes';
import { orderSubresourceRoutes } from './routes/order-subresource-routes';
import { ordersV2Routes } from './routes/orders-v2-routes';
import { paymentRoutes } from './routes/payment-routes';
import type { BigCommerceServices } from './routes/services';
import { storeRoutes } from './routes/store-routes';
import { CatalogWriter } from './shop/catalog-updates';
import { InventoryService } from './shop/inventory-service';
import { OrderService } from './shop/order-service';
import { RefundService } from './shop/refund-service';
import { StoreEvents } from './shop/store-events';
import { BigCommerceState } from './store/bigcommerce-state';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';

/** Largest request body accepted (2000 inventory items fit many times over). */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** The simulated BigCommerce store behind `/stores/{store_hash}/v2|v3`. */
export class BigCommerceSandbox implements SandboxSystem {
  readonly name = 'bigcommerce' as const;
  readonly maxBodyBytes = MAX_BODY_BYTES;
  private readonly store: BigCommerceState;
  private readonly limiter: StoreRateLimiter;
  private readonly gateway: ApiGateway;
  private readonly webhooks: WebhookDispatcher;
  private readonly services: BigCommerceServices;
  private readonly writer: CatalogWriter;

  constructor(
    private readonly world: SandboxWorld,
    options: { timeScale: number },
  ) {
    this.store = new BigCommerceState(world.clock.now());
    this.limiter = new StoreRateLimiter(
      () => world.clock.now(),
      () => ({ quota: this.store.settings.rateLimitQuota, windowMs: this.store.settings.rateLimitWindowMs }),
    );
    this.gateway = new ApiGateway(this.store, this.limiter);
    this.webhooks = new WebhookDispatcher(this.store, world, options.timeScale);
    const events = new StoreEvents(this.webhooks);
    const inventory = new InventoryService(this.store, world.clock, events);
    this.services = {
      state: this.store,
      clock: world.clock,
      events,
      orders: new OrderService(this.store, world.clock, events),
      refunds: new RefundService(this.store, world.clock, events),
      inventory,
    };
    this.writer = new CatalogWriter(this.store, world.clock, events, inventory);
  }

  registerApi(router: Router): void {
    const s = this.services;
    this.gateway.register(router, [
      ...storeRoutes(s),
      ...ordersV2Routes(s),
      ...orderSubresourceRoutes(s),
      ...customerRoutes(s),
      ...catalogProductRoutes(s, this.writer),
      ...catalogVariantRoutes(s, this.writer),
      ...inventoryRoutes(s),
      ...paymentRoutes(s),
      ...hookRoutes(s),
    ]);
  }

  registerControl(router: Router): void {
    registerBigCommerceControl(router, this.services, this.webhooks);
  }

  systemOf(path: string): FaultSystem | undefined {
    return path.startsWith('/stores/') ? 'bigcommerce' : undefined;
  }

  notFound(req: SandboxRequest): SandboxResponse {
    return this.gateway.notFound(req);
  }

  methodNotAllowed(req: SandboxRequest, allowed: string[]): SandboxResponse {
    return this.gateway.methodNotAllowed(req, allowed);
  }

  tooLarge(): SandboxResponse {
    return v3Error(413, 'The request payload is too large.', {});
  }

  reset(): void {
    this.webhooks.reset();
    this.services.inventory.reset();
    this.limiter.reset();
    this.store.resetAll(this.world.clock.now());
  }

  seed(catalog: SeedCatalog): void {
    this.services.inventory.reset();
    seedStore(this.store, catalog, Math.floor(this.world.clock.now() / 1000) * 1000);
  }

  state(): unknown {
    return stateSnapshot(this.store);
  }
}
