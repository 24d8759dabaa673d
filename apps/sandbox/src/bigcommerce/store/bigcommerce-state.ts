import { CatalogStore } from './catalog-store';
import { CustomerStore } from './customer-store';
import { InventoryStore } from './inventory-store';
import type { Hook, Order, Refund, Transaction } from './model';
import { defaultSettings, StoreSettings } from './store-settings';

/** Monotonic ids per resource, reset with the store. */
export class IdSequence {
  private next: number;

  constructor(private readonly start: number) {
    this.next = start;
  }

  take(): number {
    return this.next++;
  }

  reset(): void {
    this.next = this.start;
  }
}

/** Everything the simulated store holds. One instance per sandbox; `reset` returns it to a fresh store. */
export class BigCommerceState {
  settings: StoreSettings = defaultSettings();
  readonly catalog = new CatalogStore();
  readonly customers = new CustomerStore();
  readonly inventory: InventoryStore;
  readonly orders = new Map<number, Order>();
  readonly refunds = new Map<number, Refund>();
  readonly transactions = new Map<number, Transaction[]>();
  readonly hooks = new Map<number, Hook>();
  /** `PUT /v3/hooks/admin` notification emails. */
  hookAdminEmails: string[] = [];
  /** Quantities sold beyond stock for products that allow backorders, by SKU. */
  readonly backordered = new Map<string, number>();
  readonly ids = {
    order: new IdSequence(100),
    orderLine: new IdSequence(1),
    orderAddress: new IdSequence(1),
    pickup: new IdSequence(1),
    coupon: new IdSequence(1),
    refund: new IdSequence(1),
    refundPayment: new IdSequence(1),
    transaction: new IdSequence(1),
    giftCertificate: new IdSequence(1),
    hook: new IdSequence(25_000_001),
    inventoryTransaction: new IdSequence(1),
  };

  constructor(now: number) {
    this.inventory = new InventoryStore(now);
  }

  /** Drops products, stock, customers, orders and refunds (a re-seed); keeps hooks and settings. */
  clearData(now: number): void {
    this.catalog.clear();
    this.customers.clear();
    this.inventory.clear(now);
    this.orders.clear();
    this.refunds.clear();
    this.transactions.clear();
    this.backordered.clear();
    for (const [name, seq] of Object.entries(this.ids)) if (name !== 'hook') seq.reset();
  }

  /** Back to a fresh store: data, hooks and settings. */
  resetAll(now: number): void {
    this.clearData(now);
    this.hooks.clear();
    this.hookAdminEmails = [];
    this.ids.hook.reset();
    this.settings = defaultSettings();
  }
}
