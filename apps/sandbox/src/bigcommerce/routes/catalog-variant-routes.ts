import type { SandboxResponse } from '../../core/router';
import type { ApiContext, ApiRoute } from '../http/api-gateway';
import { V3_ERROR_TYPE, v3Error } from '../http/bc-errors';
import { pageRequest, v3List } from '../http/pagination';
import { intListParam, isInt, isRecord, jsonBody } from '../http/request-input';
import { CatalogWriter, checkVariantUpdate } from '../shop/catalog-updates';
import type { Product, Variant } from '../store/model';
import { projectFields, serializeVariant } from '../serializers/catalog-serializer';
import { productByPath } from './catalog-product-routes';
import type { BigCommerceServices } from './services';

const SCOPES = ['store_v2_products'] as const;
export const MAX_VARIANT_BATCH = 50;

/**
 * v3 variants: `GET /v3/catalog/variants` (filters `id`, `sku`, `upc`, `product_id:in`; `sku:in` is not a documented
 * filter here and is ignored like any unknown parameter), per-product reads, single update and the batch update
 * (max 50, 413 above, 422 as `{batch_errors: [...]}`).
 */
export function catalogVariantRoutes(s: BigCommerceServices, writer: CatalogWriter): ApiRoute[] {
  const show = (ctx: ApiContext, p: Product, v: Variant) => projectFields(serializeVariant(s.state, p, v), ctx.query);
  const productOf = (v: Variant) => s.state.catalog.product(v.productId)!;
  return [
    {
      method: 'GET',
      path: '/v3/catalog/variants',
      scopes: SCOPES,
      handler: (ctx) => {
        const productIds = intListParam(ctx.query, 'product_id:in');
        if (productIds === null)
          return v3Error(422, 'The filter parameter is invalid.', { 'product_id:in': 'is invalid' });
        const id = ctx.query.get('id');
        const sku = ctx.query.get('sku');
        const upc = ctx.query.get('upc');
        // With `sku=`, only the variant owning that SKU can match: skip the scan.
        const owner = sku === null ? undefined : s.state.catalog.bySku(sku)?.variant;
        const candidates = sku === null ? s.state.catalog.variants() : owner ? [owner] : [];
        const variants = candidates.filter(
          (v) =>
            (id === null || String(v.id) === id) &&
            (sku === null || v.sku === sku) &&
            (upc === null || v.upc === upc) &&
            (!productIds || productIds.includes(v.productId)),
        );
        return v3List(variants, pageRequest(ctx.query, 50, 250), (v) => show(ctx, productOf(v), v));
      },
    },
    {
      method: 'PUT',
      path: '/v3/catalog/variants',
      scopes: SCOPES,
      handler: (ctx) => batchUpdate(s, writer, ctx, (p, v) => show(ctx, p, v)),
    },
    {
      method: 'GET',
      path: '/v3/catalog/products/:product_id/variants',
      scopes: SCOPES,
      handler: (ctx) => {
        const product = productByPath(s, ctx.params.product_id);
        if (!product) return v3Error(404, 'The requested resource was not found.');
        return v3List(product.variants, pageRequest(ctx.query, 50, 250), (v) => show(ctx, product, v));
      },
    },
    {
      method: 'GET',
      path: '/v3/catalog/products/:product_id/variants/:variant_id',
      scopes: SCOPES,
      handler: (ctx) => {
        const found = variantByPath(s, ctx);
        if (!found) return v3Error(404, 'The requested resource was not found.');
        return { status: 200, body: { data: show(ctx, found.product, found.variant), meta: {} } };
      },
    },
    {
      method: 'PUT',
      path: '/v3/catalog/products/:product_id/variants/:variant_id',
      scopes: SCOPES,
      handler: (ctx) => {
        const found = variantByPath(s, ctx);
        if (!found) return v3Error(404, 'The requested resource was not found.');
        const parsed = jsonBody(ctx);
        if (!parsed.ok) return parsed.response;
        if (!isRecord(parsed.value))
          return v3Error(422, 'JSON data is missing or invalid', { body: 'must be a JSON object' });
        const errors = checkVariantUpdate(s.state, found.product, found.variant, parsed.value);
        if (Object.keys(errors).length > 0) return v3Error(422, 'JSON data is missing or invalid', errors);
        writer.updateVariant(found.product, found.variant, parsed.value);
        return { status: 200, body: { data: show(ctx, found.product, found.variant), meta: {} } };
      },
    },
  ];
}

function variantByPath(s: BigCommerceServices, ctx: ApiContext): { product: Product; variant: Variant } | undefined {
  const product = productByPath(s, ctx.params.product_id);
  const variant = product?.variants.find((v) => String(v.id) === ctx.params.variant_id);
  return product && variant ? { product, variant } : undefined;
}

function batchError(title: string, errors: Record<string, string>) {
  return { status: 422, title, type: V3_ERROR_TYPE, errors };
}

function batchUpdate(
  s: BigCommerceServices,
  writer: CatalogWriter,
  ctx: ApiContext,
  show: (p: Product, v: Variant) => unknown,
): SandboxResponse {
  const parsed = jsonBody(ctx);
  if (!parsed.ok) return parsed.response;
  const items = parsed.value;
  if (!Array.isArray(items))
    return {
      status: 422,
      body: { batch_errors: [batchError('JSON data is missing or invalid', { body: 'must be an array of variants' })] },
    };
  if (items.length > MAX_VARIANT_BATCH) {
    return v3Error(
      413,
      `The request payload is too large. The maximum items allowed in the array is ${MAX_VARIANT_BATCH}`,
      {},
    );
  }
  const batchErrors: ReturnType<typeof batchError>[] = [];
  const targets: Array<{ product: Product; variant: Variant; body: Record<string, unknown> }> = [];
  for (const [i, item] of items.entries()) {
    if (!isRecord(item) || !isInt(item.id)) {
      const creating = isRecord(item) && item.product_id !== undefined;
      const text = creating
        ? 'Creating variants through the batch endpoint is not supported by the sandbox.'
        : 'id is required to update a variant.';
      batchErrors.push(batchError(text, { [`${i}.id`]: text }));
      continue;
    }
    const variant = s.state.catalog.variant(item.id);
    const product = variant ? s.state.catalog.product(variant.productId) : undefined;
    if (!variant || !product) {
      batchErrors.push(batchError(`Variant with id ${item.id} was not found.`, { [`${i}.id`]: 'not found' }));
      continue;
    }
    const errors = checkVariantUpdate(s.state, product, variant, item);
    if (Object.keys(errors).length > 0) batchErrors.push(batchError(`Variant ${item.id} is invalid.`, errors));
    else targets.push({ product, variant, body: item });
  }
  if (batchErrors.length > 0) return { status: 422, body: { batch_errors: batchErrors } };
  for (const t of targets) writer.updateVariant(t.product, t.variant, t.body);
  return { status: 200, body: { data: targets.map((t) => show(t.product, t.variant)), meta: {} } };
}
