import { Decimal } from '@mlc/platform-money';
import type { StoreCharge, StoreOrder } from '../model/store-order';
import type { OrderSyncSettings } from '../settings/order-sync-settings';
import { BC_LENGTHS, bcText } from './bc-text';
import type { BuildLog } from './build-context';
import { optionalTaxCode } from './item-lines';
import type { DocumentLine } from './sales-document';
import { taxCodeFor } from './tax-codes';
import { fmt } from './format-amount';

type DraftLine = Omit<DocumentLine, 'sequence'>;

/**
 * Shipping, handling and wrapping as G/L account lines at their ex-tax amounts. Shipping gets one line per shipping
 * consignment when the consignments add up to the order's shipping cost (several ship-to addresses stay visible),
 * otherwise one line for the order's figure. Zero charges get no line.
 */
export function buildChargeLines(order: StoreOrder, settings: OrderSyncSettings, log: BuildLog): DraftLine[] {
  return [
    ...shippingLines(order, settings, log),
    ...chargeLine(order.handling, 'handling', 'Handling', settings, log),
    ...chargeLine(order.wrapping, 'wrapping', 'Gift wrapping', settings, log),
  ];
}

function shippingLines(order: StoreOrder, settings: OrderSyncSettings, log: BuildLog): DraftLine[] {
  const total = order.shipping.exTax;
  if (total.isZero()) {
    log.note('SHIPPING', 'shipping cost is 0 (free shipping or no shipment): no shipping line');
    return [];
  }
  const consignments = order.shippingConsignments.filter((c) => !c.costExTax.isZero());
  const sum = Decimal.sum(consignments.map((c) => c.costExTax));
  if (consignments.length < 2 || !sum.eq(total)) {
    return chargeLine(order.shipping, 'shipping', shippingDescription(order), settings, log);
  }
  const accountId = log.accountId('shipping', 'an order with a shipping cost');
  log.note(
    'SHIPPING',
    `${consignments.length} shipping consignments: one line each (${consignments.map((c) => c.costExTax.toFixed(2)).join(' + ')} = ${total.toFixed(2)})`,
  );
  return consignments.map((c, index) => ({
    lineType: 'Account',
    accountId,
    description: bcText(
      `Shipping ${index + 1}/${consignments.length}: ${c.shippingMethod || 'shipping'}`,
      BC_LENGTHS.description,
    ),
    description2: bcText(
      `To ${[c.address.city, c.address.countryIso2].filter(Boolean).join(', ')}`,
      BC_LENGTHS.description2,
    ),
    quantity: Decimal.from(1),
    unitPrice: c.costExTax.round(5),
    ...optionalTaxCode(taxCodeFor(settings, 'charge', c.taxClassId ?? order.shipping.taxClassId)),
    source: { kind: 'shipping', consignmentId: c.id },
  }));
}

function chargeLine(
  charge: StoreCharge,
  kind: 'shipping' | 'handling' | 'wrapping',
  description: string,
  settings: OrderSyncSettings,
  log: BuildLog,
): DraftLine[] {
  if (charge.exTax.isZero()) return [];
  const accountId = log.accountId(kind, `an order with a ${kind} cost`);
  const code = kind === 'shipping' ? 'SHIPPING' : kind === 'handling' ? 'HANDLING' : 'WRAPPING';
  log.note(code, `${kind} ${fmt(charge.exTax)} ex tax (tax class ${charge.taxClassId ?? 'none'}) on accounts.${kind}`);
  return [
    {
      lineType: 'Account',
      accountId,
      description: bcText(description, BC_LENGTHS.description),
      quantity: Decimal.from(1),
      unitPrice: charge.exTax.round(5),
      ...optionalTaxCode(taxCodeFor(settings, 'charge', charge.taxClassId)),
      source: kind === 'shipping' ? { kind, consignmentId: null } : { kind },
    },
  ];
}

function shippingDescription(order: StoreOrder): string {
  const methods = [...new Set(order.shippingConsignments.map((c) => c.shippingMethod).filter(Boolean))];
  return methods.length > 0 ? `Shipping: ${methods.join(', ')}` : 'Shipping';
}
