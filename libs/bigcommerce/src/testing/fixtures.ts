import { BigCommerceProduct, BigCommerceVariant } from '../schemas/catalog.schema';
import { BigCommerceCustomer } from '../schemas/customer.schema';
import { BigCommerceHook } from '../schemas/hook.schema';
import { BigCommerceOrder, BigCommerceOrderProduct } from '../schemas/order.schema';
import { BigCommerceRefund } from '../schemas/refund.schema';
import { BigCommerceStoreInformation } from '../schemas/store.schema';

/**
 * Realistic BigCommerce payloads, shaped like the documented responses (orders.v2.oas2.yml and friends), for tests
 * of this adapter and of the apps. Override any field; the defaults are one physical line shipped to one address.
 */
export function buildOrderProduct(overrides: Partial<BigCommerceOrderProduct> = {}): BigCommerceOrderProduct {
  return {
    id: 1,
    order_id: 100,
    product_id: 77,
    variant_id: 501,
    order_address_id: 10,
    name: 'Orbit Terrarium - Large',
    name_customer: 'Orbit Terrarium - Large',
    name_merchant: 'Orbit Terrarium - Large',
    sku: 'OTL-1',
    type: 'physical',
    quantity: 2,
    base_price: '25.0000',
    price_ex_tax: '25.0000',
    price_inc_tax: '27.5000',
    price_tax: '2.5000',
    base_total: '50.0000',
    total_ex_tax: '50.0000',
    total_inc_tax: '55.0000',
    total_tax: '5.0000',
    discounted_total_inc_tax: '55.0000',
    is_refunded: false,
    quantity_refunded: 0,
    refund_amount: '0.0000',
    quantity_shipped: 0,
    parent_order_product_id: null,
    gift_certificate_id: null,
    applied_discounts: [],
    product_options: [],
    ...overrides,
  };
}

export interface OrderFixtureOptions {
  readonly lines?: readonly BigCommerceOrderProduct[];
  readonly overrides?: Partial<BigCommerceOrder>;
}

export function buildOrder(id = 100, options: OrderFixtureOptions = {}): BigCommerceOrder {
  const lines = (options.lines ?? [buildOrderProduct({ order_id: id })]).map((l) => ({ ...l, order_id: id }));
  return {
    id,
    customer_id: 0,
    date_created: 'Tue, 05 Mar 2019 21:40:11 +0000',
    date_modified: 'Tue, 05 Mar 2019 21:45:00 +0000',
    date_shipped: '',
    status_id: 11,
    status: 'Awaiting Fulfillment',
    subtotal_ex_tax: '50.0000',
    subtotal_inc_tax: '55.0000',
    subtotal_tax: '5.0000',
    base_shipping_cost: '10.0000',
    shipping_cost_ex_tax: '10.0000',
    shipping_cost_inc_tax: '11.0000',
    shipping_cost_tax: '1.0000',
    base_handling_cost: '0.0000',
    handling_cost_ex_tax: '0.0000',
    handling_cost_inc_tax: '0.0000',
    handling_cost_tax: '0.0000',
    base_wrapping_cost: '0.0000',
    wrapping_cost_ex_tax: '0.0000',
    wrapping_cost_inc_tax: '0.0000',
    wrapping_cost_tax: '0.0000',
    total_ex_tax: '60.0000',
    total_inc_tax: '66.0000',
    total_tax: '6.0000',
    items_total: 2,
    items_shipped: 0,
    payment_method: 'Test Payment Gateway',
    payment_status: 'captured',
    refunded_amount: '0.0000',
    store_credit_amount: '0.0000',
    gift_certificate_amount: '0.0000',
    discount_amount: '0.0000',
    coupon_discount: '0.0000',
    is_tax_inclusive_pricing: false,
    currency_code: 'USD',
    currency_exchange_rate: '1.0000000000',
    default_currency_code: 'USD',
    store_default_currency_code: 'USD',
    store_default_to_transactional_exchange_rate: '1.0000000000',
    channel_id: 1,
    order_source: 'www',
    is_deleted: false,
    billing_address: {
      first_name: 'Jane',
      last_name: 'Doe',
      company: '',
      street_1: '123 Main Street',
      street_2: '',
      city: 'Austin',
      state: 'Texas',
      zip: '78701',
      country: 'United States',
      country_iso2: 'US',
      phone: '555-0100',
      email: 'jane.doe@example.com',
      form_fields: [],
    },
    products: {
      url: `https://api.bigcommerce.com/stores/abc123/v2/orders/${id}/products`,
      resource: `/orders/${id}/products`,
    },
    consignments: {
      pickups: [],
      shipping: [
        {
          id: 10,
          first_name: 'Jane',
          last_name: 'Doe',
          country_iso2: 'US',
          shipping_method: 'Flat Rate',
          line_items: lines,
          cost_ex_tax: 10,
          cost_inc_tax: 11,
        },
      ],
      downloads: [],
      email: { gift_certificates: [] },
    },
    ...options.overrides,
  };
}

export function buildRefund(
  id: number,
  orderId: number,
  overrides: Partial<BigCommerceRefund> = {},
): BigCommerceRefund {
  return {
    id,
    order_id: orderId,
    user_id: 0,
    created: '2019-03-06T10:00:00+00:00',
    reason: 'Damaged in transit',
    total_amount: 27.5,
    total_tax: 2.5,
    uses_merchant_override_values: false,
    items: [{ item_type: 'PRODUCT', item_id: 1, quantity: 1, requested_amount: null, reason: 'Damaged' }],
    payments: [
      { id: 1, provider_id: 'storecredit', amount: 27.5, offline: false, is_declined: false, declined_message: '' },
    ],
    ...overrides,
  };
}

export function buildCustomer(
  id: number,
  email: string,
  overrides: Partial<BigCommerceCustomer> = {},
): BigCommerceCustomer {
  return {
    id,
    email,
    first_name: 'Jane',
    last_name: 'Doe',
    company: '',
    phone: '555-0100',
    customer_group_id: 0,
    date_created: '2019-01-01T00:00:00+00:00',
    date_modified: '2019-01-01T00:00:00+00:00',
    ...overrides,
  };
}

export function buildVariant(
  id: number,
  productId: number,
  sku: string,
  overrides: Partial<BigCommerceVariant> = {},
): BigCommerceVariant {
  return {
    id,
    product_id: productId,
    sku,
    sku_id: id + 1000,
    price: null,
    sale_price: null,
    calculated_price: 25,
    inventory_level: 10,
    purchasing_disabled: false,
    option_values: [{ id: 1, option_id: 1, label: 'Large' }],
    ...overrides,
  };
}

export function buildProduct(id: number, sku: string, overrides: Partial<BigCommerceProduct> = {}): BigCommerceProduct {
  return {
    id,
    name: `Product ${id}`,
    type: 'physical',
    sku,
    price: 25,
    sale_price: 0,
    calculated_price: 25,
    inventory_level: 10,
    inventory_tracking: 'product',
    base_variant_id: id + 5000,
    is_visible: true,
    date_modified: '2019-03-05T21:40:11+00:00',
    variants: [buildVariant(id + 5000, id, sku, { sku_id: null, option_values: [] })],
    ...overrides,
  };
}

export function buildStoreInformation(
  overrides: Partial<BigCommerceStoreInformation> = {},
): BigCommerceStoreInformation {
  return {
    id: 'abc123',
    store_id: 1025646,
    name: 'Orbit Plants',
    domain: 'orbit.example.com',
    status: 'live',
    currency: 'USD',
    decimal_places: 2,
    is_price_entered_with_tax: false,
    plan_name: 'Standard',
    default_channel_id: 1,
    timezone: { name: 'America/Chicago', raw_offset: -21600, dst_offset: -18000, dst_correction: true },
    ...overrides,
  };
}

export function buildHook(
  id: number,
  scope: string,
  destination: string,
  overrides: Partial<BigCommerceHook> = {},
): BigCommerceHook {
  return {
    id,
    client_id: 'client-1',
    store_hash: 'abc123',
    scope,
    destination,
    is_active: true,
    headers: null,
    created_at: 1561488106,
    updated_at: 1561488106,
    ...overrides,
  };
}
