import { toIsoZ } from '../http/bc-dates';
import type { BigCommerceState } from '../store/bigcommerce-state';
import { DEFAULT_LOCATION_ID, ItemLevel } from '../store/inventory-store';
import type { Location, Product, Variant } from '../store/model';

/** One Inventory API item: a variant of a variant-tracked product, or a product otherwise. */
export interface InventoryItem {
  readonly key: string;
  readonly product: Product;
  readonly variant?: Variant;
}

export function inventoryItems(state: BigCommerceState): InventoryItem[] {
  return state.catalog.products().flatMap((product): InventoryItem[] =>
    product.inventoryTracking === 'variant'
      ? product.variants.map((variant) => ({ key: `v${variant.id}`, product, variant }))
      : [
          {
            key: `p${product.id}`,
            product,
            variant: product.baseVariantId !== null ? state.catalog.variant(product.baseVariantId) : undefined,
          },
        ],
  );
}

export function itemIdentity(item: InventoryItem): Record<string, unknown> {
  const identity: Record<string, unknown> = { sku: item.variant?.sku ?? item.product.sku, product_id: item.product.id };
  if (item.variant) {
    identity.variant_id = item.variant.id;
    identity.sku_id = item.variant.skuId;
  }
  return identity;
}

export function levelSettings(level: ItemLevel | undefined): Record<string, unknown> {
  return {
    safety_stock: level?.safetyStock ?? 0,
    is_in_stock: level?.isInStock ?? true,
    warning_level: level?.warningLevel ?? 0,
    bin_picking_number: level?.binPickingNumber ?? '',
  };
}

/** `GET /v3/inventory/items` row: the item at each location it is stocked at (the default location always). */
export function serializeInventoryItem(
  state: BigCommerceState,
  item: InventoryItem,
  locationIds?: number[],
): Record<string, unknown> {
  const locations = state.inventory
    .locations()
    .filter(
      (l) =>
        (!locationIds || locationIds.includes(l.id)) &&
        (l.id === DEFAULT_LOCATION_ID || state.inventory.level(l.id, item.key)),
    )
    .map((l) => {
      const level = state.inventory.level(l.id, item.key);
      const onHand = level?.onHand ?? 0;
      return {
        location_id: l.id,
        location_code: l.code,
        location_name: l.label,
        available_to_sell: Math.max(0, onHand - (level?.safetyStock ?? 0)),
        total_inventory_onhand: onHand,
        location_enabled: true,
        settings: levelSettings(level),
      };
    });
  return { identity: itemIdentity(item), locations };
}

const CLOSED = { open: false, opening: '00:00', closing: '00:00' };

export function serializeLocation(location: Location, timeZone: string): Record<string, unknown> {
  return {
    id: location.id,
    code: location.code,
    label: location.label,
    description: '',
    managed_by_external_source: false,
    type_id: 'PHYSICAL',
    enabled: true,
    operating_hours: Object.fromEntries(
      ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].map((d) => [d, CLOSED]),
    ),
    time_zone: timeZone,
    created_at: toIsoZ(location.createdAt),
    updated_at: toIsoZ(location.updatedAt),
    address: {
      address1: '100 Congress Avenue',
      address2: '',
      city: 'Austin',
      state: 'Texas',
      zip: '78701',
      email: 'warehouse@example.com',
      phone: '555-0100',
      geo_coordinates: { latitude: 30.2642, longitude: -97.7444 },
      country_code: 'US',
    },
    storefront_visibility: true,
    special_hours: [],
  };
}
