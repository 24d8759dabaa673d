import { parseFilterDate } from '../http/bc-dates';
import { intListParam, listParam } from '../http/request-input';
import type { Customer } from '../store/model';

type CustomerFilter = (c: Customer) => boolean;

/** `GET /v3/customers` filters and sort; an invalid value is a 422 naming the parameter. */
export function customerFilters(
  query: URLSearchParams,
): { ok: true; filters: CustomerFilter[] } | { ok: false; field: string } {
  const filters: CustomerFilter[] = [];
  const ids = intListParam(query, 'id:in');
  if (ids === null) return { ok: false, field: 'id:in' };
  if (ids) filters.push((c) => ids.includes(c.id));
  const groups = intListParam(query, 'customer_group_id:in');
  if (groups === null) return { ok: false, field: 'customer_group_id:in' };
  if (groups) filters.push((c) => groups.includes(c.customerGroupId));
  const emails = listParam(query, 'email:in')?.map((e) => e.toLowerCase());
  if (emails) filters.push((c) => emails.includes(c.email.toLowerCase()));
  const names = listParam(query, 'name:in')?.map((n) => n.toLowerCase());
  if (names) filters.push((c) => names.includes(`${c.firstName} ${c.lastName}`.toLowerCase()));
  const like = listParam(query, 'name:like')?.map((n) => n.toLowerCase());
  if (like) filters.push((c) => like.some((n) => `${c.firstName} ${c.lastName}`.toLowerCase().includes(n)));
  const companies = listParam(query, 'company:in')?.map((n) => n.toLowerCase());
  if (companies) filters.push((c) => companies.includes(c.company.toLowerCase()));
  const phones = listParam(query, 'phone:in');
  if (phones) filters.push((c) => phones.includes(c.phone));
  for (const field of ['date_created', 'date_modified'] as const) {
    const value = (c: Customer) => (field === 'date_created' ? c.dateCreated : c.dateModified);
    for (const [suffix, op] of [
      ['', (a: number, b: number) => a === b],
      [':min', (a: number, b: number) => a >= b],
      [':max', (a: number, b: number) => a <= b],
    ] as const) {
      const raw = query.get(`${field}${suffix}`);
      if (raw === null) continue;
      const ms = parseFilterDate(raw);
      if (ms === undefined) return { ok: false, field: `${field}${suffix}` };
      filters.push((c) => op(value(c), ms));
    }
  }
  return { ok: true, filters };
}

const SORTS: Record<string, (c: Customer) => number | string> = {
  date_created: (c) => c.dateCreated,
  date_modified: (c) => c.dateModified,
  last_name: (c) => c.lastName.toLowerCase(),
};

export function sortCustomers(customers: Customer[], raw: string | null): Customer[] | undefined {
  if (raw === null || raw === '') return customers;
  const [field = '', direction = ''] = raw.split(':');
  const key = SORTS[field];
  if (!key || (direction !== 'asc' && direction !== 'desc')) return undefined;
  const sign = direction === 'asc' ? 1 : -1;
  return customers.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -sign : ka > kb ? sign : a.id - b.id;
  });
}
