import { InMemoryLeaseStore, InMemoryStockScanStore } from '../testing/in-memory-stores';
import { fakeWatch } from '../testing/fake-resources';
import { StockScan } from './stock-scan';

const TOPIC = 'businesscentral.item-changed.v1';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function setup(items = 5, leases?: InMemoryLeaseStore) {
  const w = fakeWatch();
  for (let n = 1; n <= items; n += 1) {
    w.bc.items.set(id(n), {
      id: id(n),
      number: `SKU-${n}`,
      type: 'Inventory',
      blocked: false,
      inventory: '10',
      unitPrice: '9.99',
      modified: new Date('2026-01-01T00:00:00Z'),
    });
  }
  const store = new InMemoryStockScanStore(leases);
  return { ...w, store, scan: new StockScan(w.deps, store) };
}

const change = (
  t: ReturnType<typeof setup>,
  n: number,
  fields: Partial<{ inventory: string; unitPrice: string; blocked: boolean }>,
) => t.bc.items.set(id(n), { ...t.bc.items.get(id(n))!, ...fields });

describe('StockScan', () => {
  it('records the first scan as a silent baseline, page by page', async () => {
    const t = setup(5);
    expect(await t.scan.run('shop-1')).toEqual({ items: 5, changes: 0, deleted: 0, requests: 3, baseline: true });
    expect(t.sink.published).toEqual([]);
    expect(t.store.rows.size).toBe(5);
  });

  it('publishes only what changed since the last scan: stock movements as stock, the rest as updated', async () => {
    const t = setup(5);
    await t.scan.run('shop-1');
    change(t, 2, { inventory: '7' });
    change(t, 4, { unitPrice: '12.50' });
    change(t, 5, { blocked: true, inventory: '0' });
    const stats = await t.scan.run('shop-1');
    expect(stats).toMatchObject({ items: 5, changes: 3, baseline: false });
    expect(t.sink.values(TOPIC)).toEqual([
      expect.objectContaining({ connectionId: 'shop-1', itemId: id(2), changeType: 'stock', source: 'scan' }),
      expect.objectContaining({ itemId: id(4), changeType: 'updated', source: 'scan' }),
      expect.objectContaining({ itemId: id(5), changeType: 'updated', source: 'scan' }),
    ]);
    expect((await t.scan.run('shop-1')).changes).toBe(0);
  });

  it('reports an item that appeared after the baseline', async () => {
    const t = setup(2);
    await t.scan.run('shop-1');
    t.bc.items.set(id(3), { ...t.bc.items.get(id(1))!, id: id(3), number: 'SKU-3' });
    await t.scan.run('shop-1');
    expect(t.sink.values(TOPIC)).toEqual([expect.objectContaining({ itemId: id(3), changeType: 'updated' })]);
  });

  it('stores a page only after publishing it, so a failed publish is repeated by the next scan', async () => {
    const t = setup(2);
    await t.scan.run('shop-1');
    change(t, 1, { inventory: '3' });
    t.sink.failNext();
    await expect(t.scan.run('shop-1')).rejects.toMatchObject({ code: 'DEPENDENCY_DOWN' });
    await t.scan.run('shop-1');
    expect(t.sink.values(TOPIC)).toEqual([expect.objectContaining({ itemId: id(1), changeType: 'stock' })]);
  });

  it('publishes an item deleted in BC as deleted and drops it from the diff state', async () => {
    const t = setup(5);
    await t.scan.run('shop-1');
    t.bc.items.delete(id(2));
    t.bc.items.delete(id(5));
    expect(await t.scan.run('shop-1')).toMatchObject({ items: 3, changes: 2, deleted: 2 });
    expect(t.sink.values(TOPIC)).toEqual([
      expect.objectContaining({ connectionId: 'shop-1', itemId: id(2), changeType: 'deleted', source: 'scan' }),
      expect.objectContaining({ connectionId: 'shop-1', itemId: id(5), changeType: 'deleted', source: 'scan' }),
    ]);
    expect([...t.store.rows.keys()].sort()).toEqual([1, 3, 4].map((n) => `shop-1:${id(n)}`));
    expect(await t.scan.run('shop-1')).toMatchObject({ changes: 0, deleted: 0 });
    expect(t.sink.values(TOPIC)).toHaveLength(2);
  });

  it('reports an item deleted and created again as a new item', async () => {
    const t = setup(2);
    await t.scan.run('shop-1');
    const item = t.bc.items.get(id(1));
    t.bc.items.delete(id(1));
    await t.scan.run('shop-1');
    if (item) t.bc.items.set(id(1), item);
    await t.scan.run('shop-1');
    expect(t.sink.values(TOPIC).map((v) => v.changeType)).toEqual(['deleted', 'updated']);
  });

  it('drops items deleted during the baseline without publishing, and keeps items of other connections', async () => {
    const t = setup(3);
    // A baseline attempt that failed part-way recorded an item BC deleted before the next attempt.
    await t.store.begin('shop-1');
    await t.store.save('shop-1', [{ itemId: id(8), stock: 1, attrs: 1 }], 1);
    await t.store.save('shop-2', [{ itemId: id(9), stock: 1, attrs: 1 }], 1);
    expect(await t.scan.run('shop-1')).toMatchObject({ baseline: true, deleted: 1, changes: 0 });
    expect(t.sink.published).toEqual([]);
    expect(t.store.rows.has(`shop-1:${id(8)}`)).toBe(false);
    expect(t.store.rows.has(`shop-2:${id(9)}`)).toBe(true);
  });

  it('finds deletions only after a complete scan: a scan that failed part-way deletes nothing', async () => {
    const t = setup(5);
    await t.scan.run('shop-1');
    t.bc.items.delete(id(4));
    t.sink.failNext();
    change(t, 1, { inventory: '1' });
    await expect(t.scan.run('shop-1')).rejects.toMatchObject({ code: 'DEPENDENCY_DOWN' });
    expect(t.store.rows.has(`shop-1:${id(4)}`)).toBe(true);
    expect(await t.scan.run('shop-1')).toMatchObject({ deleted: 1 });
    expect(t.sink.values(TOPIC).map((v) => `${v.itemId as string} ${v.changeType as string}`)).toEqual([
      `${id(1)} stock`,
      `${id(4)} deleted`,
    ]);
  });

  it('stops pruning when the scheduler lease was lost, keeping the rows for the new leader', async () => {
    const leases = new InMemoryLeaseStore();
    const t = setup(3, leases);
    await leases.acquire('shop-1', 'replica-a', 30_000);
    await t.scan.run('shop-1');
    t.bc.items.delete(id(3));
    await leases.release(['shop-1'], 'replica-a');
    await leases.acquire('shop-1', 'replica-b', 30_000);
    await expect(t.scan.run('shop-1')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(t.store.rows.has(`shop-1:${id(3)}`)).toBe(true);
  });
});
