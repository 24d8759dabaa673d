import type { SkuMapEntry } from '@mlc/catalog';
import { fakeRuntime } from '../testing/fake-runtime';
import { MemoryCommitted } from '../testing/memory-committed';
import { MemoryRecording } from '../testing/memory-recording';
import { CatalogPusher } from './catalog-pusher';

const T0 = Date.parse('2026-11-28T08:00:00.000Z');

const A: SkuMapEntry = { sku: 'A', storeProductId: 1, kind: 'product', inventoryTracking: 'product', bcItemId: 'item-a' };
const B: SkuMapEntry = { sku: 'B', storeProductId: 2, kind: 'product', inventoryTracking: 'product', bcItemId: 'item-b' };

/** The complaint peers get (reference/peers.md §4.4): a push re-opens stock the store already sold. */
describe('oversell: the store never shows stock the warehouse no longer has', () => {
  it('keeps A at 1 through orders, a price change, another item moving, postings and a receipt', async () => {
    let clock = T0;
    const at = () => new Date(clock).toISOString();
    const rt = fakeRuntime();
    rt.bc.now = () => clock;
    rt.store.setLevel('p1', 0).setLevel('p2', 0);
    const a = rt.bc.item('item-a', 'A', { inventory: '5', unitPrice: '10.00' });
    const b = rt.bc.item('item-b', 'B', { inventory: '10', unitPrice: '4.00' });
    const committed = new MemoryCommitted();
    const recording = new MemoryRecording();
    const pusher = new CatalogPusher(committed, recording, () => clock);
    let entries = [A, B];
    const push = async (ids: string[]) => {
      clock += 1000;
      const items = await rt.bc.readItems(ids);
      await pusher.push(rt, { trigger: 'signals', items, entries: entries.filter((e) => ids.includes(e.bcItemId)) });
      entries = [A, B].map((e) => recording.entries.get(e.sku) ?? e);
    };
    const order = (orderId: number, state: string, sequence: number) => {
      clock += 1000;
      committed.apply({ orderId, state, documentType: 'salesInvoice', lines: [{ sku: 'A', quantity: '2' }], sequence, occurredAt: at() });
    };

    await push(['item-a', 'item-b']);
    expect(rt.store.levels_.get('p1')).toBe(5);

    rt.store.place('p1', 2);
    rt.store.place('p1', 2);
    order(101, 'RECEIVED', 1);
    order(102, 'RECEIVED', 1);
    expect(rt.store.levels_.get('p1')).toBe(1);

    a.unitPrice = '12.50';
    b.inventory = '7';
    await push(['item-a', 'item-b']);
    expect(rt.store.levels_.get('p1')).toBe(1);
    expect(rt.store.prices.get('p1')).toBe(12.5);
    expect(rt.store.levels_.get('p2')).toBe(7);

    clock += 1000;
    a.inventory = '1'; // both invoices posted: BC now holds 1
    order(101, 'POSTED', 2);
    order(102, 'POSTED', 2);
    await push(['item-a']);
    expect(rt.store.levels_.get('p1')).toBe(1);

    a.inventory = '11'; // purchase receipt of 10
    await push(['item-a']);
    expect(rt.store.levels_.get('p1')).toBe(11);
    expect(rt.store.sentOf('absolute-stock')).toHaveLength(1);
  });
});
