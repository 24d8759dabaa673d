import type { SandboxResponse } from '../../core/router';
import type { ApiContext, ApiRoute } from '../http/api-gateway';
import { inventoryError } from '../http/bc-errors';
import { pageRequest, v3List } from '../http/pagination';
import { intListParam, isRecord, jsonBody, listParam } from '../http/request-input';
import { AdjustmentMode, MAX_ADJUSTMENT_ITEMS } from '../shop/inventory-service';
import {
  inventoryItems,
  levelSettings,
  itemIdentity,
  serializeInventoryItem,
  serializeLocation,
} from '../serializers/inventory-serializer';
import type { BigCommerceServices } from './services';

const SCOPES = ['store_inventory'] as const;

/**
 * The Inventory API: absolute adjustments (PUT) and relative ones (POST), at most 2000 items, answered with
 * `{transaction_id}` and applied asynchronously; items and locations reads (up to 1000 per page). Errors are
 * `application/problem+json`.
 */
export function inventoryRoutes(s: BigCommerceServices): ApiRoute[] {
  return [
    {
      method: 'PUT',
      path: '/v3/inventory/adjustments/absolute',
      scopes: SCOPES,
      handler: (ctx) => adjust(s, ctx, 'absolute'),
    },
    {
      method: 'POST',
      path: '/v3/inventory/adjustments/relative',
      scopes: SCOPES,
      handler: (ctx) => adjust(s, ctx, 'relative'),
    },
    {
      method: 'GET',
      path: '/v3/inventory/items',
      scopes: SCOPES,
      handler: (ctx) => {
        const filter = itemFilter(ctx);
        if (!filter) return inventoryError(422, 'The filter parameter is invalid.');
        const locationIds = intListParam(ctx.query, 'location_id:in') ?? undefined;
        const codes = listParam(ctx.query, 'location_code:in');
        const byCode = codes
          ? s.state.inventory
              .locations()
              .filter((l) => codes.includes(l.code))
              .map((l) => l.id)
          : undefined;
        const locations =
          locationIds && byCode ? locationIds.filter((id) => byCode.includes(id)) : (locationIds ?? byCode);
        const items = inventoryItems(s.state).filter(filter);
        return v3List(items, pageRequest(ctx.query, 50, 1000), (item) =>
          serializeInventoryItem(s.state, item, locations),
        );
      },
    },
    {
      method: 'GET',
      path: '/v3/inventory/locations',
      scopes: SCOPES,
      handler: (ctx) => {
        const ids = intListParam(ctx.query, 'location_id:in');
        if (ids === null) return inventoryError(422, 'The filter parameter is invalid.');
        const codes = listParam(ctx.query, 'location_code:in');
        const isDefault = ctx.query.get('is_default');
        const locations = s.state.inventory
          .locations()
          .filter(
            (l) =>
              (!ids || ids.includes(l.id)) &&
              (!codes || codes.includes(l.code)) &&
              (isDefault === null || (isDefault === 'true') === (l.id === 1)),
          );
        return v3List(locations, pageRequest(ctx.query, 50, 1000), (l) =>
          serializeLocation(l, s.state.settings.timezone),
        );
      },
    },
    {
      method: 'GET',
      path: '/v3/inventory/locations/:location_id/items',
      scopes: SCOPES,
      handler: (ctx) => {
        const location = s.state.inventory.location(Number(ctx.params.location_id));
        if (!location) return inventoryError(404, 'Location not found.');
        const filter = itemFilter(ctx);
        if (!filter) return inventoryError(422, 'The filter parameter is invalid.');
        const items = inventoryItems(s.state)
          .filter(filter)
          .filter((i) => location.id === 1 || s.state.inventory.level(location.id, i.key));
        return v3List(items, pageRequest(ctx.query, 50, 1000), (item) => {
          const level = s.state.inventory.level(location.id, item.key);
          const onHand = level?.onHand ?? 0;
          return {
            identity: itemIdentity(item),
            available_to_sell: Math.max(0, onHand - (level?.safetyStock ?? 0)),
            total_inventory_onhand: onHand,
            settings: levelSettings(level),
          };
        });
      },
    },
  ];
}

function adjust(s: BigCommerceServices, ctx: ApiContext, mode: AdjustmentMode): SandboxResponse {
  const parsed = jsonBody(ctx);
  if (!parsed.ok) return parsed.response;
  const body = parsed.value;
  if (!isRecord(body) || !Array.isArray(body.items))
    return inventoryError(422, 'Payload contains invalid fields', { items: 'items is required' });
  if (body.items.length === 0)
    return inventoryError(422, 'Payload contains invalid fields', { items: 'at least one item is required' });
  if (body.items.length > MAX_ADJUSTMENT_ITEMS) {
    return inventoryError(422, `The number of items exceeds the limit of ${MAX_ADJUSTMENT_ITEMS}.`, {
      items: `at most ${MAX_ADJUSTMENT_ITEMS} items per request`,
    });
  }
  if (body.reason !== undefined && typeof body.reason !== 'string')
    return inventoryError(422, 'Payload contains invalid fields', { reason: 'must be a string' });
  const checked = s.inventory.check(mode, body.items);
  if (!checked.ok) return inventoryError(422, checked.title, checked.errors);
  return { status: 200, body: { transaction_id: s.inventory.submit(mode, checked.items) } };
}

function itemFilter(ctx: ApiContext): ((item: ReturnType<typeof inventoryItems>[number]) => boolean) | undefined {
  const skus = listParam(ctx.query, 'sku:in');
  const variantIds = intListParam(ctx.query, 'variant_id:in');
  const productIds = intListParam(ctx.query, 'product_id:in');
  if (variantIds === null || productIds === null) return undefined;
  return (item) =>
    (!skus || skus.includes(item.variant?.sku ?? item.product.sku)) &&
    (!variantIds || (item.variant !== undefined && variantIds.includes(item.variant.id))) &&
    (!productIds || productIds.includes(item.product.id));
}
