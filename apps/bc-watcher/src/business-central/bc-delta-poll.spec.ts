import { InMemoryLeaseStore, InMemoryWatermarkStore } from '../testing/in-memory-stores';
import { fakeWatch } from '../testing/fake-resources';
import { BcDeltaPoll } from './bc-delta-poll';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function setup() {
  const w = fakeWatch(() => T0);
  const leases = new InMemoryLeaseStore(() => T0);
  const marks = new InMemoryWatermarkStore(leases);
  const item = (n: number, modifiedMs: number) =>
    w.bc.items.set(id(n), { id: id(n), number: `N${n}`, type: 'Inventory', blocked: false, inventory: '1', unitPrice: '1', modified: new Date(modifiedMs) });
  return { ...w, leases, marks, poll: new BcDeltaPoll(w.deps, marks), item };
}

describe('BcDeltaPoll', () => {
  it('signals items modified after the watermark minus the overlap, every page, once', async () => {
    const t = setup();
    await t.leases.acquire('shop-1', 'replica-a', 30_000);
    await t.poll.run('shop-1', 'items');
    t.item(1, T0 - 3600_000);
    for (let n = 2; n <= 6; n += 1) t.item(n, T0 - 60_000 + n);
    expect(await t.poll.run('shop-1', 'items')).toBe(5);
    expect(t.sink.values('businesscentral.item-changed.v1')).toEqual(
      [2, 3, 4, 5, 6].map((n) =>
        expect.objectContaining({ connectionId: 'shop-1', itemId: id(n), changeType: 'updated', source: 'poll' }),
      ),
    );
    expect(await t.poll.run('shop-1', 'items')).toBe(0);
    t.item(3, T0 + 1000);
    expect(await t.poll.run('shop-1', 'items')).toBe(1);
    expect((await t.marks.get('shop-1', 'bc-items'))?.value.getTime()).toBe(T0 + 1000);
  });

  it('signals customers on their own stream and topic', async () => {
    const t = setup();
    await t.leases.acquire('shop-1', 'replica-a', 30_000);
    await t.poll.run('shop-1', 'customers');
    t.bc.customers.set(id(9), new Date(T0 - 1000));
    expect(await t.poll.run('shop-1', 'customers')).toBe(1);
    expect(t.sink.values('businesscentral.customer-changed.v1')).toEqual([
      expect.objectContaining({ customerId: id(9), changeType: 'updated', source: 'poll' }),
    ]);
    expect(await t.marks.get('shop-1', 'bc-items')).toBeUndefined();
    expect(await t.marks.get('shop-1', 'bc-customers')).toBeDefined();
  });

  it('moves the watermark only after the whole poll is published (BC pages by key, not by time)', async () => {
    const t = setup();
    await t.leases.acquire('shop-1', 'replica-a', 30_000);
    await t.poll.run('shop-1', 'items');
    const start = (await t.marks.get('shop-1', 'bc-items'))?.value;
    t.item(1, T0 + 9000);
    t.item(2, T0 + 1000);
    t.item(3, T0 + 2000);
    t.sink.failNext();
    t.bc.pageSize = 2;
    await t.poll.run('shop-1', 'items').catch(() => undefined);
    expect((await t.marks.get('shop-1', 'bc-items'))?.value).toEqual(start);
  });
});
