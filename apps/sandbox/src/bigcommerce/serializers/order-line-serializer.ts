import type { Order, OrderLine } from '../store/model';
import { RevisionCache } from './revision-cache';
import { money4 } from './wire';

const ZERO4 = '0.0000';

/**
 * One v2 order product. The documented schema forbids properties beyond its list (`additionalProperties: false`),
 * so this emits exactly those fields.
 */
export function serializeOrderLine(order: Order, line: OrderLine): Record<string, unknown> {
  return cache.get(order, `line ${line.id}`, () => buildLine(order, line));
}

const cache = new RevisionCache<Order, Record<string, unknown>>();

function buildLine(order: Order, line: OrderLine): Record<string, unknown> {
  const fullyRefunded = line.quantityRefunded >= line.quantity;
  return {
    id: line.id,
    order_id: order.id,
    product_id: line.productId,
    variant_id: line.variantId,
    order_pickup_method_id: line.pickupMethodId,
    order_address_id: line.orderAddressId,
    name: line.name,
    name_customer: line.name,
    name_merchant: line.name,
    sku: line.sku,
    upc: '',
    type: line.type,
    base_price: money4(line.basePrice),
    price_ex_tax: money4(line.priceExTax),
    price_inc_tax: money4(line.priceIncTax),
    price_tax: money4(line.priceTax),
    base_total: money4(line.basePrice.times(line.quantity)),
    total_ex_tax: money4(line.totalExTax),
    total_inc_tax: money4(line.totalIncTax),
    total_tax: money4(line.totalTax),
    weight: money4(line.weight),
    width: ZERO4,
    height: ZERO4,
    depth: ZERO4,
    quantity: line.quantity,
    base_cost_price: money4(line.costPrice),
    cost_price_inc_tax: money4(line.costPrice),
    cost_price_ex_tax: money4(line.costPrice),
    cost_price_tax: ZERO4,
    is_refunded: fullyRefunded,
    quantity_refunded: line.quantityRefunded,
    refund_amount: money4(line.refundAmount),
    return_id: 0,
    wrapping_id: 0,
    wrapping_name: '',
    base_wrapping_cost: ZERO4,
    wrapping_cost_ex_tax: ZERO4,
    wrapping_cost_inc_tax: ZERO4,
    wrapping_cost_tax: ZERO4,
    wrapping_message: '',
    quantity_shipped: line.quantityShipped,
    event_name: null,
    event_date: null,
    fixed_shipping_cost: ZERO4,
    ebay_item_id: '',
    ebay_transaction_id: '',
    option_set_id: line.productOptions.length > 0 ? 1 : null,
    parent_order_product_id: null,
    is_bundled_product: false,
    bin_picking_number: '',
    external_id: null,
    brand: '',
    applied_discounts: line.appliedDiscounts.map((d) => ({
      id: d.id,
      amount: money4(d.amount),
      name: d.name,
      code: d.code,
      target: d.target,
    })),
    product_options: line.productOptions.map((o) => ({
      id: o.id,
      option_id: o.optionId,
      order_product_id: line.id,
      product_option_id: o.productOptionId,
      display_name: o.displayName,
      display_name_customer: o.displayName,
      display_name_merchant: o.displayName,
      display_value: o.label,
      display_value_customer: o.label,
      display_value_merchant: o.label,
      value: o.value,
      type: 'Multiple choice',
      name: o.displayName,
      display_style: 'Rectangle',
    })),
    configurable_fields: [],
    gift_certificate_id: line.giftCertificateId,
    discounted_total_inc_tax: money4(line.discountedTotalIncTax),
  };
}
