import { InvalidMessageError } from '@mlc/platform-errors';
import {
  OrderStateEvent,
  applyOrderState,
  applyOrderStates,
  committedFor,
  emptyCommittedStock,
  indexCommitted,
  pruneSettledOrders,
} from './committed-stock';

/** The value, or a failed test when it is missing. */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

const T0 = Date.parse('2026-11-28T08:00:00.000Z');
const at = (s: number) => T0 + s * 1000;

type Line = OrderStateEvent['lines'][number];

function ev(orderId: number, sequence: number, state: string, lines: Line[], seconds = sequence): OrderStateEvent {
  return {
    connectionId: 'acme',
    orderId,
    state,
    documentType: 'salesInvoice',
    lines,
    sequence,
    occurredAt: new Date(at(seconds)).toISOString(),
  };
}

const so = (orderId: number, sequence: number, state: string, lines: Line[], seconds = sequence): OrderStateEvent => ({
  ...ev(orderId, sequence, state, lines, seconds),
  documentType: 'salesOrder',
});

const sum = (events: OrderStateEvent[], sku: string, asOf?: number) =>
  committedFor(applyOrderStates(emptyCommittedStock('acme'), events), sku, asOf).toString();

describe('committed stock in posted-invoice mode', () => {
  it('commits from first sight until POSTED, whatever happens in between', () => {
    const lines = [{ sku: 'A', quantity: '2' }];
    const history = ['RECEIVED', 'CUSTOMER_RESOLVED', 'NEEDS_MAPPING', 'PARKED', 'FAILED', 'CONFLICT', 'SKIPPED'];
    history.forEach((state, i) => {
      expect(
        sum(
          history.slice(0, i + 1).map((s, j) => ev(1, j + 1, s, lines)),
          'A',
        ),
      ).toBe('2');
    });
    expect(sum([ev(1, 1, 'RECEIVED', lines), ev(1, 2, 'POSTED', lines)], 'A')).toBe('0');
  });

  it('releases on CANCELLED and DELETED', () => {
    const lines = [{ sku: 'A', quantity: '3' }];
    expect(sum([ev(1, 1, 'RECEIVED', lines), ev(1, 2, 'CANCELLED', lines)], 'A')).toBe('0');
    expect(sum([ev(1, 1, 'PARKED', lines), ev(1, 2, 'DELETED', lines)], 'A')).toBe('0');
  });

  it('adds up orders and lines per SKU', () => {
    const events = [
      ev(1, 1, 'RECEIVED', [
        { sku: 'A', quantity: '2' },
        { sku: 'A', quantity: '1' },
        { sku: 'B', quantity: '5' },
      ]),
      ev(2, 1, 'DOCUMENT_CREATED', [{ sku: 'A', quantity: '4' }]),
    ];
    expect(sum(events, 'A')).toBe('7');
    expect(sum(events, 'B')).toBe('5');
    expect(sum(events, 'C')).toBe('0');
  });

  it('follows an edited order: the latest state wins', () => {
    const events = [
      ev(1, 1, 'RECEIVED', [{ sku: 'A', quantity: '2' }]),
      ev(1, 2, 'RECEIVED', [{ sku: 'B', quantity: '1' }]),
    ];
    expect(sum(events, 'A')).toBe('0');
    expect(sum(events, 'B')).toBe('1');
  });

  it('keeps counting a posting for BC reads that started before it', () => {
    const lines = [{ sku: 'A', quantity: '2' }];
    const events = [ev(1, 1, 'RECEIVED', lines, 10), ev(1, 3, 'POSTED', lines, 30)];
    expect(sum(events, 'A')).toBe('0');
    expect(sum(events, 'A', at(29))).toBe('2');
    expect(sum(events, 'A', at(30))).toBe('0');
    expect(sum([ev(1, 3, 'POSTED', lines, 30)], 'A', at(5))).toBe('2');
  });
});

describe('committed stock in sales-order mode', () => {
  it('commits the open quantity not yet shipped and releases shipments as BC absorbs them', () => {
    const events = [
      so(1, 1, 'DOCUMENT_CREATED', [{ sku: 'A', quantity: '3' }], 10),
      so(1, 2, 'DOCUMENT_CREATED', [{ sku: 'A', quantity: '3', shippedQuantity: '1' }], 20),
      so(1, 3, 'DOCUMENT_CREATED', [{ sku: 'A', quantity: '3', shippedQuantity: '3' }], 30),
    ];
    expect(sum(events.slice(0, 1), 'A')).toBe('3');
    expect(sum(events.slice(0, 2), 'A')).toBe('2');
    expect(sum(events, 'A')).toBe('0');
    expect(sum(events, 'A', at(15))).toBe('3');
    expect(sum(events, 'A', at(25))).toBe('2');
  });

  it('releases the unshipped rest on CANCELLED but keeps the shipped part for older reads', () => {
    const events = [
      so(1, 1, 'DOCUMENT_CREATED', [{ sku: 'A', quantity: '4', shippedQuantity: '1' }], 10),
      so(1, 2, 'CANCELLED', [{ sku: 'A', quantity: '4', shippedQuantity: '1' }], 20),
    ];
    expect(sum(events, 'A')).toBe('0');
    expect(sum(events, 'A', at(5))).toBe('1');
  });

  it('treats a POSTED sales order as fully absorbed and clamps over-shipping', () => {
    expect(sum([so(1, 1, 'POSTED', [{ sku: 'A', quantity: '2' }])], 'A')).toBe('0');
    expect(sum([so(1, 1, 'DOCUMENT_CREATED', [{ sku: 'A', quantity: '2', shippedQuantity: '5' }])], 'A')).toBe('0');
  });
});

describe('committed stock: replays and duplicates', () => {
  const lines = [{ sku: 'A', quantity: '2' }];
  const events = [
    ev(1, 1, 'RECEIVED', lines, 10),
    ev(1, 2, 'DOCUMENT_CREATED', lines, 11),
    ev(2, 1, 'RECEIVED', [{ sku: 'A', quantity: '1' }], 12),
    ev(1, 3, 'POSTED', lines, 13),
    so(3, 1, 'DOCUMENT_CREATED', [{ sku: 'A', quantity: '5', shippedQuantity: '2' }], 14),
  ];

  it('is idempotent: applying an event twice returns the very same state', () => {
    const once = applyOrderStates(emptyCommittedStock('acme'), events);
    for (const e of events) expect(applyOrderState(once, e)).toBe(once);
  });

  it('gives the same state for every arrival order, duplicates included', () => {
    const expected = applyOrderStates(emptyCommittedStock('acme'), events);
    const shuffles = [
      [4, 3, 2, 1, 0],
      [3, 0, 4, 1, 2, 3, 0],
      [2, 4, 0, 0, 3, 1, 1],
    ];
    for (const order of shuffles) {
      const state = applyOrderStates(
        emptyCommittedStock('acme'),
        order.map((i) => must(events[i])),
      );
      expect(state).toEqual(expected);
    }
    expect(committedFor(expected, 'A').toString()).toBe('4');
  });

  it('ignores a stale event arriving after a newer one', () => {
    const posted = applyOrderState(emptyCommittedStock('acme'), ev(1, 3, 'POSTED', lines, 13));
    const late = applyOrderState(posted, ev(1, 1, 'RECEIVED', lines, 10));
    expect(committedFor(late, 'A').toString()).toBe('0');
  });

  it('survives a JSON round trip', () => {
    const state = applyOrderStates(emptyCommittedStock('acme'), events);
    const restored = JSON.parse(JSON.stringify(state));
    expect(restored).toEqual(state);
    expect(committedFor(restored, 'A', at(12)).toString()).toBe(committedFor(state, 'A', at(12)).toString());
  });
});

describe('committed stock: what it ignores and refuses', () => {
  it('ignores refund events', () => {
    const state = applyOrderStates(emptyCommittedStock('acme'), [
      { ...ev(1, 5, 'POSTED', [{ sku: 'A', quantity: '1' }]), refundId: 9, documentType: 'salesCreditMemo' },
      { ...ev(1, 6, 'RECEIVED', [{ sku: 'A', quantity: '1' }]), documentType: 'salesCreditMemo' },
    ]);
    expect(state.orders).toEqual({});
  });

  it('refuses another connection and malformed quantities', () => {
    const state = emptyCommittedStock('acme');
    expect(() => applyOrderState(state, { ...ev(1, 1, 'RECEIVED', []), connectionId: 'other' })).toThrow(RangeError);
    expect(() => applyOrderState(state, ev(1, 1, 'RECEIVED', [{ sku: 'A', quantity: '-1' }]))).toThrow(
      InvalidMessageError,
    );
    expect(() => applyOrderState(state, ev(1, 1, 'RECEIVED', [{ sku: 'A', quantity: 'two' }]))).toThrow(
      'order 1: quantity is not a decimal quantity',
    );
    expect(() => applyOrderState(state, { ...ev(1, 1, 'RECEIVED', []), occurredAt: 'yesterday' })).toThrow(
      InvalidMessageError,
    );
  });
});

describe('committed stock: index and pruning', () => {
  const events = [
    ev(1, 1, 'RECEIVED', [{ sku: 'A', quantity: '2' }], 10),
    ev(1, 2, 'POSTED', [{ sku: 'A', quantity: '2' }], 20),
    ev(2, 1, 'PARKED', [{ sku: 'B', quantity: '1' }], 30),
  ];
  const state = applyOrderStates(emptyCommittedStock('acme'), events);

  it('knows open orders and the last activity per SKU', () => {
    const index = indexCommitted(state);
    expect(index.hasOpenOrders('A')).toBe(false);
    expect(index.hasOpenOrders('B')).toBe(true);
    expect(index.lastActivityAt('A')).toBe(at(20));
    expect(index.lastActivityAt('Z')).toBeUndefined();
  });

  it('prunes settled orders older than the horizon, never open ones', () => {
    expect(Object.keys(pruneSettledOrders(state, at(15)).orders)).toEqual(['1', '2']);
    expect(Object.keys(pruneSettledOrders(state, at(21)).orders)).toEqual(['2']);
    expect(Object.keys(pruneSettledOrders(state, at(999)).orders)).toEqual(['2']);
  });
});
