/**
 * The order ledger's state machine (DESIGN.md 3.9). Every order the connector touches has one entry; each step
 * records its state before the next external write, so a restart resumes instead of duplicating.
 *
 *   RECEIVED -> CUSTOMER_RESOLVED -> DOCUMENT_CREATED -> POSTED
 *   side exits: NEEDS_MAPPING (unresolved SKUs), PARKED (blocked customer, missing currency or account, total
 *   mismatch held as draft), FAILED (permanent error), CONFLICT (posted document but the order changed or was
 *   cancelled), CANCELLED (order cancelled or archived; draft deleted). CANCELLED is terminal.
 */
export const ORDER_LEDGER_STATES = [
  'RECEIVED',
  'CUSTOMER_RESOLVED',
  'DOCUMENT_CREATED',
  'POSTED',
  'NEEDS_MAPPING',
  'PARKED',
  'CONFLICT',
  'FAILED',
  'CANCELLED',
] as const;
export type OrderLedgerState = (typeof ORDER_LEDGER_STATES)[number];

export const ORDER_LEDGER_EVENTS = [
  'CUSTOMER_RESOLVED',
  'ITEMS_UNRESOLVED',
  'PARK',
  'DOCUMENT_CREATED',
  'POSTED',
  'FAIL',
  'DRAFT_DELETED',
  'RESYNC',
  'CANCEL',
  'CONFLICT_DETECTED',
  'CONFLICT_RESOLVED',
] as const;
export type OrderLedgerEvent = (typeof ORDER_LEDGER_EVENTS)[number];

const WORKING: readonly OrderLedgerState[] = ['RECEIVED', 'CUSTOMER_RESOLVED', 'DOCUMENT_CREATED'];
const WAITING: readonly OrderLedgerState[] = ['NEEDS_MAPPING', 'PARKED', 'FAILED'];

/** Allowed transitions as data: event -> the states it may leave from, and where it leads. */
export const ORDER_LEDGER_TRANSITIONS: Readonly<
  Record<OrderLedgerEvent, { from: readonly OrderLedgerState[]; to: OrderLedgerState }>
> = {
  CUSTOMER_RESOLVED: { from: ['RECEIVED'], to: 'CUSTOMER_RESOLVED' },
  ITEMS_UNRESOLVED: { from: ['RECEIVED', 'CUSTOMER_RESOLVED'], to: 'NEEDS_MAPPING' },
  PARK: { from: WORKING, to: 'PARKED' },
  DOCUMENT_CREATED: { from: ['CUSTOMER_RESOLVED'], to: 'DOCUMENT_CREATED' },
  POSTED: { from: ['DOCUMENT_CREATED', 'PARKED'], to: 'POSTED' },
  FAIL: { from: [...WORKING, 'NEEDS_MAPPING', 'PARKED'], to: 'FAILED' },
  DRAFT_DELETED: { from: ['DOCUMENT_CREATED', 'PARKED', 'FAILED'], to: 'RECEIVED' },
  RESYNC: { from: WAITING, to: 'RECEIVED' },
  CANCEL: { from: [...WORKING, ...WAITING], to: 'CANCELLED' },
  CONFLICT_DETECTED: { from: ['POSTED', 'CONFLICT'], to: 'CONFLICT' },
  CONFLICT_RESOLVED: { from: ['CONFLICT'], to: 'POSTED' },
};

export type TransitionResult =
  { readonly ok: true; readonly to: OrderLedgerState } | { readonly ok: false; readonly error: string };

/** The state after `event`, or why the event is not allowed from `from`. */
export function transition(from: OrderLedgerState, event: OrderLedgerEvent): TransitionResult {
  const rule = ORDER_LEDGER_TRANSITIONS[event];
  if (!rule.from.includes(from)) return { ok: false, error: `${event} is not allowed from ${from}` };
  return { ok: true, to: rule.to };
}

/** Events allowed from a state. */
export function allowedEvents(from: OrderLedgerState): OrderLedgerEvent[] {
  return ORDER_LEDGER_EVENTS.filter((event) => ORDER_LEDGER_TRANSITIONS[event].from.includes(from));
}

/** A state no event leaves automatically. */
export function isTerminal(state: OrderLedgerState): boolean {
  return allowedEvents(state).length === 0;
}
