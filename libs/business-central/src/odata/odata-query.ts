import { ODataFilter, field } from './odata-filter';

/** Query options for one GET. Names are validated; values are URL-encoded once, here. */
export interface ODataQuery {
  readonly filter?: ODataFilter;
  readonly select?: readonly string[];
  readonly expand?: readonly ExpandOption[];
  readonly orderby?: readonly OrderBy[];
  readonly top?: number;
}

export type ExpandOption =
  string | { readonly name: string; readonly select?: readonly string[]; readonly expand?: readonly ExpandOption[] };
export type OrderBy = string | { readonly field: string; readonly direction: 'asc' | 'desc' };

/**
 * Renders `?$filter=...&$select=...` (or '' when empty). Every value goes through encodeURIComponent, so `+`, `&`,
 * `#`, `%` and spaces in literals arrive intact; the `$` of option names is left readable.
 */
export function renderQuery(query: ODataQuery | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  if (query.filter) parts.push(`$filter=${encodeURIComponent(query.filter.text)}`);
  if (query.select?.length) parts.push(`$select=${encodeURIComponent(renderSelect(query.select))}`);
  if (query.expand?.length) parts.push(`$expand=${encodeURIComponent(query.expand.map(renderExpand).join(','))}`);
  if (query.orderby?.length) parts.push(`$orderby=${encodeURIComponent(query.orderby.map(renderOrderBy).join(','))}`);
  if (query.top !== undefined) {
    if (!Number.isSafeInteger(query.top) || query.top < 0) throw new RangeError('$top must be a non-negative integer');
    parts.push(`$top=${query.top}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function renderSelect(names: readonly string[]): string {
  return names.map(field).join(',');
}

function renderExpand(option: ExpandOption): string {
  if (typeof option === 'string') return field(option);
  const nested: string[] = [];
  if (option.select?.length) nested.push(`$select=${renderSelect(option.select)}`);
  if (option.expand?.length) nested.push(`$expand=${option.expand.map(renderExpand).join(',')}`);
  return nested.length ? `${field(option.name)}(${nested.join(';')})` : field(option.name);
}

function renderOrderBy(order: OrderBy): string {
  return typeof order === 'string' ? field(order) : `${field(order.field)} ${order.direction}`;
}
