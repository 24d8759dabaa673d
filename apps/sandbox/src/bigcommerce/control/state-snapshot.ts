import { toIsoZ } from '../http/bc-dates';
import { productInventoryLevel, variantInventoryLevel } from '../serializers/catalog-serializer';
import type { BigCommerceState } from '../store/bigcommerce-state';
import { STATUS_BY_ID } from '../store/order-statuses';

/** `GET /__sandbox/state` for BigCommerce: orders, customers, stock and prices by SKU, hooks and settings. */
export function stateSnapshot(state: BigCommerceState): Record<string, unknown> {
  const stock: Record<string, number> = {};
  const prices: Record<string, string> = {};
  for (const product of state.catalog.products()) {
    const sellable = product.baseVariantId !== null ? [] : product.variants;
    if (sellable.length === 0) {
      stock[product.sku] = productInventoryLevel(state, product);
      prices[product.sku] = product.price.toFixed(2);
    }
    for (const v of sellable) {
      stock[v.sku] = variantInventoryLevel(state, product, v);
      prices[v.sku] = (v.price ?? product.price).toFixed(2);
    }
  }
  const { accounts, ...settings } = state.settings;
  return {
    store: { hash: state.settings.storeHash, storeId: state.settings.storeId, currency: state.settings.currency },
    settings: { ...settings, accounts: accounts.map((a) => ({ clientId: a.clientId, scopes: a.scopes })) },
    orders: [...state.orders.values()].map((o) => ({
      id: o.id,
      status_id: o.statusId,
      status: STATUS_BY_ID.get(o.statusId)?.name,
      customer_id: o.customerId,
      email: o.billingAddress.email,
      date_modified: toIsoZ(o.dateModified),
      currency: o.transactionalCurrencyCode,
      total_ex_tax: o.totalExTax.toFixed(2),
      total_tax: o.totalTax.toFixed(2),
      total_inc_tax: o.totalIncTax.toFixed(2),
      refunded_amount: o.refundedAmount.toFixed(2),
      is_deleted: o.isDeleted,
      lines: o.lines.map((l) => ({
        id: l.id,
        sku: l.sku,
        quantity: l.quantity,
        price_ex_tax: l.priceExTax.toFixed(4),
        total_inc_tax: l.totalIncTax.toFixed(2),
        quantity_refunded: l.quantityRefunded,
      })),
    })),
    refunds: [...state.refunds.values()].map((r) => ({
      id: r.id,
      order_id: r.orderId,
      total_amount: r.totalAmount.toFixed(2),
    })),
    customers: state.customers
      .all()
      .map((c) => ({ id: c.id, email: c.email, first_name: c.firstName, last_name: c.lastName })),
    stock,
    prices,
    backordered: Object.fromEntries(state.backordered),
    hooks: [...state.hooks.values()].map((h) => ({
      id: h.id,
      scope: h.scope,
      destination: h.destination,
      is_active: h.isActive,
      client_id: h.clientId,
    })),
  };
}
