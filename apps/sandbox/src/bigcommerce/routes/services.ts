import type { SandboxClock } from '../../core/clock';
import type { SandboxRequest } from '../../core/router';
import type { InventoryService } from '../shop/inventory-service';
import type { OrderService } from '../shop/order-service';
import type { RefundService } from '../shop/refund-service';
import type { StoreEvents } from '../shop/store-events';
import type { BigCommerceState } from '../store/bigcommerce-state';
import type { Order } from '../store/model';

/** What the route modules share. */
export interface BigCommerceServices {
  readonly state: BigCommerceState;
  readonly clock: SandboxClock;
  readonly events: StoreEvents;
  readonly orders: OrderService;
  readonly refunds: RefundService;
  readonly inventory: InventoryService;
}

/** `http://<host the client used>/stores/{hash}`: the base of `{url, resource}` references in v2 bodies. */
export function apiBase(req: SandboxRequest, storeHash: string): string {
  const host = req.headers.host ?? '127.0.0.1:4010';
  return `http://${host}/stores/${storeHash}`;
}

/** Currency ids: 1 for the store's default currency, then the configured currencies in order. */
export function currencyId(services: BigCommerceServices, code: string): number {
  const { currency, currencies } = services.state.settings;
  if (code === currency) return 1;
  const index = Object.keys(currencies).indexOf(code);
  return index < 0 ? 1 : index + 2;
}

/** The order a path id names; undefined for unknown or non-numeric ids. */
export function findOrder(s: BigCommerceServices, rawId: string | undefined): Order | undefined {
  if (!rawId || !/^\d+$/.test(rawId)) return undefined;
  return s.state.orders.get(Number(rawId));
}
