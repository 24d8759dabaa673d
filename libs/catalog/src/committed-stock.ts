import { Decimal } from '@mlc/platform-money';
import { InvalidMessageError } from '@mlc/platform-errors';

/**
 * Committed stock: quantities on store orders that BigCommerce has already deducted but BC inventory does not
 * reflect yet.
 *
 * - Posted-invoice mode (`salesInvoice`): an order commits its quantities from first sight until its invoice is
 *   POSTED. Parked, needs-mapping, failed, conflicting and skipped orders keep committing; CANCELLED (or DELETED)
 *   releases.
 * - Sales-order mode (`salesOrder`): an order commits `quantity - shippedQuantity` per line; a shipment or a POSTED
 *   order releases what BC has absorbed, CANCELLED releases the rest.
 * - Refund events (`refundId`, `salesCreditMemo`) are ignored: an API refund does not restock the store, and a return
 *   that restocks BC reaches the store as an ordinary BC stock change.
 *
 * The state keeps every distinct event (by `sequence`) per order in compact form, and everything is derived from
 * that set, so duplicate, replayed and reordered events give the same result.
 *
 * A release that BC absorbed (posting, shipment) takes effect only for BC inventory read at or after the event's
 * `occurredAt`: `committedFor(state, sku, asOf)` still counts it for an older snapshot, whose inventory cannot
 * reflect the posting yet. Without `asOf`, only what is open now counts.
 */
export interface OrderStateEvent {
  readonly connectionId: string;
  readonly orderId: number;
  readonly refundId?: number;
  readonly state: string;
  readonly documentType: string;
  readonly lines: ReadonlyArray<{ readonly sku: string; readonly quantity: string; readonly shippedQuantity?: string }>;
  readonly sequence: number;
  readonly occurredAt: string;
}

/** Per SKU within one event: what it still commits (`open`) and what BC has absorbed so far (`absorbed`). */
export interface OrderStepLine {
  readonly open: string;
  readonly absorbed: string;
}

/** One distinct event of an order, reduced to what committed stock needs. */
export interface OrderStep {
  readonly sequence: number;
  readonly at: number;
  readonly lines: Readonly<Record<string, OrderStepLine>>;
}

/** Serialisable (plain JSON) committed-stock state of one connection. */
export interface CommittedStockState {
  readonly version: 1;
  readonly connectionId: string;
  /** Order id -> its distinct events, sorted by sequence. */
  readonly orders: Readonly<Record<string, readonly OrderStep[]>>;
}

const RELEASING_STATES = new Set(['CANCELLED', 'DELETED']);

/** The state of a connection that has seen no order yet. */
export function emptyCommittedStock(connectionId: string): CommittedStockState {
  return { version: 1, connectionId, orders: {} };
}

function quantityOf(text: string, what: string, orderId: number): Decimal {
  let value: Decimal;
  try {
    value = Decimal.parse(text);
  } catch {
    throw new InvalidMessageError(`order ${orderId}: ${what} is not a decimal quantity`);
  }
  if (value.isNegative()) throw new InvalidMessageError(`order ${orderId}: ${what} is negative`);
  return value;
}

function stepOf(event: OrderStateEvent): OrderStep {
  const at = Date.parse(event.occurredAt);
  if (Number.isNaN(at)) throw new InvalidMessageError(`order ${event.orderId}: occurredAt is not a date-time`);
  const released = RELEASING_STATES.has(event.state);
  const posted = event.state === 'POSTED';
  const totals = new Map<string, { open: Decimal; absorbed: Decimal }>();
  for (const line of event.lines) {
    const quantity = quantityOf(line.quantity, 'quantity', event.orderId);
    const shipped = quantityOf(line.shippedQuantity ?? '0', 'shippedQuantity', event.orderId);
    const byBc = event.documentType === 'salesOrder' && !posted ? Decimal.min(shipped, quantity) : Decimal.ZERO;
    const absorbed = posted ? quantity : byBc;
    const open = released ? Decimal.ZERO : quantity.minus(absorbed);
    const sku = line.sku.trim();
    const sum = totals.get(sku) ?? { open: Decimal.ZERO, absorbed: Decimal.ZERO };
    totals.set(sku, { open: sum.open.plus(open), absorbed: sum.absorbed.plus(absorbed) });
  }
  const lines: Record<string, OrderStepLine> = {};
  for (const [sku, t] of totals) lines[sku] = { open: t.open.toString(), absorbed: t.absorbed.toString() };
  return { sequence: event.sequence, at, lines };
}

function isOrderEvent(event: OrderStateEvent): boolean {
  return event.refundId === undefined && event.documentType !== 'salesCreditMemo';
}

/**
 * Folds one `sync.order-state.v1` event into the state (pure; the input state is not modified). Events of another
 * connection are a wiring error and throw a RangeError; malformed quantities throw an InvalidMessageError.
 */
export function applyOrderState(state: CommittedStockState, event: OrderStateEvent): CommittedStockState {
  if (event.connectionId !== state.connectionId) {
    throw new RangeError(`order-state event of connection ${event.connectionId} applied to ${state.connectionId}`);
  }
  if (!isOrderEvent(event)) return state;
  const step = stepOf(event);
  const key = String(event.orderId);
  const steps = state.orders[key] ?? [];
  const same = steps.find((s) => s.sequence === step.sequence);
  // Same sequence twice with different content should not happen; keep a deterministic winner either way.
  if (same && JSON.stringify(same) >= JSON.stringify(step)) return state;
  const merged = [...steps.filter((s) => s.sequence !== step.sequence), step].sort((a, b) => a.sequence - b.sequence);
  return { ...state, orders: { ...state.orders, [key]: merged } };
}

/** Folds many events; the order of `events` does not change the result. */
export function applyOrderStates(state: CommittedStockState, events: Iterable<OrderStateEvent>): CommittedStockState {
  let next = state;
  for (const event of events) next = applyOrderState(next, event);
  return next;
}

interface SkuCommitment {
  open: Decimal;
  /** Quantities BC absorbed, with the time each absorption became known. */
  absorptions: Array<{ at: number; quantity: Decimal }>;
  lastActivityAt: number;
}

/** Committed quantities of all SKUs, precomputed once for many look-ups. */
export interface CommittedIndex {
  /** Committed quantity; with `asOf` (epoch ms of a BC inventory read) it also counts releases BC absorbed later. */
  committedFor(sku: string, asOf?: number): Decimal;
  /** Whether any order still commits this SKU now. */
  hasOpenOrders(sku: string): boolean;
  /** Time of the newest order event mentioning this SKU. */
  lastActivityAt(sku: string): number | undefined;
}

function addOrder(bySku: Map<string, SkuCommitment>, steps: readonly OrderStep[]): void {
  const latest = steps[steps.length - 1];
  if (!latest) return;
  const absorbedSoFar = new Map<string, Decimal>();
  for (const step of steps) {
    for (const [sku, line] of Object.entries(step.lines)) {
      const c = bySku.get(sku) ?? { open: Decimal.ZERO, absorptions: [], lastActivityAt: step.at };
      bySku.set(sku, c);
      c.lastActivityAt = Math.max(c.lastActivityAt, step.at);
      const before = absorbedSoFar.get(sku) ?? Decimal.ZERO;
      const absorbed = Decimal.parse(line.absorbed);
      if (absorbed.gt(before)) {
        c.absorptions.push({ at: step.at, quantity: absorbed.minus(before) });
        absorbedSoFar.set(sku, absorbed);
      }
    }
  }
  for (const [sku, line] of Object.entries(latest.lines)) {
    const c = bySku.get(sku);
    if (c) c.open = c.open.plus(line.open);
  }
}

/** Builds the per-SKU index of a state (one pass over every order's events). */
export function indexCommitted(state: CommittedStockState): CommittedIndex {
  const bySku = new Map<string, SkuCommitment>();
  for (const steps of Object.values(state.orders)) addOrder(bySku, steps);
  return {
    committedFor(sku, asOf) {
      const c = bySku.get(sku);
      if (!c) return Decimal.ZERO;
      if (asOf === undefined) return c.open;
      return Decimal.sum([c.open, ...c.absorptions.filter((a) => a.at > asOf).map((a) => a.quantity)]);
    },
    hasOpenOrders: (sku) => bySku.get(sku)?.open.gt(0) ?? false,
    lastActivityAt: (sku) => bySku.get(sku)?.lastActivityAt,
  };
}

/** Committed quantity of one SKU (see {@link CommittedIndex.committedFor}); use {@link indexCommitted} for many. */
export function committedFor(state: CommittedStockState, sku: string, asOf?: number): Decimal {
  return indexCommitted(state).committedFor(sku, asOf);
}

/**
 * Drops orders that commit nothing any more and whose newest event is older than `before` (epoch ms). Keep
 * `before` earlier than the oldest stock basis still in use: a dropped absorption can then only make a later
 * relative adjustment smaller, never larger.
 */
export function pruneSettledOrders(state: CommittedStockState, before: number): CommittedStockState {
  const orders: Record<string, readonly OrderStep[]> = {};
  for (const [id, steps] of Object.entries(state.orders)) {
    const latest = steps[steps.length - 1];
    const settled = latest !== undefined && Object.values(latest.lines).every((l) => Decimal.parse(l.open).isZero());
    if (!(settled && latest.at < before)) orders[id] = steps;
  }
  return { ...state, orders };
}
