import type { SkuMapEntry } from '@mlc/catalog';
import { FakeRuntime, fakeRuntime } from '../testing/fake-runtime';
import { MemoryCommitted } from '../testing/memory-committed';
import { MemoryRecording } from '../testing/memory-recording';
import { CatalogPusher } from './catalog-pusher';

const T0 = Date.parse('2026-11-28T08:00:00.000Z');

function variantEntry(n: number): SkuMapEntry {
  return {
    sku: `V-${n}`,
    storeProductId: 1000 + Math.floor(n / 5),
    storeVariantId: n,
    kind: 'variant',
    inventoryTracking: 'variant',
    bcItemId: `item-v${n}`,
  };
}

function productEntry(n: number): SkuMapEntry {
  return { sku: `P-${n}`, storeProductId: n, kind: 'product', inventoryTracking: 'product', bcItemId: `item-p${n}` };
}

class Harness {
  clock = T0;
  readonly rt: FakeRuntime = fakeRuntime();
  readonly committed = new MemoryCommitted();
  readonly recording = new MemoryRecording();
  readonly pusher = new CatalogPusher(this.committed, this.recording, () => this.clock);
  entries: SkuMapEntry[];

  constructor(entries: SkuMapEntry[], inventory = '5', price = '10.00') {
    this.rt.bc.now = () => this.clock;
    this.entries = entries;
    for (const e of entries) this.rt.bc.item(e.bcItemId, e.sku, { inventory, unitPrice: price });
  }

  /** Re-reads the items and pushes, then carries the recorded entries into the next push. */
  async push(ids = this.entries.map((e) => e.bcItemId)) {
    this.clock += 1000;
    const items = await this.rt.bc.readItems(ids);
    const wanted = new Set(ids);
    const summary = await this.pusher.push(this.rt, {
      trigger: 'signals',
      items,
      entries: this.entries.filter((e) => wanted.has(e.bcItemId)),
    });
    this.entries = this.entries.map((e) => this.recording.entries.get(e.sku) ?? e);
    return summary;
  }
}

describe('CatalogPusher', () => {
  it('sets a first level absolutely, then sends nothing for values equal to the last pushed', async () => {
    const h = new Harness([productEntry(1), variantEntry(7)]);
    h.rt.store.setLevel('p1', 0).setLevel('v7', 0);
    const first = await h.push();
    expect(h.rt.store.levels_.get('p1')).toBe(5);
    expect(h.rt.store.levels_.get('v7')).toBe(5);
    expect(h.rt.store.prices.get('p1')).toBe(10);
    expect(first.stock.changed).toBe(2);
    expect(h.rt.store.sent.map((w) => w.kind)).toEqual(['variant-prices', 'product-prices', 'absolute-stock']);

    const sentBefore = h.rt.store.sent.length;
    const again = await h.push();
    expect(h.rt.store.sent.length).toBe(sentBefore);
    expect(again.requests.planned).toBe(0);
    expect(again.price.unchanged).toBe(2);
    expect(again.stock.unchanged).toBe(2);
  });

  it('uses the batch maxima: 50 variant prices, 10 product prices, 2000 inventory items per request', async () => {
    const variants = Array.from({ length: 2120 }, (_, i) => variantEntry(i + 1));
    const products = Array.from({ length: 25 }, (_, i) => productEntry(i + 1));
    const h = new Harness([...variants, ...products]);
    for (const e of [...variants, ...products]) h.rt.store.setLevel(e.kind === 'variant' ? `v${e.storeVariantId}` : `p${e.storeProductId}`, 0);
    await h.push();
    for (const item of h.rt.bc.items.values()) {
      item.unitPrice = '11.00';
      item.inventory = '9';
    }
    h.rt.store.sent.length = 0;
    const summary = await h.push();
    const sizes = (kind: string) =>
      h.rt.store.sent.filter((w) => w.kind === kind).map((w) => w.skus.length);
    expect(sizes('variant-prices')).toEqual([...Array(42).fill(50), 20]);
    expect(sizes('product-prices')).toEqual([10, 10, 5]);
    expect(sizes('relative-stock')).toEqual([2000, 145]);
    expect(sizes('absolute-stock')).toEqual([]);
    expect(summary.requests.planned).toBe(Math.ceil(2120 / 50) + Math.ceil(25 / 10) + Math.ceil(2145 / 2000));
    expect(h.rt.store.levels_.get('v2120')).toBe(9);
  });

  it('gives an absolute level at once to SKUs BigCommerce refuses a relative adjustment for', async () => {
    const h = new Harness([productEntry(1), productEntry(2)]);
    h.rt.store.setLevel('p1', 0).setLevel('p2', 0);
    await h.push();
    h.rt.store.levels_.delete('p2'); // e.g. its inventory record at the location was removed
    for (const item of h.rt.bc.items.values()) item.inventory = '8';
    const summary = await h.push();
    expect(h.rt.store.levels_.get('p1')).toBe(8);
    expect(h.rt.store.levels_.get('p2')).toBe(8);
    expect(h.rt.store.sent.slice(-3).map((w) => w.kind)).toEqual(['relative-stock', 'absolute-stock', 'relative-stock']);
    expect(summary.stock.changed).toBe(2);
    expect(summary.requests.byKind).toEqual({ 'relative-stock': 2, 'absolute-stock': 1 });
    expect(h.entries.find((e) => e.sku === 'P-2')?.stockBasis?.inventory).toBe('8');
  });

  it('reports a failed price batch, keeps the last pushed price and asks for a retry', async () => {
    const h = new Harness([productEntry(1)]);
    h.rt.store.setLevel('p1', 0);
    await h.push();
    h.rt.bc.items.get('item-p1')!.unitPrice = '12.00';
    h.rt.store.failNext({ result: 'failed', retryable: true, errorCode: 'RATE_LIMITED' }, 'product-prices');
    const failed = await h.push();
    expect(failed.retryable).toBe(true);
    expect(failed.price.failed).toBe(1);
    expect(h.recording.outcomes.at(-1)).toMatchObject({ sku: 'P-1', outcome: 'failed', reason: 'RATE_LIMITED' });
    expect(h.entries[0]?.lastPushedPrice).toBe('10');
    const retried = await h.push();
    expect(retried.price.changed).toBe(1);
    expect(h.rt.store.prices.get('p1')).toBe(12);
  });

  it('skips prices with a warning when tax inclusion differs, and still pushes stock', async () => {
    const h = new Harness([productEntry(1)]);
    const rt = fakeRuntime({ store: h.rt.store, bc: h.rt.bc, prices: { storePricesIncludeTax: true } });
    h.rt.store.setLevel('p1', 0);
    const items = await h.rt.bc.readItems(['item-p1']);
    const summary = await h.pusher.push(rt, { trigger: 'signals', items, entries: h.entries });
    expect(summary.price.bySkipReason).toEqual({ 'tax-inclusion-mismatch': 1 });
    expect(summary.warnings.map((w) => w.message)).toEqual(['price not pushed: store prices include tax, BC price does not']);
    expect(h.rt.store.sentOf('product-prices')).toEqual([]);
    expect(h.rt.store.levels_.get('p1')).toBe(5);
    expect(h.recording.outcomes[0]).toMatchObject({ sku: 'P-1', outcome: 'changed', level: 5 });
  });

  it('converts prices when the settings say so', async () => {
    const h = new Harness([productEntry(1)]);
    const rt = fakeRuntime({
      store: h.rt.store,
      bc: h.rt.bc,
      prices: { storePricesIncludeTax: true },
      settings: { taxInclusionMismatch: 'convert', taxRatePercent: '10' },
    });
    h.rt.store.setLevel('p1', 0);
    const items = await h.rt.bc.readItems(['item-p1']);
    await h.pusher.push(rt, { trigger: 'signals', items, entries: h.entries });
    expect(h.rt.store.prices.get('p1')).toBe(11);
  });

  it('never sends when dry-running', async () => {
    const h = new Harness([productEntry(1)]);
    const items = await h.rt.bc.readItems(['item-p1']);
    const summary = await h.pusher.push(h.rt, { trigger: 'backfill', items, entries: h.entries, dryRun: true });
    expect(summary.dryRun).toBe(true);
    expect(summary.requests.planned).toBe(2);
    expect(summary.price.changed).toBe(1);
    expect(h.rt.store.sent).toEqual([]);
    expect(h.recording.runs).toEqual([]);
  });
});
