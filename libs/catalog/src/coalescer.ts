/**
 * Coalesces item-change signals per connection for a short window, so a burst of notifications, poll hits and scan
 * diffs for the same items becomes one plan. Signals carry ids only (the handler re-reads the item), so the latest
 * signal per item stands for all of them. A connection's window opens with its first pending signal and is due
 * `windowMs` later, whatever arrives meanwhile: a steady stream cannot postpone a push forever. Pure: `now` is
 * passed in and the state is plain JSON.
 */
export interface CoalescibleSignal {
  readonly connectionId: string;
  readonly itemId: string;
  /** ISO 8601; decides which of two signals for an item is the latest (ties: the later arrival). */
  readonly occurredAt: string;
}

export interface PendingWindow<T> {
  readonly openedAt: number;
  readonly items: Readonly<Record<string, T>>;
}

export interface CoalescerState<T extends CoalescibleSignal> {
  readonly windows: Readonly<Record<string, PendingWindow<T>>>;
}

export interface CoalesceOptions {
  readonly windowMs: number;
  /** A window with this many items is due at once (e.g. a full price batch). */
  readonly maxItems?: number;
}

export interface DueBatch<T> {
  readonly connectionId: string;
  readonly signals: readonly T[];
}

/** A coalescer with nothing pending. */
export function emptyCoalescer<T extends CoalescibleSignal>(): CoalescerState<T> {
  return { windows: {} };
}

function isNewer(candidate: string, current: string): boolean {
  const a = Date.parse(candidate);
  const b = Date.parse(current);
  if (Number.isNaN(a) || Number.isNaN(b)) return true;
  return a >= b;
}

/** Adds a signal at `now` (epoch ms). */
export function addSignal<T extends CoalescibleSignal>(
  state: CoalescerState<T>,
  signal: T,
  now: number,
): CoalescerState<T> {
  const window = state.windows[signal.connectionId] ?? { openedAt: now, items: {} };
  const current = window.items[signal.itemId];
  if (current && !isNewer(signal.occurredAt, current.occurredAt)) return state;
  const next: PendingWindow<T> = { openedAt: window.openedAt, items: { ...window.items, [signal.itemId]: signal } };
  return { windows: { ...state.windows, [signal.connectionId]: next } };
}

function isDue<T>(window: PendingWindow<T>, now: number, options: CoalesceOptions): boolean {
  if (now >= window.openedAt + options.windowMs) return true;
  return options.maxItems !== undefined && Object.keys(window.items).length >= options.maxItems;
}

/** Removes and returns every connection's window that is due at `now`. */
export function takeDue<T extends CoalescibleSignal>(
  state: CoalescerState<T>,
  now: number,
  options: CoalesceOptions,
): { due: DueBatch<T>[]; state: CoalescerState<T> } {
  const due: DueBatch<T>[] = [];
  const windows: Record<string, PendingWindow<T>> = {};
  for (const [connectionId, window] of Object.entries(state.windows)) {
    if (isDue(window, now, options)) due.push({ connectionId, signals: Object.values(window.items) });
    else windows[connectionId] = window;
  }
  return { due, state: due.length === 0 ? state : { windows } };
}

/** When the earliest pending window falls due (epoch ms), or undefined when nothing is pending. */
export function nextDueAt<T extends CoalescibleSignal>(
  state: CoalescerState<T>,
  options: CoalesceOptions,
): number | undefined {
  let earliest: number | undefined;
  for (const window of Object.values(state.windows)) {
    const at = isDue(window, Number.NEGATIVE_INFINITY, options) ? window.openedAt : window.openedAt + options.windowMs;
    earliest = earliest === undefined ? at : Math.min(earliest, at);
  }
  return earliest;
}

/** Number of distinct items waiting, over all connections. */
export function pendingCount<T extends CoalescibleSignal>(state: CoalescerState<T>): number {
  return Object.values(state.windows).reduce((n, w) => n + Object.keys(w.items).length, 0);
}
