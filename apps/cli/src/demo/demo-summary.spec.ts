import type { Evaluation } from './demo-expectations';
import type { DemoRecord, PlacedOrder, Snapshot } from './demo-records';
import type { Readings } from './demo-readings';
import { percentiles, summarize } from './demo-summary';

describe('percentiles', () => {
  it('takes nearest ranks and is all zero for no values', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentiles(values)).toEqual({ count: 100, p50: 50, p90: 90, p99: 99, max: 100 });
    expect(percentiles([])).toEqual({ count: 0, p50: 0, p90: 0, p99: 0, max: 0 });
    expect(percentiles([7])).toMatchObject({ p50: 7, p99: 7 });
  });
});

describe('summarize', () => {
  const order = (id: number, email: string, placedAt: number): PlacedOrder => ({
    plan: { key: `o${id}`, shopper: 'new', request: { customerEmail: email, lines: [{ sku: 'A', quantity: 1 }] } },
    role: 'normal',
    id,
    placedAt,
    totalIncTax: '10.00',
  });
  const record: DemoRecord = {
    connectionId: 'sandbox',
    documentPrefix: 'BC-',
    startedAt: 1000,
    skus: ['A'],
    bcCustomersBefore: 5,
    orders: [order(1, 'a@x.com', 1000), order(2, 'b@x.com', 1000), order(3, 'a@x.com', 2000)],
    refused: [],
    refunds: [],
    changes: [{ sku: 'A', kind: 'price', value: '9.00', appliedAt: 1000, seenAt: 4000 }],
  };
  const snap = {
    at: 9000,
    orders: new Map(),
    refunds: [],
    sandbox: {
      bigcommerce: { orders: [], refunds: [], stock: {}, prices: {}, hooks: [] },
      'business-central': { items: [], customers: Array.from({ length: 7 }, () => ({ number: 'C', email: 'e' })), documents: {}, subscriptions: [] },
    },
  } as unknown as Snapshot;
  const evaluation: Evaluation = {
    orders: { done: 3, total: 3 },
    refunds: { done: 0, total: 0 },
    changes: { done: 1, total: 1 },
    catalog: { done: 1, total: 1 },
    attention: [],
    complete: true,
  };
  const readings: Readings = {
    attempts: [
      { orderId: 1, refundId: null, bc: 5, bigcommerce: 1 },
      { orderId: 1, refundId: null, bc: 0, bigcommerce: 1 },
      { orderId: 2, refundId: null, bc: 5, bigcommerce: 1 },
      { orderId: 3, refundId: null, bc: 4, bigcommerce: 1 },
    ],
    postedAt: new Map([
      [1, 2000],
      [2, 3000],
      [3, 4000],
    ]),
    pushRuns: [
      { trigger: 'signals', counts: { price: { changed: 60, unchanged: 3 }, stock: { changed: 2 }, requests: { succeeded: 3 } } },
      { trigger: 'drift-check', counts: { price: { unchanged: 63 }, drift: { corrected: 1 }, requests: { succeeded: 1 } } },
    ],
    deadLetters: [],
  };

  it('reports customers from BC, calls against the floor, catalog requests against the floor, latencies', () => {
    const s = summarize(record, snap, evaluation, readings, 11_000);
    expect(s.ok).toBe(true);
    expect(s.wallSeconds).toBe(10);
    expect(s.customers).toEqual({ created: 2, matched: 1 });
    expect(s.apiCalls.bigcommerce).toEqual({ actual: 4, floor: 3, perOrder: 1.33, floorPerOrder: 1, ratio: 1.33 });
    expect(s.apiCalls.businessCentral).toMatchObject({ actual: 14, floor: 13, ratio: 1.08 });
    expect(s.catalog).toMatchObject({ writeRequests: 4, pushes: 2, floor: 3, driftCorrected: 1 });
    expect(s.catalog.price).toEqual({ changed: 60, unchanged: 66 });
    expect(s.latencyMs.orderPosted).toMatchObject({ count: 3, p50: 2000, max: 2000 });
    expect(s.latencyMs.priceToStore).toMatchObject({ count: 1, p50: 3000 });
    expect(s.ordersPerMinute).toBe(60);
  });

  it('is not ok when a dead letter of the connection appeared, and says how to replay it', () => {
    const dead = { ...readings, deadLetters: [{ topic: 'sync.order-state.v1.dlq', key: 'sandbox:1', code: 'VALIDATION', reason: 'bad' }] };
    const s = summarize(record, snap, evaluation, dead, 11_000);
    expect(s.ok).toBe(false);
    expect(s.attention[0]).toMatchObject({ record: 'dead letter sandbox:1', state: 'VALIDATION' });
    expect(s.attention[0]!.fix).toContain('ml-connector dlq replay --topic sync.order-state.v1.dlq');
  });
});
