import { buildOrder } from '@mlc/bigcommerce/testing';
import { formatRfc2822 } from '@mlc/bigcommerce';
import { InMemoryLeaseStore, InMemoryWatermarkStore } from '../testing/in-memory-stores';
import { fakeWatch } from '../testing/fake-resources';
import { OrderPoll, signalsFor } from './order-poll';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const TOPIC = 'bigcommerce.order-signal.v1';

function setup(overlapMs = 120_000) {
  let now = T0;
  const w = fakeWatch(() => now);
  const leases = new InMemoryLeaseStore(() => now);
  const marks = new InMemoryWatermarkStore(leases);
  const poll = new OrderPoll({ ...w.deps, schedule: { ...w.deps.schedule, overlapMs } }, marks);
  const order = (id: number, modifiedMs: number, refunded = '0.0000') =>
    w.store.seedOrder(buildOrder(id, { overrides: { date_modified: formatRfc2822(new Date(modifiedMs)), refunded_amount: refunded } }));
  return { ...w, leases, marks, poll, order, setNow: (ms: number) => (now = ms) };
}

describe('OrderPoll', () => {
  it('starts a new stream at now, without replaying the overlap window', async () => {
    const t = setup();
    await t.leases.acquire('shop-1', 'replica-a', 30_000);
    t.order(1, T0 - 60_000);
    expect(await t.poll.run('shop-1')).toBe(0);
    expect((await t.marks.get('shop-1', 'bigcommerce-orders'))?.value.getTime()).toBe(T0);
  });

  it('signals orders modified since the watermark (with overlap) once, and moves the watermark', async () => {
    const t = setup();
    await t.leases.acquire('shop-1', 'replica-a', 30_000);
    await t.poll.run('shop-1');
    t.order(1, T0 - 3600_000);
    t.order(2, T0 - 60_000);
    expect(await t.poll.run('shop-1')).toBe(1);
    expect(t.sink.values(TOPIC)).toEqual([
      expect.objectContaining({ connectionId: 'shop-1', orderId: 2, kind: 'order', source: 'poll', occurredAt: new Date(T0 - 60_000).toISOString() }),
    ]);
    expect((await t.marks.get('shop-1', 'bigcommerce-orders'))?.value.getTime()).toBe(T0);

    t.order(3, T0 + 5000);
    t.setNow(T0 + 30_000);
    await t.leases.acquire('shop-1', 'replica-a', 30_000);
    expect(await t.poll.run('shop-1')).toBe(1);
    expect(t.sink.values(TOPIC).map((v) => v.orderId)).toEqual([2, 3]);
    expect((await t.marks.get('shop-1', 'bigcommerce-orders'))?.value.getTime()).toBe(T0 + 5000);
  });

  it('signals an order again when it was modified again inside the overlap', async () => {
    const t = setup();
    await t.leases.acquire('shop-1', 'replica-a', 30_000);
    await t.poll.run('shop-1');
    t.order(5, T0 - 10_000);
    await t.poll.run('shop-1');
    t.order(5, T0 - 5000);
    await t.poll.run('shop-1');
    expect(t.sink.values(TOPIC).map((v) => v.orderId)).toEqual([5, 5]);
  });

  it('does not signal again an order of the watermark second when the watermark has milliseconds', async () => {
    const t = setup(0);
    t.setNow(T0 + 753);
    await t.leases.acquire('shop-1', 'replica-a', 30_000);
    await t.poll.run('shop-1');
    t.order(6, T0);
    await t.poll.run('shop-1');
    await t.poll.run('shop-1');
    await t.poll.run('shop-1');
    expect(t.sink.values(TOPIC).map((v) => v.orderId)).toEqual([6]);
  });

  it('reads past a full page by restarting from its last date, each order once', async () => {
    const t = setup();
    await t.leases.acquire('shop-1', 'replica-a', 30_000);
    await t.poll.run('shop-1');
    for (let id = 1; id <= 600; id += 1) t.order(id, T0 - 60_000 + id * 10);
    expect(await t.poll.run('shop-1')).toBe(600);
    const ids = t.sink.values(TOPIC).map((v) => v.orderId);
    expect(new Set(ids).size).toBe(600);
    expect(ids).toHaveLength(600);
    expect(t.store.calls.filter((c) => c.method === 'listOrdersModifiedSince').length).toBeGreaterThan(1);
  });

  it('keeps the watermark where it was when publishing fails, and succeeds later', async () => {
    const t = setup();
    await t.leases.acquire('shop-1', 'replica-a', 30_000);
    await t.poll.run('shop-1');
    const before = (await t.marks.get('shop-1', 'bigcommerce-orders'))?.value;
    t.order(7, T0 + 1000);
    t.sink.failNext();
    await expect(t.poll.run('shop-1')).rejects.toMatchObject({ code: 'DEPENDENCY_DOWN' });
    expect((await t.marks.get('shop-1', 'bigcommerce-orders'))?.value).toEqual(before);
    await t.poll.run('shop-1');
    expect(t.sink.values(TOPIC).map((v) => v.orderId)).toEqual([7]);
  });

  it('stops when another replica took the lease', async () => {
    const t = setup();
    await t.leases.acquire('shop-1', 'replica-b', 30_000);
    t.order(8, T0 - 1000);
    await expect(t.poll.run('shop-1')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await t.marks.get('shop-1', 'bigcommerce-orders')).toBeUndefined();
  });

  it('adds a refund signal without a refund id when the order shows a refunded amount', () => {
    const order = buildOrder(9, { overrides: { date_modified: formatRfc2822(new Date(T0)), refunded_amount: '5.0000' } });
    expect(signalsFor('shop-1', order).map((s) => s.kind)).toEqual(['order', 'refund']);
    expect(signalsFor('shop-1', { ...order, refunded_amount: '0.0000' } as typeof order).map((s) => s.kind)).toEqual(['order']);
  });
});
