import { Decimal } from '@mlc/platform-money';
import { toIsoOffset } from '../http/bc-dates';
import type { BigCommerceState } from '../store/bigcommerce-state';
import { DEFAULT_LOCATION_ID, itemKey } from '../store/inventory-store';
import type { Product, Variant } from '../store/model';
import { RevisionCache } from './revision-cache';
import { moneyNumber } from './wire';

/** Catalog `inventory_level`: the default location only; a variant-tracked product shows the sum of its variants. */
export function productInventoryLevel(state: BigCommerceState, product: Product): number {
  if (product.inventoryTracking === 'variant') {
    return product.variants.reduce((n, v) => n + state.inventory.onHand(DEFAULT_LOCATION_ID, `v${v.id}`), 0);
  }
  return state.inventory.onHand(DEFAULT_LOCATION_ID, `p${product.id}`);
}

export function variantInventoryLevel(state: BigCommerceState, product: Product, variant: Variant): number {
  if (product.inventoryTracking === 'variant') return state.inventory.onHand(DEFAULT_LOCATION_ID, `v${variant.id}`);
  return variant.id === product.baseVariantId
    ? state.inventory.onHand(DEFAULT_LOCATION_ID, itemKey(product, undefined))
    : 0;
}

const slug = (name: string) =>
  `/${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}/`;

const productCache = new RevisionCache<Product, Record<string, unknown>>();
const variantCache = new RevisionCache<Product, Record<string, unknown>>();

/** A v3 catalog product (`product_Full`): prices are JSON numbers, dates ISO 8601 with an offset. */
export function serializeProduct(state: BigCommerceState, product: Product): Record<string, unknown> {
  const level = productInventoryLevel(state, product);
  return productCache.get(product, String(level), () => buildProduct(product, level));
}

function buildProduct(product: Product, level: number): Record<string, unknown> {
  const calculated = product.salePrice.gt(0) ? product.salePrice : product.price;
  return {
    id: product.id,
    name: product.name,
    type: product.type,
    sku: product.sku,
    description: '',
    weight: moneyNumber(product.weight),
    width: 0,
    depth: 0,
    height: 0,
    price: moneyNumber(product.price),
    cost_price: moneyNumber(product.costPrice),
    retail_price: moneyNumber(product.retailPrice),
    sale_price: moneyNumber(product.salePrice),
    map_price: 0,
    tax_class_id: 0,
    product_tax_code: '',
    calculated_price: moneyNumber(calculated),
    categories: [23],
    brand_id: 0,
    option_set_display: 'right',
    inventory_level: level,
    inventory_warning_level: product.inventoryWarningLevel,
    inventory_tracking: product.inventoryTracking,
    reviews_rating_sum: 0,
    reviews_count: 0,
    total_sold: 0,
    fixed_cost_shipping_price: 0,
    is_free_shipping: false,
    is_visible: product.isVisible,
    is_featured: false,
    related_products: [],
    warranty: '',
    bin_picking_number: '',
    layout_file: 'product.html',
    upc: '',
    mpn: '',
    gtin: '',
    search_keywords: '',
    availability: 'available',
    availability_description: '',
    gift_wrapping_options_type: 'any',
    gift_wrapping_options_list: [],
    sort_order: 0,
    condition: 'New',
    is_condition_shown: false,
    order_quantity_minimum: 0,
    order_quantity_maximum: 0,
    page_title: '',
    meta_keywords: [],
    meta_description: '',
    date_created: toIsoOffset(product.dateCreated),
    date_modified: toIsoOffset(product.dateModified),
    view_count: 0,
    preorder_release_date: null,
    preorder_message: '',
    is_preorder_only: false,
    is_price_hidden: false,
    price_hidden_label: '',
    custom_url: { url: slug(product.name), is_customized: false },
    base_variant_id: product.baseVariantId,
    open_graph_type: 'product',
    open_graph_title: '',
    open_graph_description: '',
    open_graph_use_meta_description: true,
    open_graph_use_product_name: true,
    open_graph_use_image: true,
  };
}

/** A v3 variant. Null prices on option variants inherit the product's; a base variant shows the product's values. */
export function serializeVariant(state: BigCommerceState, product: Product, variant: Variant): Record<string, unknown> {
  const level = variantInventoryLevel(state, product, variant);
  return variantCache.get(product, `${variant.id}/${level}`, () => buildVariant(product, variant, level));
}

function buildVariant(product: Product, variant: Variant, level: number): Record<string, unknown> {
  const isBase = variant.id === product.baseVariantId;
  const own = (v: Decimal | null, fallback: Decimal) =>
    v !== null ? moneyNumber(v) : isBase ? moneyNumber(fallback) : null;
  const price = variant.price ?? product.price;
  const sale = variant.salePrice ?? product.salePrice;
  return {
    id: variant.id,
    product_id: product.id,
    sku: variant.sku,
    sku_id: variant.skuId,
    price: own(variant.price, product.price),
    calculated_price: moneyNumber(sale.gt(0) ? sale : price),
    sale_price: own(variant.salePrice, product.salePrice),
    retail_price: own(variant.retailPrice, product.retailPrice),
    map_price: null,
    weight: own(variant.weight, product.weight),
    calculated_weight: moneyNumber(variant.weight ?? product.weight),
    width: null,
    height: null,
    depth: null,
    is_free_shipping: false,
    fixed_cost_shipping_price: null,
    purchasing_disabled: variant.purchasingDisabled,
    purchasing_disabled_message: '',
    image_url: '',
    cost_price: own(variant.costPrice, product.costPrice),
    upc: variant.upc,
    mpn: '',
    gtin: '',
    inventory_level: level,
    inventory_warning_level: variant.inventoryWarningLevel,
    bin_picking_number: variant.binPickingNumber,
    option_values: variant.optionValues.map((o) => ({
      id: o.id,
      label: o.label,
      option_id: o.optionId,
      option_display_name: o.optionDisplayName,
    })),
  };
}

/** `include_fields` / `exclude_fields`: `id` always stays. */
export function projectFields(body: Record<string, unknown>, query: URLSearchParams): Record<string, unknown> {
  const include = query.get('include_fields');
  const exclude = query.get('exclude_fields');
  if (!include && !exclude) return body;
  const keep = include ? new Set(['id', ...include.split(',').map((f) => f.trim())]) : undefined;
  const drop = new Set(
    (exclude ?? '')
      .split(',')
      .map((f) => f.trim())
      .filter((f) => f !== 'id'),
  );
  return Object.fromEntries(Object.entries(body).filter(([k]) => (!keep || keep.has(k)) && !drop.has(k)));
}
