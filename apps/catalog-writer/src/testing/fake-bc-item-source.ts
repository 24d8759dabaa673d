import { Decimal } from '@mlc/platform-money';
import type { BcItemRead, BcItemSource, BcSalesOrderState } from '../gateways/bc-item-source.port';

export interface FakeItem {
  readonly id: string;
  number: string;
  gtin?: string;
  type: BcItemRead['type'];
  blocked: boolean;
  inventory: string;
  unitPrice: string;
  priceIncludesTax: boolean;
}

/** An in-memory Business Central for unit specs: items by id, sales orders by id, a clock for `observedAt`. */
export class FakeBcItemSource implements BcItemSource {
  readonly items = new Map<string, FakeItem>();
  readonly salesOrders = new Map<string, BcSalesOrderState>();
  lcy: string | undefined = 'USD';
  reads = 0;

  constructor(public now: () => number = Date.now) {}

  item(id: string, number: string, fields: Partial<Omit<FakeItem, 'id' | 'number'>> = {}): FakeItem {
    const item: FakeItem = {
      id,
      number,
      type: 'Inventory',
      blocked: false,
      inventory: '0',
      unitPrice: '1.00',
      priceIncludesTax: false,
      ...fields,
    };
    this.items.set(id, item);
    return item;
  }

  async readItems(ids: readonly string[]): Promise<BcItemRead[]> {
    this.reads += 1;
    return [...new Set(ids)].flatMap((id) => {
      const item = this.items.get(id);
      return item ? [this.snapshot(item)] : [];
    });
  }

  async *readAll(): AsyncIterable<readonly BcItemRead[]> {
    this.reads += 1;
    yield [...this.items.values()].map((i) => this.snapshot(i));
  }

  async findByKeys(mode: 'item-number' | 'gtin', keys: readonly string[]): Promise<BcItemRead[]> {
    const wanted = new Set(keys.map((k) => (mode === 'item-number' ? k.toUpperCase() : k)));
    return [...this.items.values()]
      .filter((i) => wanted.has(mode === 'item-number' ? i.number.toUpperCase() : (i.gtin ?? '')))
      .map((i) => this.snapshot(i));
  }

  async localCurrency(): Promise<string | undefined> {
    return this.lcy;
  }

  async salesOrder(id: string): Promise<BcSalesOrderState | undefined> {
    return this.salesOrders.get(id);
  }

  private snapshot(item: FakeItem): BcItemRead {
    return {
      id: item.id,
      number: item.number,
      ...(item.gtin ? { gtin: item.gtin } : {}),
      type: item.type,
      blocked: item.blocked,
      inventory: Decimal.parse(item.inventory),
      unitPrice: Decimal.parse(item.unitPrice),
      priceIncludesTax: item.priceIncludesTax,
      observedAt: this.now(),
    };
  }
}
