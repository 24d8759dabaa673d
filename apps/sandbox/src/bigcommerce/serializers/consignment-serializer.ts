import type { Location, Order, OrderLine } from '../store/model';
import { serializeOrderLine } from './order-line-serializer';
import { serializeAddress } from './address-serializer';
import { resourceRef } from './wire';

/**
 * `consignments` in the object structure (`consignment_structure=object`): shipping, pickups, downloads (at most
 * one) and email gift certificates, each with its lines inline (`include=consignments.line_items`) or as
 * `/orders/{id}/products/{line}` references. Consignment costs are JSON numbers, unlike the order's strings.
 */
export function serializeConsignments(
  order: Order,
  apiBase: string,
  inlineLines: boolean,
  location: (id: number) => Location | undefined,
): Record<string, unknown> {
  const lines = (pick: (l: OrderLine) => boolean) =>
    order.lines
      .filter(pick)
      .map((l) =>
        inlineLines ? serializeOrderLine(order, l) : resourceRef(apiBase, `/orders/${order.id}/products/${l.id}`),
      );
  const digital = order.lines.filter((l) => l.type === 'digital');
  const recipients = [...new Set(order.lines.filter((l) => l.type === 'giftcertificate').map((l) => l.recipientEmail))];
  return {
    pickups: order.pickups.map((p) => ({
      id: p.id,
      pickup_method_id: p.pickupMethodId,
      pickup_method_display_name: 'Pick up in store',
      collection_instructions: 'Bring your order confirmation',
      collection_time_description: '9am - 6pm',
      location: serializePickupLocation(location(p.locationId), p.locationId),
      line_items: lines((l) => l.pickupMethodId === p.pickupMethodId && l.type === 'physical'),
    })),
    shipping: order.shippingAddresses.map((a) => {
      const own = order.lines.filter((l) => l.orderAddressId === a.id);
      return {
        id: a.id,
        ...serializeAddress(a),
        form_fields: [],
        line_items: lines((l) => l.orderAddressId === a.id),
        items_total: own.reduce((n, l) => n + l.quantity, 0),
        items_shipped: own.reduce((n, l) => n + l.quantityShipped, 0),
        shipping_method: a.shippingMethod,
        base_cost: a.baseCost.round(2).toWireNumber(),
        cost_ex_tax: a.costExTax.round(2).toWireNumber(),
        cost_inc_tax: a.costIncTax.round(2).toWireNumber(),
        cost_tax: a.costTax.round(2).toWireNumber(),
        cost_tax_class_id: 2,
        base_handling_cost: 0,
        handling_cost_ex_tax: 0,
        handling_cost_inc_tax: 0,
        handling_cost_tax: 0,
        handling_cost_tax_class_id: 2,
        shipping_zone_id: 1,
        shipping_zone_name: 'United States',
        shipping_quotes: resourceRef(apiBase, `/orders/${order.id}/consignments/shipping/${a.id}/shipping_quotes`),
      };
    }),
    downloads:
      digital.length > 0
        ? [{ recipient_email: order.billingAddress.email, line_items: lines((l) => l.type === 'digital') }]
        : [],
    email: {
      gift_certificates: recipients.map((email) => ({
        recipient_email: email,
        line_items: lines((l) => l.type === 'giftcertificate' && l.recipientEmail === email),
      })),
    },
  };
}

function serializePickupLocation(location: Location | undefined, id: number): Record<string, unknown> {
  return {
    id,
    name: location?.label ?? 'Store',
    code: location?.code ?? '',
    address_line_1: '100 Congress Avenue',
    address_line_2: '',
    city: 'Austin',
    state: 'Texas',
    postal_code: '78701',
    country_alpha2: 'US',
    email: 'pickup@example.com',
    phone: '555-0100',
  };
}
