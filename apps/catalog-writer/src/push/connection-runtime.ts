import type { CatalogSyncSettings, PriceFacts, SkuMatchRule } from '@mlc/catalog';
import type { BcItemSource } from '../gateways/bc-item-source.port';
import type { StoreGateway } from '../gateways/store-gateway.port';

/** Everything one push needs to know about its connection, built from the registry and cached per version. */
export interface ConnectionRuntime {
  readonly connectionId: string;
  readonly settings: CatalogSyncSettings;
  /** How orders reach BC: posted invoices, or sales orders whose shipped quantities are read back. */
  readonly documentType: 'salesInvoice' | 'salesOrder';
  /** The connection's `orders.skuMapping` mode (the mapping table's links are read where the map is classified). */
  readonly match: Pick<SkuMatchRule, 'mode'>;
  readonly store: StoreGateway;
  readonly bc: BcItemSource;
  /** Store currency and tax entry, BC's local currency; cached for a while (they rarely change). */
  priceFacts(): Promise<PriceFacts>;
}

/** Looks runtimes up by connection id; throws PermanentError NOT_FOUND for an unknown connection. */
export interface RuntimeProvider {
  get(connectionId: string): Promise<ConnectionRuntime>;
}

/** The price facts a runtime reports when BC does not show its local currency and none is configured. */
export const UNKNOWN_CURRENCY = 'UNKNOWN';

/** Caches a value for `ttlMs`; a failed load is not cached. */
export class Expiring<T> {
  private value?: { at: number; promise: Promise<T> };

  constructor(
    private readonly load: () => Promise<T>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    const current = this.value;
    if (current && this.now() - current.at < this.ttlMs) return current.promise;
    const promise = this.load();
    const entry = { at: this.now(), promise };
    this.value = entry;
    promise.catch(() => {
      if (this.value === entry) this.value = undefined;
    });
    return promise;
  }
}
