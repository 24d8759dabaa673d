import type { SandboxResponse } from '../../core/router';
import type { ApiContext, ApiRoute } from '../http/api-gateway';
import { v3Error } from '../http/bc-errors';
import { offsetPagination, pageOf, pageRequest } from '../http/pagination';
import { isInt, isRecord, jsonBody } from '../http/request-input';
import { checkProductUpdate, CatalogWriter } from '../shop/catalog-updates';
import type { Product } from '../store/model';
import { projectFields, serializeProduct, serializeVariant } from '../serializers/catalog-serializer';
import { productFilters, sortProducts } from './product-filters';
import type { BigCommerceServices } from './services';

const SCOPES = ['store_v2_products'] as const;
export const MAX_PRODUCT_BATCH = 10;

/**
 * v3 catalog products: list (filters, `include=variants`, `include_fields`, offset paging, max 250 per page, 10 with
 * options or modifiers), read, single update and batch update (max 10; 413 above; every item needs `id`; 409 for a
 * SKU or name in use; 207 when the inventory part of an update could not be applied).
 */
export function catalogProductRoutes(s: BigCommerceServices, writer: CatalogWriter): ApiRoute[] {
  const show = (ctx: ApiContext, p: Product) => {
    const include = (ctx.query.get('include') ?? '').split(',');
    const body = { ...serializeProduct(s.state, p) };
    if (include.includes('variants')) body.variants = p.variants.map((v) => serializeVariant(s.state, p, v));
    const projected = projectFields(body, ctx.query);
    if (body.variants && !('variants' in projected)) projected.variants = body.variants;
    return projected;
  };
  return [
    {
      method: 'GET',
      path: '/v3/catalog/products',
      scopes: SCOPES,
      handler: (ctx) => {
        const parsed = productFilters(s.state, ctx.query);
        if (!parsed.ok) return v3Error(422, 'The filter parameter is invalid.', { [parsed.field]: 'is invalid' });
        const matched = s.state.catalog.products().filter((p) => parsed.filters.every((f) => f(p)));
        const sorted = sortProducts(s.state, matched, ctx.query);
        if (!sorted) return v3Error(422, 'The sort parameter is invalid.', { sort: 'is not a supported sort field' });
        const heavy = /(^|,)(options|modifiers)(,|$)/.test(ctx.query.get('include') ?? '');
        const page = pageRequest(ctx.query, heavy ? 10 : 50, heavy ? 10 : 250);
        const items = pageOf(sorted, page);
        return {
          status: 200,
          body: {
            data: items.map((p) => show(ctx, p)),
            meta: { pagination: offsetPagination(sorted.length, items.length, page) },
          },
        };
      },
    },
    {
      method: 'PUT',
      path: '/v3/catalog/products',
      scopes: SCOPES,
      handler: (ctx) => batchUpdate(s, writer, ctx, (p) => show(ctx, p)),
    },
    {
      method: 'GET',
      path: '/v3/catalog/products/:product_id',
      scopes: SCOPES,
      handler: (ctx) => {
        const product = productByPath(s, ctx.params.product_id);
        if (!product) return v3Error(404, 'The requested resource was not found.');
        return { status: 200, body: { data: show(ctx, product), meta: {} } };
      },
    },
    {
      method: 'PUT',
      path: '/v3/catalog/products/:product_id',
      scopes: SCOPES,
      handler: (ctx) => {
        const product = productByPath(s, ctx.params.product_id);
        if (!product) return v3Error(404, 'The requested resource was not found.');
        const parsed = jsonBody(ctx);
        if (!parsed.ok) return parsed.response;
        if (!isRecord(parsed.value))
          return v3Error(422, 'JSON data is missing or invalid', { body: 'must be a JSON object' });
        const checked = checkProductUpdate(s.state, product, parsed.value);
        if (checked.conflict) return v3Error(409, checked.conflict, { sku: checked.conflict });
        if (Object.keys(checked.errors).length > 0)
          return v3Error(422, 'JSON data is missing or invalid', checked.errors);
        const partial = writer.updateProduct(product, parsed.value);
        const data = show(ctx, product);
        if (partial)
          return {
            status: 207,
            body: {
              data,
              errors: { status: 422, title: partial, type: '/api-docs/getting-started/api-status-codes', errors: {} },
              meta: {},
            },
          };
        return { status: 200, body: { data, meta: {} } };
      },
    },
  ];
}

export function productByPath(s: BigCommerceServices, raw: string | undefined): Product | undefined {
  return raw && /^\d+$/.test(raw) ? s.state.catalog.product(Number(raw)) : undefined;
}

function batchUpdate(
  s: BigCommerceServices,
  writer: CatalogWriter,
  ctx: ApiContext,
  show: (p: Product) => unknown,
): SandboxResponse {
  const parsed = jsonBody(ctx);
  if (!parsed.ok) return parsed.response;
  const items = parsed.value;
  if (!Array.isArray(items))
    return v3Error(422, 'JSON data is missing or invalid', { body: 'must be an array of products' });
  if (items.length > MAX_PRODUCT_BATCH) {
    return v3Error(
      413,
      `The request payload is too large. The maximum items allowed in the array is ${MAX_PRODUCT_BATCH}.`,
      {},
    );
  }
  const errors: Record<string, string> = {};
  const targets: Array<{ product: Product; body: Record<string, unknown> }> = [];
  for (const [i, item] of items.entries()) {
    if (!isRecord(item) || !isInt(item.id)) {
      errors[`${i}.id`] = 'id is required for batch updates';
      continue;
    }
    const product = s.state.catalog.product(item.id);
    if (!product) return v3Error(404, `Product with id ${item.id} was not found.`);
    const checked = checkProductUpdate(s.state, product, item);
    if (checked.conflict) return v3Error(409, checked.conflict, { [`${i}.sku`]: checked.conflict });
    for (const [field, message] of Object.entries(checked.errors)) errors[`${i}.${field}`] = message;
    targets.push({ product, body: item });
  }
  if (Object.keys(errors).length > 0) return v3Error(422, 'JSON data is missing or invalid', errors);
  const partial: Record<string, string> = {};
  for (const [i, t] of targets.entries()) {
    const failure = writer.updateProduct(t.product, t.body);
    if (failure) partial[`${i}.inventory_level`] = failure;
  }
  const data = targets.map((t) => show(t.product));
  if (Object.keys(partial).length > 0) {
    const page = { page: 1, limit: Math.max(1, data.length) };
    return {
      status: 207,
      body: {
        data,
        errors: {
          status: 422,
          title: 'The inventory part of the update failed.',
          type: '/api-docs/getting-started/api-status-codes',
          errors: partial,
        },
        meta: { pagination: offsetPagination(data.length, data.length, page) },
      },
    };
  }
  return { status: 200, body: { data, meta: {} } };
}
