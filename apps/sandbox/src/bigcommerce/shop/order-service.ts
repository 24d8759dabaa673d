import { randomUUID } from 'node:crypto';
import { Decimal } from '@mlc/platform-money';
import type { SandboxClock } from '../../core/clock';
import type { BigCommerceState } from '../store/bigcommerce-state';
import type { Customer, Order, PostalAddress } from '../store/model';
import type { CouponSetting } from '../store/store-settings';
import { Checked, checkStock, resolveCart, StockDemand } from './checkout-lines';
import { buildOrder } from './order-builder';
import type { PlaceOrderRequest } from './order-request';
import type { StoreEvents } from './store-events';

/** Store time at the store's resolution: v2 dates carry whole seconds. */
export function storeNow(clock: SandboxClock): number {
  return Math.floor(clock.now() / 1000) * 1000;
}

/**
 * Orders as the storefront creates them and as the merchant moves them along: placing decrements stock at the
 * fulfilling location (refusing what is out of stock), registers new shoppers, records the payment and fires the
 * documented webhooks.
 */
export class OrderService {
  constructor(
    private readonly state: BigCommerceState,
    private readonly clock: SandboxClock,
    private readonly events: StoreEvents,
  ) {}

  place(req: PlaceOrderRequest): Checked<Order> {
    const cart = resolveCart(this.state, req);
    if (!cart.ok) return cart;
    const locationId = req.fulfillment === 'pickup' ? (req.pickupLocationId ?? 1) : 1;
    if (!this.state.inventory.location(locationId))
      return { ok: false, status: 422, error: `unknown location ${locationId}` };
    const stock = checkStock(this.state, cart.value, locationId);
    if (!stock.ok) return stock;
    const currency = this.currency(req);
    if (!currency.ok) return currency;
    const coupon = this.coupon(req.couponCode);
    if (!coupon.ok) return coupon;
    const now = storeNow(this.clock);
    const id = this.state.ids.order.take();
    const shopper = this.shopper(req, now, id);
    const order = buildOrder(this.state, req, {
      id,
      now,
      customerId: shopper.customer?.id ?? 0,
      billing: shopper.billing,
      cart: cart.value,
      coupon: coupon.value,
      currency: currency.value,
      pickupLocationId: req.pickupLocationId,
      cartId: randomUUID(),
    });
    this.state.orders.set(order.id, order);
    if (order.paymentStatus === 'captured') this.recordPurchase(order);
    if (shopper.created) this.events.customerCreated(shopper.customer!.id);
    this.events.orderCreated(order.id);
    if (order.statusId !== 0) this.takeStock(stock.value, locationId);
    return { ok: true, value: order };
  }

  /** `PUT /v2/orders/{id} {status_id}` or the merchant's status change: `updated` + `statusUpdated` webhooks. */
  changeStatus(order: Order, statusId: number): void {
    const previous = order.statusId;
    order.statusId = statusId;
    order.dateModified = storeNow(this.clock);
    order.revision += 1;
    if (previous === statusId) this.events.orderUpdated(order.id);
    else this.events.orderStatusChanged(order.id, previous, statusId);
  }

  /** Any other change to an order: a new `date_modified` and `store/order/updated`. */
  touch(order: Order): void {
    order.dateModified = storeNow(this.clock);
    order.revision += 1;
    this.events.orderUpdated(order.id);
  }

  archive(order: Order): void {
    order.isDeleted = true;
    order.dateModified = storeNow(this.clock);
    order.revision += 1;
    this.events.orderArchived(order.id);
  }

  private takeStock(demand: StockDemand[], locationId: number): void {
    for (const d of demand) {
      const onHand = this.state.inventory.onHand(locationId, d.key);
      const short = Math.max(0, d.quantity - Math.max(0, onHand));
      this.state.inventory.setOnHand(locationId, d.key, Math.max(0, onHand - d.quantity));
      if (short > 0) this.state.backordered.set(d.sku, (this.state.backordered.get(d.sku) ?? 0) + short);
      this.events.inventoryChanged(d.product, d.variant, 'relative', -d.quantity, true);
    }
  }

  private recordPurchase(order: Order): void {
    const id = this.state.ids.transaction.take();
    this.state.transactions.set(order.id, [
      {
        id,
        orderId: order.id,
        event: 'purchase',
        amount: order.totalIncTax,
        currency: order.transactionalCurrencyCode,
        dateCreated: order.dateCreated,
        gatewayTransactionId: `test-${id}`,
        referenceTransactionId: null,
      },
    ]);
  }

  private currency(
    req: PlaceOrderRequest,
  ): Checked<{ transactional: string; display: string; rate: Decimal; displayRate: Decimal }> {
    const { currency: base, currencies } = this.state.settings;
    const rateOf = (code: string) =>
      code === base ? Decimal.from(1) : currencies[code] ? Decimal.parse(currencies[code]) : undefined;
    const transactional = req.currency ?? base;
    const display = req.displayCurrency ?? transactional;
    const rate = rateOf(transactional);
    const displayRate = rateOf(display);
    if (!rate || !displayRate) {
      return {
        ok: false,
        status: 422,
        error: `currency ${!rate ? transactional : display} is not enabled in the store (settings.currencies)`,
      };
    }
    return { ok: true, value: { transactional, display, rate, displayRate } };
  }

  private coupon(code: string | undefined): Checked<{ setting: CouponSetting; id: number } | undefined> {
    if (code === undefined) return { ok: true, value: undefined };
    const index = this.state.settings.coupons.findIndex((c) => c.code.toLowerCase() === code.toLowerCase());
    if (index < 0) return { ok: false, status: 422, error: `coupon ${code} does not exist` };
    return { ok: true, value: { setting: this.state.settings.coupons[index]!, id: index + 1 } };
  }

  private shopper(
    req: PlaceOrderRequest,
    now: number,
    orderId: number,
  ): { customer?: Customer; created: boolean; billing: PostalAddress } {
    const email = req.customerEmail ?? `guest-${orderId}@example.com`;
    const existing = this.state.customers.byEmailAddress(email);
    if (req.guest || !req.customerEmail) return { created: false, billing: billingFor(email, existing) };
    if (existing) return { customer: existing, created: false, billing: billingFor(email, existing) };
    const [local = 'shopper'] = email.split('@');
    const customer = this.state.customers.add(
      {
        email,
        firstName: capitalize(local.split(/[._-]/)[0] ?? 'Shopper'),
        lastName: 'Shopper',
        company: '',
        phone: '',
        notes: '',
        taxExemptCategory: '',
        customerGroupId: 0,
        acceptsMarketing: false,
        addresses: [],
      },
      now,
    );
    return { customer, created: true, billing: billingFor(email, customer) };
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function billingFor(email: string, customer: Customer | undefined): PostalAddress {
  const address = customer?.addresses[0];
  return {
    firstName: customer?.firstName ?? 'Guest',
    lastName: customer?.lastName ?? 'Shopper',
    company: customer?.company ?? '',
    street1: address?.address1 ?? '1 Guest Lane',
    street2: address?.address2 ?? '',
    city: address?.city ?? 'Austin',
    state: address?.stateOrProvince ?? 'Texas',
    zip: address?.postalCode ?? '78701',
    country: (address?.countryCode ?? 'US') === 'US' ? 'United States' : (address?.countryCode ?? ''),
    countryIso2: address?.countryCode ?? 'US',
    phone: customer?.phone ?? '',
    email,
  };
}
