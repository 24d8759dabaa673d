import { Decimal } from '@mlc/platform-money';
import type { StoreOrder, StoreOrderLine } from '../model/store-order';
import type { OrderSyncSettings } from '../settings/order-sync-settings';
import { BC_LENGTHS, bcText } from './bc-text';
import { ParkSignal, type BuildLog } from './build-context';
import { grossAmount, orderDiscountShares } from './order-discounts';
import type { DocumentLine } from './sales-document';
import { taxCodeFor } from './tax-codes';
import { fmt } from './format-amount';

/** A store SKU resolved to a BC item (see resolve-items.ts). Keyed by the SKU exactly as the store has it. */
export interface ResolvedItem {
  readonly itemId: string;
  readonly number: string;
}
export type ResolvedItems = ReadonlyMap<string, ResolvedItem>;

type DraftLine = Omit<DocumentLine, 'sequence'>;

/**
 * Item lines for products and G/L lines for sold gift certificates, in store line order, with the order's
 * discounts as BC line discounts.
 *
 * Discounts are written as line `discountAmount`, not as the header's invoice discount: BigCommerce already split
 * every discount per line (`applied_discounts`) and computed tax on the discounted lines, while BC would re-split an
 * invoice discount by its own rules (only over lines that allow invoice discount, G/L lines included) and so move
 * tax between lines. With `accounts.discounts` set, order-level discounts go to one negative G/L line instead and
 * only product-level discounts stay on the lines.
 */
export function buildItemLines(
  order: StoreOrder,
  settings: OrderSyncSettings,
  items: ResolvedItems,
  log: BuildLog,
): DraftLine[] {
  const lines: DraftLine[] = [];
  for (const line of order.lines) {
    if (line.quantity === 0) {
      log.note('LINE', `store line ${line.id} has quantity 0: no document line`);
    } else if (line.type === 'giftcertificate') {
      lines.push(giftCertificateLine(line, settings, log));
    } else {
      lines.push(itemLine(line, order, settings, items, log));
    }
  }
  return applyDiscounts(lines, order, settings, log);
}

function itemLine(
  line: StoreOrderLine,
  order: StoreOrder,
  settings: OrderSyncSettings,
  items: ResolvedItems,
  log: BuildLog,
): DraftLine {
  const item = items.get(line.sku);
  if (!item) throw new ParkSignal('ITEM_NOT_RESOLVED', `SKU "${line.sku}" of store line ${line.id} has no BC item`);
  const unitPrice = line.priceExTax.round(5);
  log.note(
    'LINE',
    `store line ${line.id} SKU ${line.sku} -> item ${item.number}: ${line.quantity} x ${fmt(unitPrice)} = ${grossAmount(line).toFixed(2)}`,
  );
  const parent = line.parentLineId === null ? undefined : order.lines.find((l) => l.id === line.parentLineId);
  if (parent)
    log.note(
      'BUNDLE',
      `store line ${line.id} (SKU ${line.sku}) is part of bundle line ${parent.id}; kept as its own item line so BC stock moves`,
    );
  if (unitPrice.isZero())
    log.note(
      'ZERO_PRICE_LINE',
      `store line ${line.id} (SKU ${line.sku}) has price 0: item line at unit price 0 so BC stock moves`,
    );
  const options = line.options.map((o) => `${o.name}: ${o.value}`).join(', ');
  const description2 = parent ? `In bundle: ${parent.name}` : options;
  return {
    lineType: 'Item',
    itemId: item.itemId,
    description: bcText(line.name, BC_LENGTHS.description),
    ...(description2 ? { description2: bcText(description2, BC_LENGTHS.description2) } : {}),
    quantity: Decimal.from(line.quantity),
    unitPrice,
    ...optionalTaxCode(taxCodeFor(settings, 'item')),
    source: { kind: 'product', storeLineId: line.id },
  };
}

function giftCertificateLine(line: StoreOrderLine, settings: OrderSyncSettings, log: BuildLog): DraftLine {
  const accountId = log.accountId('giftCertificateLiability', 'an order that sells a gift certificate');
  log.note(
    'GIFT_CERTIFICATE_SOLD',
    `store line ${line.id}: gift certificate ${line.quantity} x ${line.priceExTax.toFixed(2)} to the liability account, not taxable`,
  );
  return {
    lineType: 'Account',
    accountId,
    description: bcText(line.name, BC_LENGTHS.description),
    quantity: Decimal.from(line.quantity),
    unitPrice: line.priceExTax.round(5),
    ...optionalTaxCode(taxCodeFor(settings, 'gift-certificate')),
    source: { kind: 'gift-certificate', storeLineId: line.id },
  };
}

function applyDiscounts(
  lines: DraftLine[],
  order: StoreOrder,
  settings: OrderSyncSettings,
  log: BuildLog,
): DraftLine[] {
  const toGl = settings.accounts.discounts !== undefined;
  const shares = orderDiscountShares(order, toGl);
  if (!shares.ok) throw new ParkSignal('UNEXPLAINED_DIFFERENCE', shares.detail);
  if (shares.onLines.isZero() && shares.offLines.isZero() && shares.notes.length === 0) return lines;
  const listed = [...shares.perLine]
    .filter(([, cents]) => !cents.isZero())
    .map(([id, cents]) => `line ${id} ${cents.toFixed(2)}`);
  log.note(
    'DISCOUNT_ALLOCATION',
    `discounts ${shares.onLines.toFixed(2)} as line discounts: ${listed.join(', ') || 'none'}`,
  );
  for (const note of shares.notes) log.note('DISCOUNT_ALLOCATION', note);

  const withDiscounts = lines.map((line) => {
    const cents = line.source.kind === 'product' ? shares.perLine.get(line.source.storeLineId) : undefined;
    return cents && !cents.isZero() ? { ...line, discountAmount: cents } : line;
  });
  if (shares.offLines.isZero()) return withDiscounts;
  log.note(
    'DISCOUNT_ALLOCATION',
    `order-level discounts ${shares.offLines.toFixed(2)} as one negative line on accounts.discounts`,
  );
  return [
    ...withDiscounts,
    {
      lineType: 'Account',
      accountId: log.accountId('discounts', 'order-level discounts'),
      description: 'Order discount',
      quantity: Decimal.from(1),
      unitPrice: shares.offLines.negated(),
      ...optionalTaxCode(taxCodeFor(settings, 'discount')),
      source: { kind: 'order-discount' },
    },
  ];
}

export function optionalTaxCode(taxCode: string | undefined): { taxCode?: string } {
  return taxCode ? { taxCode } : {};
}
