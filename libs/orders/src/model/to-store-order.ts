import { Decimal } from '@mlc/platform-money';
import { parseStoreDate } from './dates';
import { formatIssues } from './raw/format-issues';
import {
  bigCommerceOrderSchema,
  type BigCommerceBillingAddress,
  type BigCommerceOrder,
  type BigCommerceOrderProduct,
} from './raw/bigcommerce-order.schema';
import type {
  AppliedCoupon,
  ConsignmentKind,
  StoreAddress,
  StoreCurrency,
  StoreOrder,
  StoreOrderLine,
  StorePayments,
  StoreTotals,
} from './store-order';

export type StoreOrderParseResult = { ok: true; order: StoreOrder } | { ok: false; errors: string[] };

/** Validates raw v2 order JSON and maps it; errors name the offending field (`order.billing_address.email: ...`). */
export function parseStoreOrder(json: unknown): StoreOrderParseResult {
  const parsed = bigCommerceOrderSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.error.issues, 'order') };
  return { ok: true, order: toStoreOrder(parsed.data) };
}

/** Maps a schema-validated v2 order to the domain model. Lines from every consignment kind are merged by id. */
export function toStoreOrder(raw: BigCommerceOrder): StoreOrder {
  const c = raw.consignments;
  const lines = collectLines(raw);
  return {
    id: raw.id,
    statusId: raw.status_id,
    status: raw.status,
    isDeleted: raw.is_deleted,
    dateCreated: isoDate(raw.date_created),
    dateModified: isoDate(raw.date_modified),
    currency: currencyOf(raw),
    customerId: raw.customer_id === 0 ? null : raw.customer_id,
    billingAddress: toAddress(raw.billing_address),
    shippingConsignments: c.shipping.map((s) => ({
      id: s.id,
      address: toAddress(s),
      shippingMethod: s.shipping_method,
      costExTax: money(s.cost_ex_tax),
      costIncTax: money(s.cost_inc_tax),
      taxClassId: s.cost_tax_class_id ?? null,
    })),
    pickupConsignments: c.pickups.map((p) => ({
      id: p.id,
      methodName: p.pickup_method_display_name,
      locationName: p.location?.name ?? '',
      locationCode: p.location?.code ?? '',
    })),
    lines,
    shipping: charge(
      raw.shipping_cost_ex_tax,
      raw.shipping_cost_inc_tax,
      raw.shipping_cost_tax,
      raw.shipping_cost_tax_class_id,
    ),
    handling: charge(
      raw.handling_cost_ex_tax,
      raw.handling_cost_inc_tax,
      raw.handling_cost_tax,
      raw.handling_cost_tax_class_id,
    ),
    wrapping: charge(
      raw.wrapping_cost_ex_tax,
      raw.wrapping_cost_inc_tax,
      raw.wrapping_cost_tax,
      raw.wrapping_cost_tax_class_id,
    ),
    totals: totalsOf(raw),
    taxInclusivePricing: raw.is_tax_inclusive_pricing,
    coupons: collectCoupons(lines),
    payments: paymentsOf(raw),
  };
}

function currencyOf(raw: BigCommerceOrder): StoreCurrency {
  return {
    transactional: raw.default_currency_code.toUpperCase(),
    display: raw.currency_code.toUpperCase(),
    storeDefault: raw.store_default_currency_code?.toUpperCase() ?? null,
    storeDefaultToTransactionalRate: raw.store_default_to_transactional_exchange_rate ?? null,
  };
}

function totalsOf(raw: BigCommerceOrder): StoreTotals {
  return {
    subtotalExTax: money(raw.subtotal_ex_tax),
    subtotalIncTax: money(raw.subtotal_inc_tax),
    subtotalTax: money(raw.subtotal_tax),
    discountAmount: money(raw.discount_amount),
    couponDiscount: money(raw.coupon_discount),
    totalTax: money(raw.total_tax),
    totalExTax: money(raw.total_ex_tax),
    totalIncTax: money(raw.total_inc_tax),
  };
}

function paymentsOf(raw: BigCommerceOrder): StorePayments {
  return {
    method: raw.payment_method,
    giftCertificateAmount: money(raw.gift_certificate_amount),
    storeCreditAmount: money(raw.store_credit_amount),
    refundedAmount: money(raw.refunded_amount ?? '0'),
  };
}

function collectLines(raw: BigCommerceOrder): StoreOrderLine[] {
  const c = raw.consignments;
  const tagged: StoreOrderLine[] = [
    ...c.shipping.flatMap((s) => s.line_items.map((l) => toLine(l, 'shipping', s.id))),
    ...c.pickups.flatMap((p) => p.line_items.map((l) => toLine(l, 'pickup', p.id))),
    ...c.downloads.flatMap((d) => d.line_items.map((l) => toLine(l, 'download', null))),
    ...c.email.gift_certificates.flatMap((g) => g.line_items.map((l) => toLine(l, 'gift-certificate-email', null))),
  ];
  const byId = new Map<number, StoreOrderLine>();
  for (const line of tagged) if (!byId.has(line.id)) byId.set(line.id, line);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

function toLine(
  l: BigCommerceOrderProduct,
  consignment: ConsignmentKind,
  consignmentId: number | null,
): StoreOrderLine {
  return {
    id: l.id,
    productId: l.product_id,
    variantId: l.variant_id ?? null,
    sku: l.sku,
    name: l.name,
    options: l.product_options.map((o) => ({ name: o.display_name, value: o.display_value })),
    type: l.type,
    consignment,
    consignmentId,
    quantity: l.quantity,
    priceExTax: money(l.price_ex_tax),
    priceIncTax: money(l.price_inc_tax),
    totalExTax: money(l.total_ex_tax),
    totalIncTax: money(l.total_inc_tax),
    totalTax: money(l.total_tax),
    discounts: l.applied_discounts.map((d) => ({
      id: d.id,
      code: d.code ?? null,
      name: d.name,
      amount: money(d.amount),
      target: d.target ?? null,
    })),
    wrappingExTax: money(l.wrapping_cost_ex_tax ?? '0'),
    parentLineId: l.parent_order_product_id ?? null,
    isBundledProduct: l.is_bundled_product ?? false,
    upc: l.upc,
    quantityRefunded: l.quantity_refunded ?? 0,
  };
}

/** Coupons are not inlined by the include we use; their codes and amounts are on the lines' applied discounts. */
function collectCoupons(lines: readonly StoreOrderLine[]): AppliedCoupon[] {
  const byId = new Map<string, AppliedCoupon>();
  for (const line of lines) {
    for (const d of line.discounts) {
      if (!d.code) continue;
      const seen = byId.get(d.id);
      byId.set(d.id, { id: d.id, code: d.code, name: d.name, amount: (seen?.amount ?? Decimal.ZERO).plus(d.amount) });
    }
  }
  return [...byId.values()];
}

function toAddress(a: BigCommerceBillingAddress): StoreAddress {
  return {
    firstName: a.first_name,
    lastName: a.last_name,
    company: a.company,
    street1: a.street_1,
    street2: a.street_2,
    city: a.city,
    state: a.state,
    postalCode: a.zip,
    country: a.country,
    countryIso2: a.country_iso2.toUpperCase(),
    phone: a.phone,
    email: a.email,
  };
}

function charge(exTax: string, incTax: string, tax: string, taxClassId: number | null | undefined) {
  return { exTax: money(exTax), incTax: money(incTax), tax: money(tax), taxClassId: taxClassId ?? null };
}

/** Wire money: decimal strings exactly, JSON numbers through their shortest decimal text. */
export function money(value: string | number): Decimal {
  return typeof value === 'number' ? Decimal.fromWireNumber(value) : Decimal.parse(value);
}

function isoDate(value: string): string {
  const iso = parseStoreDate(value);
  if (iso === null) throw new RangeError('date passed the schema but does not parse');
  return iso;
}
