import { Decimal } from '@mlc/platform-money';
import { BC_LENGTHS, bcText } from '../documents/bc-text';
import { ParkSignal, type BuildLog } from '../documents/build-context';
import { optionalTaxCode, type ResolvedItems } from '../documents/item-lines';
import { grossAmount, orderDiscountShares } from '../documents/order-discounts';
import type { DocumentLine } from '../documents/sales-document';
import { taxCodeFor } from '../documents/tax-codes';
import type { StoreCharge, StoreOrder, StoreOrderLine } from '../model/store-order';
import type { StoreRefund, StoreRefundItem } from '../model/store-refund';
import type { OrderSyncSettings } from '../settings/order-sync-settings';
import { fmt } from '../documents/format-amount';

type DraftLine = Omit<DocumentLine, 'sequence'>;

interface RefundInputs {
  readonly order: StoreOrder;
  readonly settings: OrderSyncSettings;
  readonly items: ResolvedItems;
  readonly log: BuildLog;
  readonly discounts: ReadonlyMap<number, Decimal>;
}

/**
 * One credit memo line per refunded item, priced from the order the way the invoice priced it: a product refund is
 * quantity x the invoice's unit price less the invoice line's discount in proportion to the quantity (less any
 * refund adjustment). Products go to `accounts.refunds` (an API refund does not restock the store), or back to the
 * item with `refundLines: 'item-return'`; shipping, handling and wrapping reverse their own accounts; order-level
 * and fee amounts go to `accounts.refunds` untaxed. TAX items are carried by the tax line (store-tax-line mode).
 */
export function buildRefundLines(
  refund: StoreRefund,
  order: StoreOrder,
  settings: OrderSyncSettings,
  items: ResolvedItems,
  log: BuildLog,
): DraftLine[] {
  const shares = orderDiscountShares(order, false);
  if (!shares.ok) throw new ParkSignal('UNEXPLAINED_DIFFERENCE', shares.detail);
  const inputs: RefundInputs = { order, settings, items, log, discounts: shares.perLine };
  return refund.items.flatMap((item) => refundItemLines(item, inputs));
}

function refundItemLines(item: StoreRefundItem, inputs: RefundInputs): DraftLine[] {
  switch (item.type) {
    case 'PRODUCT':
      return productLine(item, inputs);
    case 'GIFT_WRAPPING':
      return wrappingLine(item, inputs);
    case 'SHIPPING':
      return chargeRefundLine(item, inputs, 'shipping', inputs.order.shipping);
    case 'HANDLING':
      return chargeRefundLine(item, inputs, 'handling', inputs.order.handling);
    case 'ORDER':
    case 'FEE':
      return [amountLine(item, inputs)];
    case 'TAX':
      return taxItemLine(item, inputs);
  }
}

function productLine(item: StoreRefundItem, { order, settings, items, log, discounts }: RefundInputs): DraftLine[] {
  const line = orderLine(order, item);
  const quantity = item.quantity ?? 0;
  if (quantity === 0) {
    log.note('REFUND_ITEM', `PRODUCT ${item.itemId} with quantity 0: no line`);
    return [];
  }
  if (quantity > line.quantity) {
    throw new ParkSignal(
      'REFUND_ITEM_NOT_IN_ORDER',
      `refund of ${quantity} x store line ${line.id}, which has ${line.quantity}`,
    );
  }
  const invoiceDiscount = discounts.get(line.id) ?? Decimal.ZERO;
  const share = invoiceDiscount.times(quantity).dividedBy(line.quantity).round(2);
  const discount = share.minus(item.adjustment);
  const gross = grossAmount(line, quantity);
  log.note(
    'REFUND_ITEM',
    `PRODUCT line ${line.id} SKU ${line.sku}: ${quantity} x ${fmt(line.priceExTax.round(5))} = ${gross.toFixed(2)}` +
      ` - discount ${share.toFixed(2)} (${invoiceDiscount.toFixed(2)} x ${quantity}/${line.quantity})` +
      (item.adjustment.isZero() ? '' : ` - adjustment ${item.adjustment.negated().toFixed(2)}`) +
      ` = ${gross.minus(discount).toFixed(2)}`,
  );
  return [
    {
      ...productTarget(line, settings, items, log),
      description: bcText(`Refund: ${line.name}`, BC_LENGTHS.description),
      quantity: Decimal.from(quantity),
      unitPrice: line.priceExTax.round(5),
      ...(discount.isZero() ? {} : { discountAmount: discount }),
      source: { kind: line.type === 'giftcertificate' ? 'gift-certificate' : 'product', storeLineId: line.id },
    },
  ];
}

function productTarget(line: StoreOrderLine, settings: OrderSyncSettings, items: ResolvedItems, log: BuildLog) {
  if (line.type === 'giftcertificate') {
    const accountId = log.accountId('giftCertificateLiability', 'refunding a sold gift certificate');
    return { lineType: 'Account' as const, accountId, ...optionalTaxCode(taxCodeFor(settings, 'gift-certificate')) };
  }
  if (settings.refundLines === 'item-return') {
    const item = items.get(line.sku);
    if (!item) throw new ParkSignal('ITEM_NOT_RESOLVED', `SKU "${line.sku}" of store line ${line.id} has no BC item`);
    return { lineType: 'Item' as const, itemId: item.itemId, ...optionalTaxCode(taxCodeFor(settings, 'item')) };
  }
  const accountId = log.accountId('refunds', 'product refunds');
  return { lineType: 'Account' as const, accountId, ...optionalTaxCode(taxCodeFor(settings, 'item')) };
}

function wrappingLine(item: StoreRefundItem, { order, settings, log }: RefundInputs): DraftLine[] {
  const line = orderLine(order, item);
  const quantity = item.quantity ?? line.quantity;
  const amount = (
    item.requestedAmount ?? line.wrappingExTax.times(quantity).dividedBy(Math.max(line.quantity, 1))
  ).round(2);
  log.note('REFUND_ITEM', `GIFT_WRAPPING of line ${line.id}: ${amount.toFixed(2)} on accounts.wrapping`);
  if (amount.isZero()) return [];
  return [
    accountLine(
      log.accountId('wrapping', 'a wrapping refund'),
      'Refund: gift wrapping',
      amount,
      taxCodeFor(settings, 'charge', order.wrapping.taxClassId),
      { kind: 'wrapping' },
    ),
  ];
}

/** Shipping and handling refunds are amounts in the store's price basis; tax-inclusive stores are converted to ex tax. */
function chargeRefundLine(
  item: StoreRefundItem,
  { order, settings, log }: RefundInputs,
  kind: 'shipping' | 'handling',
  charge: StoreCharge,
): DraftLine[] {
  const requested = item.requestedAmount ?? Decimal.ZERO;
  const exTax =
    order.taxInclusivePricing && !charge.incTax.isZero()
      ? requested.times(charge.exTax).dividedBy(charge.incTax).round(2)
      : requested;
  log.note(
    'REFUND_ITEM',
    `${item.type} ${requested.toFixed(2)}${order.taxInclusivePricing ? ` inc tax = ${exTax.toFixed(2)} ex tax` : ''} on accounts.${kind}`,
  );
  if (exTax.isZero()) return [];
  const source = kind === 'shipping' ? { kind, consignmentId: item.itemId } : { kind };
  return [
    accountLine(
      log.accountId(kind, `a ${kind} refund`),
      `Refund: ${kind}`,
      exTax,
      taxCodeFor(settings, 'charge', charge.taxClassId),
      source,
    ),
  ];
}

function amountLine(item: StoreRefundItem, { settings, log }: RefundInputs): DraftLine {
  const amount = item.requestedAmount ?? Decimal.ZERO;
  log.note('REFUND_ITEM', `${item.type} amount ${amount.toFixed(2)} (tax-exempt) on accounts.refunds`);
  const label = item.type === 'FEE' ? 'Refund: fee' : 'Refund: order amount';
  return accountLine(
    log.accountId('refunds', 'order-level refunds'),
    label,
    amount,
    taxCodeFor(settings, 'refund-amount'),
    { kind: 'refund-amount' },
  );
}

function taxItemLine(item: StoreRefundItem, { settings, log }: RefundInputs): DraftLine[] {
  const amount = item.requestedAmount ?? Decimal.ZERO;
  if (settings.taxMode === 'store-tax-line') {
    log.note('REFUND_ITEM', `TAX ${amount.toFixed(2)} is part of the refund's total_tax, carried by the tax line`);
    return [];
  }
  log.note(
    'REFUND_ITEM',
    `TAX ${amount.toFixed(2)} as a G/L line on accounts.storeTax (BC has no taxable base for it)`,
  );
  return [
    accountLine(log.accountId('storeTax', 'a tax refund'), 'Refund: tax', amount, taxCodeFor(settings, 'store-tax'), {
      kind: 'store-tax',
    }),
  ];
}

function orderLine(order: StoreOrder, item: StoreRefundItem): StoreOrderLine {
  const line = order.lines.find((l) => l.id === item.itemId);
  if (!line)
    throw new ParkSignal(
      'REFUND_ITEM_NOT_IN_ORDER',
      `${item.type} refund names store line ${item.itemId}, which the order does not have`,
    );
  return line;
}

export function accountLine(
  accountId: string,
  description: string,
  amount: Decimal,
  taxCode: string | undefined,
  source: DocumentLine['source'],
): DraftLine {
  return {
    lineType: 'Account',
    accountId,
    description,
    quantity: Decimal.from(1),
    unitPrice: amount,
    ...optionalTaxCode(taxCode),
    source,
  };
}
