// Test support: the BC side (catalog, accounts, customer) and per-scenario settings the golden specs run against.
import type { BcDocumentContext } from '../documents/build-context';
import type { CreditMemoResult } from '../documents/credit-memo';
import type { SalesDocumentResult } from '../documents/sales-document';
import { mapRefundToCreditMemo } from '../map-refund-to-credit-memo';
import type { StoreRefund } from '../model/store-refund';
import { parseStoreRefunds } from '../model/to-store-refund';
import { mapOrderToSalesDocument, type DocumentCustomer } from '../map-order-to-sales-document';
import type { StoreOrder } from '../model/store-order';
import { parseStoreOrder } from '../model/to-store-order';
import type { BcItemRecord, SkuMappingRecord } from '../ports/item-lookup.port';
import { planItemLookup, resolveItems, type ItemLookupData, type ItemResolution } from '../resolve-items';
import {
  parseOrderSyncSettings,
  type OrderSyncSettings,
  type OrderSyncSettingsInput,
} from '../settings/order-sync-settings';
import bundle from './order.bundle.json';
import coupon from './order.coupon.json';
import foreignCurrency from './order.foreign-currency.json';
import freeShipping from './order.free-shipping.json';
import giftCertificateRedeemed from './order.gift-certificate-redeemed.json';
import giftCertificateSold from './order.gift-certificate-sold.json';
import guest from './order.guest.json';
import longAndCollidingSkus from './order.long-and-colliding-skus.json';
import manualDiscount from './order.manual-discount.json';
import moreThan50Lines from './order.more-than-50-lines.json';
import pickupAndDigital from './order.pickup-and-digital.json';
import refundFull from './refund.full.json';
import refundPartial from './refund.partial.json';
import returningShopper from './order.returning-shopper.json';
import severalShippingAddresses from './order.several-shipping-addresses.json';
import taxInclusiveBcCalculates from './order.tax-inclusive-bc-calculates.json';
import taxInclusiveStoreTaxLine from './order.tax-inclusive-store-tax-line.json';
import zeroPriceLine from './order.zero-price-line.json';

/** BC G/L account ids embed their number, so goldens read e.g. `ac000000-...-000000040500` for account 40500. */
export const ACCOUNTS = {
  shipping: '40500',
  handling: '40510',
  wrapping: '40520',
  giftCertificateLiability: '22500',
  refunds: '40900',
  storeTax: '23100',
  discounts: '40950',
} as const;
export const accountId = (number: string) => `ac000000-0000-4000-8000-${number.padStart(12, '0')}`;

export const CUSTOMER: DocumentCustomer = { id: 'c0000000-0000-4000-8000-000000010010', number: 'C10010' };

const ITEM_NUMBERS = [
  'TEE-ORG-M',
  'TOTE-CNV',
  'BEANIE-MER-GRY',
  'CARD-LTH-BRN',
  'SOCK-HIKE-3PK',
  'MUG-CER-12OZ',
  'BEAN-ETH-1LB',
  'BOTTLE-INS-750',
  'SNACK-TRL-6',
  'KEY-CARA-01',
  'STRAP-YOGA',
  'BLOCK-CORK',
  'CANDLE-CED',
  'THROW-LIN',
  'STOVE-CAMP-2B',
  'GUIDE-BCR-PDF',
  'CAP-WAX-OLV',
  'PIN-ENM-FOX',
  'JKT-DOWN-M',
  'POSTER-MAP',
  'BASE-MER-W-M',
  'KIT-COFFEE',
  'DRIP-01',
  'FILT-100',
  'WIDGET-DLX-XL-BLU',
  'TEE-CLASSIC',
  'TEE-CLASSIC-OLD',
  'STICKER-01',
  'SAMPLE-SACHET',
  'SERUM-30',
  // The 60 SKUs of order 1017 (more than one 50-line page).
  ...Array.from({ length: 60 }, (_, i) => `BULK-${String(i + 1).padStart(3, '0')}`),
];

/** BC's item list: ids are `a1000000-...-0000000000NN` in list order. */
export const CATALOG: BcItemRecord[] = ITEM_NUMBERS.map((number, index) => ({
  id: `a1000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
  number,
  gtin: '',
  blocked: false,
  type: number === 'GUIDE-BCR-PDF' ? 'Non-Inventory' : 'Inventory',
  displayName: number,
}));

export const itemByNumber = (number: string): BcItemRecord => {
  const item = CATALOG.find((i) => i.number === number);
  if (!item) throw new Error(`no catalog item ${number}`);
  return item;
};

/** Mapping-table rows for the over-long and case-colliding SKUs of order 1015. */
export const SKU_MAPPINGS: SkuMappingRecord[] = [
  { sku: 'WIDGET-DELUXE-EXTRA-LARGE-BLUE', itemId: itemByNumber('WIDGET-DLX-XL-BLU').id },
  { sku: 'tee-classic', itemId: itemByNumber('TEE-CLASSIC-OLD').id },
  { sku: 'TEE-CLASSIC', itemId: itemByNumber('TEE-CLASSIC').id },
];

export const BASE_SETTINGS: OrderSyncSettingsInput = {
  version: 1,
  taxMode: 'store-tax-line',
  taxGroups: { nonTaxable: 'NONTAXABLE', byTaxClassId: {} },
  timeZone: 'America/Chicago',
  accounts: {
    shipping: ACCOUNTS.shipping,
    handling: ACCOUNTS.handling,
    wrapping: ACCOUNTS.wrapping,
    giftCertificateLiability: ACCOUNTS.giftCertificateLiability,
    refunds: ACCOUNTS.refunds,
    storeTax: ACCOUNTS.storeTax,
  },
};

export const BASE_CONTEXT: BcDocumentContext = {
  localCurrencyCode: 'USD',
  bcCurrencyCodes: ['EUR', 'GBP', 'CAD'],
  accounts: Object.fromEntries(Object.values(ACCOUNTS).map((n) => [n, accountId(n)])),
};

export function settingsWith(overrides: Partial<OrderSyncSettingsInput> = {}): OrderSyncSettings {
  const parsed = parseOrderSyncSettings({ ...BASE_SETTINGS, ...overrides });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.settings;
}

export interface OrderScenario {
  readonly raw: unknown;
  readonly settings: OrderSyncSettings;
  readonly context: BcDocumentContext;
}

const UK = { localCurrencyCode: 'GBP', bcCurrencyCodes: ['EUR', 'USD'], accounts: BASE_CONTEXT.accounts };

/** Every order fixture with the connection it is mapped for. */
export const ORDER_SCENARIOS: Record<string, OrderScenario> = {
  'order.guest': {
    raw: guest,
    settings: settingsWith({
      taxMode: 'bc-calculates',
      taxGroups: { items: 'TAXABLE', byTaxClassId: { '2': 'SHIPPING' } },
    }),
    context: BASE_CONTEXT,
  },
  'order.returning-shopper': {
    raw: returningShopper,
    settings: settingsWith({ documentType: 'salesOrder' }),
    context: BASE_CONTEXT,
  },
  'order.coupon': { raw: coupon, settings: settingsWith(), context: BASE_CONTEXT },
  'order.manual-discount': { raw: manualDiscount, settings: settingsWith(), context: BASE_CONTEXT },
  'order.free-shipping': { raw: freeShipping, settings: settingsWith(), context: BASE_CONTEXT },
  'order.several-shipping-addresses': {
    raw: severalShippingAddresses,
    settings: settingsWith(),
    context: BASE_CONTEXT,
  },
  'order.pickup-and-digital': { raw: pickupAndDigital, settings: settingsWith(), context: BASE_CONTEXT },
  'order.tax-inclusive-bc-calculates': {
    raw: taxInclusiveBcCalculates,
    settings: settingsWith({
      taxMode: 'bc-calculates',
      timeZone: 'Europe/London',
      taxGroups: { byTaxClassId: { '2': 'VAT20' } },
    }),
    context: UK,
  },
  'order.tax-inclusive-store-tax-line': {
    raw: taxInclusiveStoreTaxLine,
    settings: settingsWith({ timeZone: 'Europe/London' }),
    context: UK,
  },
  'order.foreign-currency': { raw: foreignCurrency, settings: settingsWith(), context: BASE_CONTEXT },
  'order.gift-certificate-sold': { raw: giftCertificateSold, settings: settingsWith(), context: BASE_CONTEXT },
  'order.gift-certificate-redeemed': { raw: giftCertificateRedeemed, settings: settingsWith(), context: BASE_CONTEXT },
  'order.bundle': { raw: bundle, settings: settingsWith(), context: BASE_CONTEXT },
  'order.long-and-colliding-skus': { raw: longAndCollidingSkus, settings: settingsWith(), context: BASE_CONTEXT },
  'order.zero-price-line': { raw: zeroPriceLine, settings: settingsWith(), context: BASE_CONTEXT },
  'order.more-than-50-lines': { raw: moreThan50Lines, settings: settingsWith(), context: BASE_CONTEXT },
};

/** What a BC adapter would have fetched for the order (planItemLookup + ItemLookupPort) against CATALOG. */
export function lookupData(
  order: StoreOrder,
  settings: OrderSyncSettings,
  mappings: readonly SkuMappingRecord[] = SKU_MAPPINGS,
): ItemLookupData {
  const plan = planItemLookup(order, settings.skuMapping);
  const rows = mappings.filter((m) => plan.skus.includes(m.sku));
  return {
    byNumber: CATALOG.filter((i) => plan.numbers.includes(i.number)),
    byGtin: CATALOG.filter((i) => i.gtin !== '' && plan.gtins.includes(i.gtin)),
    mappings: rows,
    mappedItems: CATALOG.filter((i) => rows.some((m) => m.itemId === i.id)),
  };
}

/** Parses the fixture, resolves its SKUs against CATALOG and maps it: the whole pure pipeline of one order. */
export function runOrderScenario(name: string): {
  order: StoreOrder;
  resolution: ItemResolution;
  result?: SalesDocumentResult;
} {
  const scenario = ORDER_SCENARIOS[name];
  if (!scenario) throw new Error(`unknown scenario ${name}`);
  const parsed = parseStoreOrder(scenario.raw);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const resolution = resolveItems(
    parsed.order,
    scenario.settings.skuMapping,
    lookupData(parsed.order, scenario.settings),
  );
  if (resolution.kind !== 'resolved') return { order: parsed.order, resolution };
  const result = mapOrderToSalesDocument(parsed.order, scenario.settings, CUSTOMER, resolution.items, scenario.context);
  return { order: parsed.order, resolution, result };
}

/** JSON as a golden file holds it: Decimals as exact strings, Maps as objects. */
export function toGoldenJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v)));
}

/** BC invoice ids embed the store order id: `b1000000-...-000000001002` is the invoice of order 1002. */
export const invoiceIdOf = (orderId: number) => `b1000000-0000-4000-8000-${String(orderId).padStart(12, '0')}`;

export interface RefundScenario {
  readonly raw: unknown;
  /** The order scenario refunded; the refund is mapped with that connection's settings. */
  readonly order: string;
}

/** Refund fixtures with the order scenario they refund. */
export const REFUND_SCENARIOS: Record<string, RefundScenario> = {
  'refund.partial': { raw: refundPartial, order: 'order.returning-shopper' },
  'refund.full': { raw: refundFull, order: 'order.coupon' },
};

/** Parses the refund collection and its order, and maps the (single) refund to a credit memo. */
export function runRefundScenario(name: string): { order: StoreOrder; refund: StoreRefund; result: CreditMemoResult } {
  const scenario = REFUND_SCENARIOS[name];
  if (!scenario) throw new Error(`unknown scenario ${name}`);
  const { order, resolution } = runOrderScenario(scenario.order);
  const parsed = parseStoreRefunds(scenario.raw);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const [refund] = parsed.refunds;
  const orderScenario = ORDER_SCENARIOS[scenario.order];
  if (!refund || !orderScenario) throw new Error(`scenario ${name} needs one refund and a known order`);
  const items = resolution.kind === 'resolved' ? resolution.items : new Map();
  const { settings, context } = orderScenario;
  const refundContext = { ...context, invoiceId: invoiceIdOf(order.id), customerId: CUSTOMER.id };
  return { order, refund, result: mapRefundToCreditMemo(refund, order, settings, items, refundContext) };
}
