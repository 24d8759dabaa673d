import { PermanentError } from '@mlc/platform-errors';
import {
  BigCommerceApi,
  CreateHookInput,
  HookFilter,
  HookPatch,
  InventoryAdjustment,
  ListOrdersOptions,
  ProductUpdate,
  VariantUpdate,
} from '../bigcommerce-api.port';
import { bigCommerceError } from '../client/bigcommerce-error-table';
import { BigCommerceCustomer } from '../schemas/customer.schema';
import { BigCommerceHook } from '../schemas/hook.schema';
import { BigCommerceOrder, BigCommerceOrderSummary, orderLineItems } from '../schemas/order.schema';
import { BigCommerceProduct } from '../schemas/catalog.schema';
import { BigCommerceRefund } from '../schemas/refund.schema';
import { parseRfc2822 } from '../values/dates';
import { FakeCatalog } from './fake-catalog';
import { buildStoreInformation } from './fixtures';
import { ApiMethod, FailureOptions, FailureScript, OPERATIONS, ScriptedFailure } from './scripted-failures';

/**
 * An in-memory BigCommerce store implementing the BigCommerceApi port, for unit tests of the apps. Seed it, script
 * failures with `failNext(503)` (same error types as the HTTP client), and inspect `calls` and the public state.
 * Every answer is a copy, so callers cannot change the store by mutating what they got.
 */
export class FakeBigCommerceApi implements BigCommerceApi {
  store = buildStoreInformation();
  readonly orders = new Map<number, BigCommerceOrder>();
  readonly refunds = new Map<number, BigCommerceRefund[]>();
  readonly customers: BigCommerceCustomer[] = [];
  readonly catalog = new FakeCatalog();
  readonly hooks = new Map<number, BigCommerceHook>();
  readonly calls: Array<{ readonly method: ApiMethod; readonly args: readonly unknown[] }> = [];
  private readonly failures = new FailureScript(() => this.store.id);
  private nextHookId = 1;

  /** The next call (of `options.method`, or of any method) fails this way. Chain for several. */
  failNext(failure: ScriptedFailure, options: FailureOptions = {}): this {
    this.failures.add(failure, options);
    return this;
  }

  get pendingFailures(): number {
    return this.failures.pending;
  }

  seedOrder(order: BigCommerceOrder): this {
    this.orders.set(order.id, structuredClone(order));
    return this;
  }

  seedRefund(refund: BigCommerceRefund): this {
    this.refunds.set(refund.order_id, [...(this.refunds.get(refund.order_id) ?? []), structuredClone(refund)]);
    return this;
  }

  seedCustomer(customer: BigCommerceCustomer): this {
    this.customers.push(structuredClone(customer));
    return this;
  }

  seedProduct(product: BigCommerceProduct): this {
    this.catalog.seed(product);
    return this;
  }

  /** What BigCommerce does after about 48 h of failed deliveries or 90 idle days. */
  deactivateHook(hookId: number): this {
    const hook = this.hooks.get(hookId);
    if (hook) hook.is_active = false;
    return this;
  }

  storeInformation = () => this.call('storeInformation', [], () => this.store);

  getOrder = (orderId: number) => this.call('getOrder', [orderId], () => this.order(orderId));

  listOrdersModifiedSince(since: Date, options: ListOrdersOptions = {}): AsyncIterable<BigCommerceOrderSummary> {
    const select = () => {
      const from = Math.floor(since.getTime() / 1000) * 1000;
      const until = options.until?.getTime() ?? Number.POSITIVE_INFINITY;
      const modified = (o: BigCommerceOrder) => parseRfc2822(o.date_modified).getTime();
      return [...this.orders.values()]
        .filter((o) => modified(o) >= from && modified(o) <= until)
        .sort((a, b) => modified(a) - modified(b) || a.id - b.id);
    };
    return this.lazily(() => this.call('listOrdersModifiedSince', [since, options], select));
  }

  listOrderProducts = (orderId: number) =>
    this.call('listOrderProducts', [orderId], () => orderLineItems(this.order(orderId, 'listOrderProducts')));

  listRefunds = (orderId: number) =>
    this.call('listRefunds', [orderId], () => {
      this.order(orderId, 'listRefunds');
      return this.refunds.get(orderId) ?? [];
    });

  findCustomersByEmail = (emails: readonly string[]) =>
    this.call('findCustomersByEmail', [emails], () => {
      const wanted = new Set(emails.map((e) => e.trim().toLowerCase()));
      return this.customers.filter((c) => wanted.has(c.email.toLowerCase()));
    });

  listProducts(options: { readonly pageSize?: number } = {}): AsyncIterable<BigCommerceProduct> {
    const all = () => [...this.catalog.products.values()].sort((a, b) => a.id - b.id);
    return this.lazily(() => this.call('listProducts', [options], all));
  }

  getVariantsBySku = (skus: readonly string[]) =>
    this.call('getVariantsBySku', [skus], () => this.catalog.variants().filter((v) => skus.includes(v.sku)));

  updateVariantsBatch = (updates: readonly VariantUpdate[]) =>
    this.call('updateVariantsBatch', [updates], () => this.catalog.updateVariants(updates));

  updateProductsBatch = (updates: readonly ProductUpdate[]) =>
    this.call('updateProductsBatch', [updates], () => this.catalog.updateProducts(updates));

  adjustAbsolute = (adjustment: InventoryAdjustment) =>
    this.call('adjustAbsolute', [adjustment], () => this.catalog.adjust('absolute', adjustment));

  adjustRelative = (adjustment: InventoryAdjustment) =>
    this.call('adjustRelative', [adjustment], () => this.catalog.adjust('relative', adjustment));

  listLocations = () => this.call('listLocations', [], () => this.catalog.locations);

  listHooks = (filter: HookFilter = {}) =>
    this.call('listHooks', [filter], () =>
      [...this.hooks.values()].filter(
        (h) =>
          (filter.scope === undefined || h.scope === filter.scope) &&
          (filter.destination === undefined || h.destination === filter.destination) &&
          (filter.isActive === undefined || h.is_active === filter.isActive),
      ),
    );

  createHook = (input: CreateHookInput) => this.call('createHook', [input], () => this.addHook(input));

  updateHook = (hookId: number, patch: HookPatch) =>
    this.call('updateHook', [hookId, patch], () => {
      const hook = this.hook(hookId, 'updateHook');
      if (patch.isActive !== undefined) hook.is_active = patch.isActive;
      if (patch.headers !== undefined) hook.headers = patch.headers === null ? null : { ...patch.headers };
      if (patch.destination !== undefined) hook.destination = patch.destination;
      if (patch.scope !== undefined) hook.scope = patch.scope;
      hook.updated_at = (hook.updated_at ?? 0) + 1;
      return hook;
    });

  deleteHook = (hookId: number) =>
    this.call('deleteHook', [hookId], () => {
      const hook = this.hook(hookId, 'deleteHook');
      this.hooks.delete(hookId);
      return hook;
    });

  private async call<T>(method: ApiMethod, args: readonly unknown[], effect: () => T): Promise<T> {
    this.calls.push({ method, args: structuredClone(args) });
    const scripted = this.failures.take(method);
    if (scripted && !scripted.afterApply) throw this.failures.errorFor(method, scripted.failure);
    const result = structuredClone(effect());
    if (scripted) throw this.failures.errorFor(method, scripted.failure);
    return result;
  }

  /** Like the HTTP client, a listing only calls the store once it is iterated. */
  private lazily<T>(load: () => Promise<T[]>): AsyncIterable<T> {
    return {
      async *[Symbol.asyncIterator]() {
        yield* await load();
      },
    };
  }

  private order(orderId: number, method: ApiMethod = 'getOrder'): BigCommerceOrder {
    const order = this.orders.get(orderId);
    if (!order) throw this.notFound(method);
    return order;
  }

  private hook(hookId: number, method: ApiMethod): BigCommerceHook {
    const hook = this.hooks.get(hookId);
    if (!hook) throw this.notFound(method);
    return hook;
  }

  private addHook(input: CreateHookInput): BigCommerceHook {
    const duplicate = [...this.hooks.values()].some(
      (h) => h.scope === input.scope && h.destination === input.destination,
    );
    if (duplicate) {
      throw new PermanentError(
        'VALIDATION',
        'bigcommerce POST /v3/hooks failed with 422: a hook with this scope and destination exists',
        {
          status: 422,
        },
      );
    }
    const id = this.nextHookId++;
    const hook: BigCommerceHook = {
      id,
      client_id: 'fake-client',
      store_hash: this.store.id,
      scope: input.scope,
      destination: input.destination,
      is_active: input.isActive ?? true,
      headers: input.headers ? { ...input.headers } : null,
      created_at: 1_700_000_000 + id,
      updated_at: 1_700_000_000 + id,
    };
    this.hooks.set(id, hook);
    return hook;
  }

  private notFound(method: ApiMethod): Error {
    return bigCommerceError(
      { status: 404, body: [{ status: 404, message: 'The requested resource was not found.' }] },
      {
        operation: OPERATIONS[method],
        storeHash: this.store.id,
      },
    );
  }
}
