import { BATCH_LIMITS, StoreProductScan, StoreWrite } from '@mlc/catalog';
import type { StoreFacts, StoreGateway, StoreLevel, WriteAttempt } from '../gateways/store-gateway.port';

/**
 * An in-memory store for unit specs, as strict as BigCommerce where it matters here: orders deduct at once, batch
 * maxima (50 variants, 10 products, 2000 inventory items) are enforced, a relative adjustment of an item that never
 * had a level is refused whole with the 422 BigCommerce sends, and a relative decrement below zero is dropped.
 * Levels and prices are keyed `p<productId>` / `v<variantId>`.
 */
export class FakeStoreGateway implements StoreGateway {
  storeFacts: StoreFacts = { currency: 'USD', pricesIncludeTax: false, decimals: 2 };
  readonly products = new Map<number, StoreProductScan>();
  readonly levels_ = new Map<string, number>();
  readonly prices = new Map<string, number>();
  readonly sent: StoreWrite[] = [];
  private readonly scripted: Array<{ kind?: StoreWrite['kind']; attempt: WriteAttempt }> = [];

  seedProduct(product: StoreProductScan, level?: number): this {
    this.products.set(product.id, product);
    if (level !== undefined) this.levels_.set(`p${product.id}`, level);
    return this;
  }

  setLevel(key: string, level: number): this {
    this.levels_.set(key, level);
    return this;
  }

  /** A shopper buys: the store deducts at once, refusing what it does not have. */
  place(key: string, quantity: number): void {
    const level = this.levels_.get(key) ?? 0;
    if (level < quantity) throw new Error(`out of stock: ${key}`);
    this.levels_.set(key, level - quantity);
  }

  /** The next write (of `kind`, or any) ends like this instead of being applied. */
  failNext(attempt: WriteAttempt, kind?: StoreWrite['kind']): this {
    this.scripted.push({ kind, attempt });
    return this;
  }

  sentOf(kind: StoreWrite['kind']): StoreWrite[] {
    return this.sent.filter((w) => w.kind === kind);
  }

  async facts(): Promise<StoreFacts> {
    return this.storeFacts;
  }

  async *scanProducts(): AsyncIterable<readonly StoreProductScan[]> {
    yield [...this.products.values()];
  }

  async productsByIds(ids: readonly number[]): Promise<StoreProductScan[]> {
    return ids.flatMap((id) => this.products.get(id) ?? []);
  }

  async *levels(): AsyncIterable<readonly StoreLevel[]> {
    yield [...this.levels_].map(([key, onHand]) =>
      key.startsWith('p')
        ? { productId: Number(key.slice(1)), onHand }
        : { productId: 0, variantId: Number(key.slice(1)), onHand },
    );
  }

  async send(write: StoreWrite): Promise<WriteAttempt> {
    this.sent.push(write);
    const i = this.scripted.findIndex((s) => s.kind === undefined || s.kind === write.kind);
    const [scripted] = i >= 0 ? this.scripted.splice(i, 1) : [];
    if (scripted) return scripted.attempt;
    switch (write.kind) {
      case 'variant-prices':
      case 'product-prices':
        return this.applyPrices(write);
      case 'absolute-stock':
      case 'relative-stock':
        return this.applyStock(write);
    }
  }

  private applyPrices(write: Extract<StoreWrite, { kind: 'variant-prices' | 'product-prices' }>): WriteAttempt {
    const max = write.kind === 'variant-prices' ? BATCH_LIMITS.variants : BATCH_LIMITS.products;
    if (write.body.length > max) return { result: 'failed', retryable: false, errorCode: 'VALIDATION', error: '413' };
    const prefix = write.kind === 'variant-prices' ? 'v' : 'p';
    for (const u of write.body) this.prices.set(`${prefix}${u.id}`, u.price);
    return { result: 'succeeded', retryable: false };
  }

  private applyStock(write: Extract<StoreWrite, { kind: 'absolute-stock' | 'relative-stock' }>): WriteAttempt {
    const { items } = write.body;
    if (items.length > BATCH_LIMITS.inventoryItems) {
      return { result: 'failed', retryable: false, errorCode: 'VALIDATION', error: '422 too many items' };
    }
    const keyOf = (i: (typeof items)[number]) => ('product_id' in i ? `p${i.product_id}` : `v${i.variant_id}`);
    if (write.kind === 'relative-stock') {
      const unknown = items.map(keyOf).filter((k) => !this.levels_.has(k));
      if (unknown.length > 0) {
        const names = unknown.map((k) => `${k.startsWith('p') ? 'product_id' : 'variant_id'} ${k.slice(1)}`);
        const error = `Items with identity: [${names.join(', ')}] requires absolute adjustment before relative`;
        return { result: 'failed', retryable: false, errorCode: 'VALIDATION', error, needsAbsolute: unknown };
      }
    }
    for (const item of items) {
      const key = keyOf(item);
      const next = write.kind === 'absolute-stock' ? item.quantity : (this.levels_.get(key) ?? 0) + item.quantity;
      if (next >= 0) this.levels_.set(key, next);
    }
    return { result: 'succeeded', retryable: false, transactionId: `tx-${this.sent.length}` };
  }
}
