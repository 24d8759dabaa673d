import { Decimal } from '@mlc/platform-money';
import { parseFilterDate } from '../http/bc-dates';
import { intListParam, listParam } from '../http/request-input';
import type { BigCommerceState } from '../store/bigcommerce-state';
import type { Product } from '../store/model';
import { productInventoryLevel } from '../serializers/catalog-serializer';

type ProductFilter = (p: Product) => boolean;
type FilterResult = { ok: true; filters: ProductFilter[] } | { ok: false; field: string };

const NUMERIC_OPS: Record<string, (a: number, b: number) => boolean> = {
  '': (a, b) => a === b,
  ':min': (a, b) => a >= b,
  ':max': (a, b) => a <= b,
  ':greater': (a, b) => a > b,
  ':less': (a, b) => a < b,
};

/**
 * `GET /v3/catalog/products` filters. `sku` and `sku:in` match the product's own SKU only, never a variant's
 * (variant SKUs are found through `/v3/catalog/variants`). Unknown parameters are ignored, as the API does.
 */
export function productFilters(state: BigCommerceState, query: URLSearchParams): FilterResult {
  const filters: ProductFilter[] = [];
  const numeric: Record<string, (p: Product) => number> = {
    id: (p) => p.id,
    inventory_level: (p) => productInventoryLevel(state, p),
  };
  for (const [field, value] of Object.entries(numeric)) {
    for (const [suffix, op] of Object.entries(NUMERIC_OPS)) {
      const raw = query.get(`${field}${suffix}`);
      if (raw === null) continue;
      if (!/^\d+$/.test(raw)) return { ok: false, field: `${field}${suffix}` };
      filters.push((p) => op(value(p), Number(raw)));
    }
    for (const suffix of [':in', ':not_in']) {
      const list = intListParam(query, `${field}${suffix}`);
      if (list === null) return { ok: false, field: `${field}${suffix}` };
      if (list) filters.push(suffix === ':in' ? (p) => list.includes(value(p)) : (p) => !list.includes(value(p)));
    }
  }
  const skuIn = listParam(query, 'sku:in');
  if (skuIn) filters.push((p) => skuIn.includes(p.sku));
  const exact: Record<string, (p: Product) => string> = { sku: (p) => p.sku, name: (p) => p.name, type: (p) => p.type };
  for (const [field, value] of Object.entries(exact)) {
    const raw = query.get(field);
    if (raw !== null) filters.push((p) => value(p) === raw);
  }
  const visible = query.get('is_visible');
  if (visible !== null) filters.push((p) => String(p.isVisible) === visible || (visible === '1') === p.isVisible);
  const price = query.get('price');
  if (price !== null) {
    if (!/^\d+(\.\d+)?$/.test(price)) return { ok: false, field: 'price' };
    filters.push((p) => p.price.eq(Decimal.parse(price)));
  }
  for (const [suffix, op] of [
    ['', (a: number, b: number) => Math.floor(a / 1000) === Math.floor(b / 1000)],
    [':min', (a: number, b: number) => a >= b],
    [':max', (a: number, b: number) => a <= b],
  ] as const) {
    const raw = query.get(`date_modified${suffix}`);
    if (raw === null) continue;
    const ms = parseFilterDate(raw);
    if (ms === undefined) return { ok: false, field: `date_modified${suffix}` };
    filters.push((p) => op(p.dateModified, ms));
  }
  const keyword = query.get('keyword');
  if (keyword !== null)
    filters.push(
      (p) =>
        p.name.toLowerCase().includes(keyword.toLowerCase()) || p.sku.toLowerCase().includes(keyword.toLowerCase()),
    );
  return { ok: true, filters };
}

const SORTS: Record<string, (p: Product, state: BigCommerceState) => number | string> = {
  id: (p) => p.id,
  name: (p) => p.name,
  sku: (p) => p.sku,
  price: (p) => Number(p.price.toFixed(4)),
  date_modified: (p) => p.dateModified,
  date_last_imported: (p) => p.dateModified,
  inventory_level: (p, state) => productInventoryLevel(state, p),
  is_visible: (p) => (p.isVisible ? 1 : 0),
  total_sold: () => 0,
};

/** `sort` + `direction`; undefined for an undocumented sort field. */
export function sortProducts(
  state: BigCommerceState,
  products: Product[],
  query: URLSearchParams,
): Product[] | undefined {
  const field = query.get('sort') ?? 'id';
  const key = SORTS[field];
  if (!key) return undefined;
  const sign = query.get('direction') === 'desc' ? -1 : 1;
  return products.sort((a, b) => {
    const ka = key(a, state);
    const kb = key(b, state);
    return ka < kb ? -sign : ka > kb ? sign : a.id - b.id;
  });
}
