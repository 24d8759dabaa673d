import { Decimal } from '@mlc/platform-money';
import { CommittedStockState, OrderStateEvent, applyOrderState, emptyCommittedStock } from './committed-stock';
import { BcItemSnapshot, CatalogPlan, planCatalogUpdates } from './plan-updates';
import { recordPushResult, resultsBySku } from './push-record';
import { defaultCatalogSyncSettings } from './settings';
import { SkuMapEntry } from './sku-map';
import { StoreWrite } from './store-writes';

/** The value, or a failed test when it is missing. */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

/** A store that behaves like BigCommerce for what matters here: orders deduct at once, writes apply as sent. */
class StoreModel {
  readonly levels = new Map<number, number>();
  readonly prices = new Map<number, number>();

  place(productId: number, quantity: number): void {
    const level = this.levels.get(productId) ?? 0;
    if (level < quantity) throw new Error(`out of stock: ${productId}`);
    this.levels.set(productId, level - quantity);
  }

  apply(write: StoreWrite): void {
    if (write.kind === 'product-prices' || write.kind === 'variant-prices') {
      for (const u of write.body) this.prices.set(u.id, u.price);
      return;
    }
    for (const item of write.body.items) {
      const id = 'product_id' in item ? item.product_id : item.variant_id;
      const before = this.levels.get(id) ?? 0;
      this.levels.set(id, write.kind === 'absolute-stock' ? item.quantity : Math.max(0, before + item.quantity));
    }
  }
}

const T0 = Date.parse('2026-11-28T08:00:00.000Z');
const at = (seconds: number) => T0 + seconds * 1000;
const iso = (seconds: number) => new Date(at(seconds)).toISOString();

const entryA: SkuMapEntry = {
  sku: 'A',
  storeProductId: 101,
  kind: 'product',
  inventoryTracking: 'product',
  bcItemId: 'item-a',
};
const entryB: SkuMapEntry = {
  sku: 'B',
  storeProductId: 102,
  kind: 'product',
  inventoryTracking: 'product',
  bcItemId: 'item-b',
};

function item(id: string, inventory: string, unitPrice: string, observedAtSeconds: number): BcItemSnapshot {
  return {
    id,
    number: id.toUpperCase(),
    type: 'Inventory',
    blocked: false,
    inventory: Decimal.parse(inventory),
    unitPrice: Decimal.parse(unitPrice),
    priceIncludesTax: false,
    observedAt: at(observedAtSeconds),
  };
}

function orderEvent(orderId: number, state: string, sequence: number, seconds: number): OrderStateEvent {
  return {
    connectionId: 'acme',
    orderId,
    state,
    documentType: 'salesInvoice',
    lines: [{ sku: 'A', quantity: '2' }],
    sequence,
    occurredAt: iso(seconds),
  };
}

/** Plans, sends every write to the store model, and records the results the way catalog-writer does. */
function push(
  store: StoreModel,
  entries: SkuMapEntry[],
  items: BcItemSnapshot[],
  committed: CommittedStockState,
  nowSeconds: number,
): { plan: CatalogPlan; entries: SkuMapEntry[] } {
  const plan = planCatalogUpdates({
    items,
    entries,
    committed,
    settings: defaultCatalogSyncSettings(),
    prices: { storeCurrency: 'USD', storePricesIncludeTax: false, bcLocalCurrency: 'USD' },
    now: at(nowSeconds),
  });
  plan.writes.forEach((w) => store.apply(w));
  const results = resultsBySku(
    plan.writes,
    plan.writes.map(() => 'succeeded' as const),
  );
  const next = entries.map((e) => {
    const outcome = plan.outcomes.find((o) => o.sku === e.sku);
    return outcome ? recordPushResult(e, outcome, results.get(e.sku) ?? {}) : e;
  });
  return { plan, entries: next };
}

function stockWritesFor(plan: CatalogPlan, productId: number) {
  return plan.writes.flatMap((w) =>
    w.kind === 'absolute-stock' || w.kind === 'relative-stock'
      ? w.body.items.filter((i) => 'product_id' in i && i.product_id === productId).map((i) => ({ kind: w.kind, i }))
      : [],
  );
}

describe('the oversell scenario: sold stock is never re-opened', () => {
  it('keeps the store at what is really left through orders, a price change, postings and a receipt', () => {
    const store = new StoreModel();
    let committed = emptyCommittedStock('acme');

    // First sync: BC has 5 of A and 10 of B; the store gets them as absolute levels.
    let step = push(
      store,
      [entryA, entryB],
      [item('item-a', '5', '10.00', 0), item('item-b', '10', '4.00', 0)],
      committed,
      1,
    );
    expect(store.levels.get(101)).toBe(5);
    expect(store.levels.get(102)).toBe(10);

    // Two shoppers buy 2 each: BigCommerce deducts at once and shows 1.
    store.place(101, 2);
    store.place(101, 2);
    expect(store.levels.get(101)).toBe(1);

    // Their order-state events arrive: 4 committed.
    committed = applyOrderState(committed, orderEvent(1, 'RECEIVED', 1, 10));
    committed = applyOrderState(committed, orderEvent(2, 'RECEIVED', 1, 11));

    // Before BC reflects them, A's price changes and B's stock changes (7 left after a BC-side adjustment).
    step = push(
      store,
      step.entries,
      [item('item-a', '5', '12.50', 20), item('item-b', '7', '4.00', 20)],
      committed,
      21,
    );
    const a = must(step.plan.outcomes.find((o) => o.sku === 'A'));
    expect(a.price).toEqual({ status: 'changed', from: '10', to: '12.5' });
    expect(a.stock).toMatchObject({ status: 'unchanged', target: 1 });
    expect(stockWritesFor(step.plan, 101)).toEqual([]);
    expect(stockWritesFor(step.plan, 102)).toEqual([
      { kind: 'relative-stock', i: { product_id: 102, location_id: 1, quantity: -3 } },
    ]);
    expect(store.levels.get(101)).toBe(1);
    expect(store.prices.get(101)).toBe(12.5);
    expect(store.levels.get(102)).toBe(7);

    // The invoices post: BC inventory becomes 1 and nothing is committed any more. The store stays at 1.
    committed = applyOrderState(committed, orderEvent(1, 'POSTED', 3, 30));
    committed = applyOrderState(committed, orderEvent(2, 'POSTED', 3, 31));
    step = push(store, step.entries, [item('item-a', '1', '12.50', 40)], committed, 41);
    expect(step.plan.writes).toEqual([]);
    expect(must(step.plan.outcomes[0]).stock).toMatchObject({ status: 'unchanged', target: 1 });
    expect(store.levels.get(101)).toBe(1);

    // A purchase receipt of 10 in BC: +10 relative, 11 in the store.
    step = push(store, step.entries, [item('item-a', '11', '12.50', 50)], committed, 51);
    expect(stockWritesFor(step.plan, 101)).toEqual([
      { kind: 'relative-stock', i: { product_id: 101, location_id: 1, quantity: 10 } },
    ]);
    expect(store.levels.get(101)).toBe(11);
  });

  it('does not re-open stock when the posting is known before a BC read that reflects it', () => {
    const store = new StoreModel();
    let committed = emptyCommittedStock('acme');
    let step = push(store, [entryA], [item('item-a', '5', '10.00', 0)], committed, 1);
    store.place(101, 2);
    store.place(101, 2);
    committed = applyOrderState(committed, orderEvent(1, 'RECEIVED', 1, 10));
    committed = applyOrderState(committed, orderEvent(2, 'RECEIVED', 1, 11));
    committed = applyOrderState(committed, orderEvent(1, 'POSTED', 3, 30));
    committed = applyOrderState(committed, orderEvent(2, 'POSTED', 3, 31));

    // A price notification re-reads A from a read that started before the postings: inventory still 5.
    step = push(store, step.entries, [item('item-a', '5', '11.00', 25)], committed, 32);
    expect(stockWritesFor(step.plan, 101)).toEqual([]);
    expect(store.levels.get(101)).toBe(1);

    // The next scan sees the postings: still nothing to push.
    step = push(store, step.entries, [item('item-a', '1', '11.00', 60)], committed, 61);
    expect(stockWritesFor(step.plan, 101)).toEqual([]);
    expect(store.levels.get(101)).toBe(1);
  });

  it('keeps an order placed while a relative adjustment is in flight', () => {
    const store = new StoreModel();
    const committed = emptyCommittedStock('acme');
    const step = push(store, [entryA], [item('item-a', '5', '10.00', 0)], committed, 1);
    const plan = planCatalogUpdates({
      items: [item('item-a', '15', '10.00', 10)],
      entries: step.entries,
      committed,
      settings: defaultCatalogSyncSettings(),
      prices: { storeCurrency: 'USD', storePricesIncludeTax: false, bcLocalCurrency: 'USD' },
      now: at(11),
    });
    store.place(101, 3);
    plan.writes.forEach((w) => store.apply(w));
    expect(store.levels.get(101)).toBe(12);
  });
});
