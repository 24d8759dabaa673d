import { Decimal } from '@mlc/platform-money';

/** The figures compared per order and per day. */
export const FIGURES = ['total', 'discounts', 'shipping', 'tax', 'refunds'] as const;
export type Figure = (typeof FIGURES)[number];
export type Figures = Record<Figure, Decimal>;

/** One store order of the period, as the store reports it now. */
export interface StoreOrderFigures {
  readonly orderId: number;
  /** ISO time of `date_created`. */
  readonly createdAt: string;
  readonly statusId: number;
  readonly deleted: boolean;
  readonly currency: string;
  readonly figures: Figures;
}

/** What BC holds for one order: its document (and credit memos), or why there is none. */
export type BcOrderFigures =
  | { readonly found: true; readonly documentNumber: string; readonly status: string; readonly figures: Figures }
  | { readonly found: false; readonly why: string };

export interface OrderBreak {
  readonly orderId: number;
  readonly day: string;
  readonly documentNumber: string | null;
  readonly problems: readonly string[];
}

export interface DayTotals {
  readonly day: string;
  readonly orders: number;
  readonly store: Record<Figure, string>;
  readonly bc: Record<Figure, string>;
  readonly breaks: number;
}

export interface Reconciliation {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly tolerance: string;
  readonly days: readonly DayTotals[];
  readonly breaks: readonly OrderBreak[];
  /** Orders of the period whose status is not synced (cancelled, pending...), so not expected in BC. */
  readonly notSyncable: number;
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(timeZone: string, iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** Every day from `from` to `to` inclusive (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

export const zeroFigures = (): Figures => ({ total: Decimal.ZERO, discounts: Decimal.ZERO, shipping: Decimal.ZERO, tax: Decimal.ZERO, refunds: Decimal.ZERO });

/**
 * Store against BC, per order and per day of the connection's time zone. An order the connection syncs (status in
 * `syncableStatuses`, not archived) breaks when BC has no document for it or when any figure differs by more than
 * the tolerance; day totals add up the store's figures of the day's syncable orders and BC's of their documents.
 */
export function reconcile(input: {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly tolerance: string;
  readonly syncableStatuses: readonly number[];
  readonly orders: readonly StoreOrderFigures[];
  readonly bc: ReadonlyMap<number, BcOrderFigures>;
}): Reconciliation {
  const tolerance = Decimal.parse(input.tolerance);
  const syncable = new Set(input.syncableStatuses);
  const days = new Map(daysBetween(input.from, input.to).map((d) => [d, { orders: 0, store: zeroFigures(), bc: zeroFigures(), breaks: 0 }]));
  const breaks: OrderBreak[] = [];
  let notSyncable = 0;
  for (const order of [...input.orders].sort((a, b) => a.orderId - b.orderId)) {
    const day = dayIn(input.timeZone, order.createdAt);
    const bucket = days.get(day);
    if (!bucket) continue;
    if (order.deleted || !syncable.has(order.statusId)) {
      notSyncable += 1;
      continue;
    }
    bucket.orders += 1;
    for (const f of FIGURES) bucket.store[f] = bucket.store[f].plus(order.figures[f]);
    const bc = input.bc.get(order.orderId) ?? { found: false, why: 'not looked up' };
    const problems: string[] = [];
    if (!bc.found) {
      problems.push(`no BC document: ${bc.why}`);
    } else {
      for (const f of FIGURES) {
        bucket.bc[f] = bucket.bc[f].plus(bc.figures[f]);
        const diff = order.figures[f].minus(bc.figures[f]);
        if (diff.abs().gt(tolerance)) {
          problems.push(`${f}: store ${money(order.figures[f])} ${order.currency} vs BC ${money(bc.figures[f])} (${diff.isNegative() ? '' : '+'}${money(diff)})`);
        }
      }
    }
    if (problems.length) {
      bucket.breaks += 1;
      breaks.push({ orderId: order.orderId, day, documentNumber: bc.found ? bc.documentNumber : null, problems });
    }
  }
  return {
    from: input.from,
    to: input.to,
    timeZone: input.timeZone,
    tolerance: input.tolerance,
    days: [...days].map(([day, b]) => ({ day, orders: b.orders, store: asText(b.store), bc: asText(b.bc), breaks: b.breaks })),
    breaks,
    notSyncable,
  };
}

function asText(f: Figures): Record<Figure, string> {
  return Object.fromEntries(FIGURES.map((k) => [k, money(f[k])])) as Record<Figure, string>;
}

function money(d: Decimal): string {
  return d.round(2).toFixed(2);
}

/** The human rendering: one line per day, then the orders that break. */
export function renderReconciliation(r: Reconciliation): string {
  const header = ['DAY', 'ORDERS', ...FIGURES.map((f) => `${f.toUpperCase()} STORE/BC`), 'BREAKS'];
  const rows = r.days.map((d) => [d.day, String(d.orders), ...FIGURES.map((f) => `${d.store[f]}/${d.bc[f]}`), String(d.breaks)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const out = [`${r.from} to ${r.to} in ${r.timeZone} (tolerance ${r.tolerance}; ${r.notSyncable} order(s) not in a synced status left out)`, line(header), ...rows.map(line)];
  if (r.breaks.length === 0) {
    out.push('', 'every order matches BC');
  } else {
    out.push('', `${r.breaks.length} order(s) break:`);
    for (const b of r.breaks) out.push(`  order ${b.orderId} (${b.day}${b.documentNumber ? `, ${b.documentNumber}` : ''}): ${b.problems.join('; ')}`);
  }
  return out.join('\n');
}
