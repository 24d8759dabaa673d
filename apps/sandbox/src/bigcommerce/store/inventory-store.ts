import type { Location, Product, Variant } from './model';

/** Stock of one inventory item at one location, as the Inventory API models it. */
export interface ItemLevel {
  onHand: number;
  safetyStock: number;
  isInStock: boolean;
  warningLevel: number;
  binPickingNumber: string;
}

export const DEFAULT_LOCATION_ID = 1;
export const MAX_INVENTORY = 2_147_483_647;

/**
 * The inventory item a product or variant counts against: the product for `product` (and `none`) tracking, the
 * variant for `variant` tracking.
 */
export function itemKey(product: Product, variant: Variant | undefined): string {
  if (product.inventoryTracking === 'variant' && variant) return `v${variant.id}`;
  return `p${product.id}`;
}

/** Locations and per-location levels. Location 1 is the default location and always exists. */
export class InventoryStore {
  private readonly locationsById = new Map<number, Location>();
  private readonly levels = new Map<number, Map<string, ItemLevel>>();
  private nextLocationId = 2;

  constructor(now: number) {
    this.addDefault(now);
  }

  locations(): Location[] {
    return [...this.locationsById.values()];
  }

  location(id: number): Location | undefined {
    return this.locationsById.get(id);
  }

  addLocation(code: string, label: string, now: number): Location {
    const location: Location = { id: this.nextLocationId++, code, label, createdAt: now, updatedAt: now };
    this.locationsById.set(location.id, location);
    this.levels.set(location.id, new Map());
    return location;
  }

  level(locationId: number, key: string): ItemLevel | undefined {
    return this.levels.get(locationId)?.get(key);
  }

  /** On-hand at the location; 0 when the item has never been stocked there. */
  onHand(locationId: number, key: string): number {
    return this.level(locationId, key)?.onHand ?? 0;
  }

  setOnHand(locationId: number, key: string, quantity: number): void {
    const atLocation = this.levels.get(locationId);
    if (!atLocation) throw new RangeError(`unknown location ${locationId}`);
    const existing = atLocation.get(key);
    if (existing) existing.onHand = quantity;
    else
      atLocation.set(key, { onHand: quantity, safetyStock: 0, isInStock: true, warningLevel: 0, binPickingNumber: '' });
  }

  clear(now: number): void {
    this.locationsById.clear();
    this.levels.clear();
    this.nextLocationId = 2;
    this.addDefault(now);
  }

  private addDefault(now: number): void {
    this.locationsById.set(DEFAULT_LOCATION_ID, {
      id: DEFAULT_LOCATION_ID,
      code: 'BC-LOCATION-1',
      label: 'Default location',
      createdAt: now,
      updatedAt: now,
    });
    this.levels.set(DEFAULT_LOCATION_ID, new Map());
  }
}
