import { Decimal } from '@mlc/platform-money';
import type { SeedCatalog } from '../../core/seed';
import type { BigCommerceState } from '../store/bigcommerce-state';
import { DEFAULT_LOCATION_ID } from '../store/inventory-store';

/**
 * Seeds the store from the shared catalog: products (variant-tracked when they have variants, product-tracked
 * otherwise) with their stock at the default location, and customers with one address. Seeding replaces the
 * store's data (hooks and settings stay) and fires no webhooks: it is setup, not store activity.
 */
export function seedStore(state: BigCommerceState, catalog: SeedCatalog, now: number): void {
  state.clearData(now);
  for (const seed of catalog.products) {
    const product = state.catalog.add(
      {
        name: seed.name,
        sku: seed.sku,
        price: Decimal.parse(seed.price),
        weight: Decimal.parse(seed.weight),
        variants: seed.variants.map((v) => ({ sku: v.sku, price: Decimal.parse(v.price), optionLabel: v.optionLabel })),
      },
      now,
    );
    if (seed.variants.length === 0) state.inventory.setOnHand(DEFAULT_LOCATION_ID, `p${product.id}`, seed.inventory);
    seed.variants.forEach((v, i) =>
      state.inventory.setOnHand(DEFAULT_LOCATION_ID, `v${product.variants[i]!.id}`, v.inventory),
    );
  }
  for (const c of catalog.customers) {
    state.customers.add(
      {
        email: c.email,
        firstName: c.firstName,
        lastName: c.lastName,
        company: c.company,
        phone: c.phone,
        notes: '',
        taxExemptCategory: '',
        customerGroupId: 0,
        acceptsMarketing: false,
        addresses: [
          {
            firstName: c.firstName,
            lastName: c.lastName,
            company: c.company,
            address1: c.address.line1,
            address2: '',
            city: c.address.city,
            stateOrProvince: c.address.state,
            postalCode: c.address.postalCode,
            countryCode: c.address.countryIso2,
            phone: c.phone,
            addressType: 'residential',
          },
        ],
      },
      now,
    );
  }
}
