import { BigCommerceClient } from '../client/bigcommerce-client';
import { BigCommerceClientOptions } from '../client/bigcommerce-client.options';
import { BigCommerceApi } from '../bigcommerce-api.port';
import { CatalogResource } from './catalog.resource';
import { CustomersResource } from './customers.resource';
import { HooksResource } from './hooks.resource';
import { InventoryResource } from './inventory.resource';
import { OrdersResource } from './orders.resource';
import { StoreResource } from './store.resource';

/** The HTTP implementation of BigCommerceApi for one store: the resources over one shared client. */
export class BigCommerceApiClient implements BigCommerceApi {
  readonly store: StoreResource;
  readonly orders: OrdersResource;
  readonly customers: CustomersResource;
  readonly catalog: CatalogResource;
  readonly inventory: InventoryResource;
  readonly hooks: HooksResource;

  constructor(readonly client: BigCommerceClient) {
    this.store = new StoreResource(client);
    this.orders = new OrdersResource(client);
    this.customers = new CustomersResource(client);
    this.catalog = new CatalogResource(client);
    this.inventory = new InventoryResource(client);
    this.hooks = new HooksResource(client);
  }

  storeInformation: BigCommerceApi['storeInformation'] = () => this.store.storeInformation();
  getOrder: BigCommerceApi['getOrder'] = (id) => this.orders.getOrder(id);
  listOrdersModifiedSince: BigCommerceApi['listOrdersModifiedSince'] = (since, options) =>
    this.orders.listOrdersModifiedSince(since, options);
  listOrderProducts: BigCommerceApi['listOrderProducts'] = (id) => this.orders.listOrderProducts(id);
  listRefunds: BigCommerceApi['listRefunds'] = (id) => this.orders.listRefunds(id);
  findCustomersByEmail: BigCommerceApi['findCustomersByEmail'] = (emails) =>
    this.customers.findCustomersByEmail(emails);
  listProducts: BigCommerceApi['listProducts'] = (options) => this.catalog.listProducts(options);
  getVariantsBySku: BigCommerceApi['getVariantsBySku'] = (skus) => this.catalog.getVariantsBySku(skus);
  updateVariantsBatch: BigCommerceApi['updateVariantsBatch'] = (updates) => this.catalog.updateVariantsBatch(updates);
  updateProductsBatch: BigCommerceApi['updateProductsBatch'] = (updates) => this.catalog.updateProductsBatch(updates);
  adjustAbsolute: BigCommerceApi['adjustAbsolute'] = (adjustment) => this.inventory.adjustAbsolute(adjustment);
  adjustRelative: BigCommerceApi['adjustRelative'] = (adjustment) => this.inventory.adjustRelative(adjustment);
  listLocations: BigCommerceApi['listLocations'] = () => this.inventory.listLocations();
  listHooks: BigCommerceApi['listHooks'] = (filter) => this.hooks.listHooks(filter);
  createHook: BigCommerceApi['createHook'] = (input) => this.hooks.createHook(input);
  updateHook: BigCommerceApi['updateHook'] = (id, patch) => this.hooks.updateHook(id, patch);
  deleteHook: BigCommerceApi['deleteHook'] = (id) => this.hooks.deleteHook(id);

  close(): Promise<void> {
    return this.client.close();
  }
}

/** Builds the client and its resources for one store. */
export function createBigCommerceApi(options: BigCommerceClientOptions): BigCommerceApiClient {
  return new BigCommerceApiClient(new BigCommerceClient(options));
}
