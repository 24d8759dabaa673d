import { Decimal } from '@mlc/platform-money';
import { parseFilterDate } from '../http/bc-dates';
import type { Order } from '../store/model';

/**
 * `GET /v2/orders` (and `/count`) filters. Date bounds accept RFC 2822 or ISO 8601 and are inclusive, compared at
 * the store's one-second resolution. Archived orders are left out. A malformed value is an error naming the field.
 */
export type OrderFilter = (order: Order) => boolean;

const INT_FILTERS: Record<string, (o: Order, v: number) => boolean> = {
  min_id: (o, v) => o.id >= v,
  max_id: (o, v) => o.id <= v,
  customer_id: (o, v) => o.customerId === v,
  status_id: (o, v) => o.statusId === v,
  channel_id: (_o, v) => v === 1,
};

const DATE_FILTERS: Record<string, (o: Order, v: number) => boolean> = {
  min_date_created: (o, v) => o.dateCreated >= v,
  max_date_created: (o, v) => o.dateCreated <= v,
  min_date_modified: (o, v) => o.dateModified >= v,
  max_date_modified: (o, v) => o.dateModified <= v,
};

const TOTAL_FILTERS: Record<string, (o: Order, v: Decimal) => boolean> = {
  min_total: (o, v) => !o.totalIncTax.lt(v),
  max_total: (o, v) => !o.totalIncTax.gt(v),
};

const STRING_FILTERS: Record<string, (o: Order, v: string) => boolean> = {
  email: (o, v) => o.billingAddress.email.toLowerCase() === v.toLowerCase(),
  cart_id: (o, v) => o.cartId === v,
  payment_method: (_o, v) => v === 'Test Payment Gateway',
  external_order_id: (o, v) => o.externalOrderId === v,
};

export function orderFilters(
  query: URLSearchParams,
): { ok: true; filters: OrderFilter[] } | { ok: false; field: string } {
  const filters: OrderFilter[] = [(o) => !o.isDeleted];
  for (const [name, test] of Object.entries(INT_FILTERS)) {
    const raw = query.get(name);
    if (raw === null) continue;
    if (!/^\d+$/.test(raw)) return { ok: false, field: name };
    const value = Number(raw);
    filters.push((o) => test(o, value));
  }
  for (const [name, test] of Object.entries(DATE_FILTERS)) {
    const raw = query.get(name);
    if (raw === null) continue;
    const ms = parseFilterDate(raw);
    if (ms === undefined) return { ok: false, field: name };
    filters.push((o) => test(o, ms));
  }
  for (const [name, test] of Object.entries(TOTAL_FILTERS)) {
    const raw = query.get(name);
    if (raw === null) continue;
    if (!/^\d+(\.\d+)?$/.test(raw)) return { ok: false, field: name };
    const value = Decimal.parse(raw);
    filters.push((o) => test(o, value));
  }
  for (const [name, test] of Object.entries(STRING_FILTERS)) {
    const raw = query.get(name);
    if (raw !== null) filters.push((o) => test(o, raw));
  }
  return { ok: true, filters };
}

const SORT_KEYS: Record<string, (o: Order) => number | string> = {
  id: (o) => o.id,
  customer_id: (o) => o.customerId,
  date_created: (o) => o.dateCreated,
  date_modified: (o) => o.dateModified,
  status_id: (o) => o.statusId,
  channel_id: () => 1,
  external_id: () => '',
};

/** `sort=field[:asc|:desc]`; ties keep id order. Undefined when the value is not a documented sort. */
export function orderSort(raw: string | null): ((a: Order, b: Order) => number) | undefined | 'default' {
  if (raw === null || raw === '') return 'default';
  const [field = '', direction = 'asc'] = raw.split(':');
  const key = SORT_KEYS[field];
  if (!key || (direction !== 'asc' && direction !== 'desc')) return undefined;
  const sign = direction === 'asc' ? 1 : -1;
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka < kb) return -sign;
    if (ka > kb) return sign;
    return a.id - b.id;
  };
}
