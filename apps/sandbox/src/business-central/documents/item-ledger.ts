import { Decimal } from '@mlc/platform-money';
import { dialogError } from '../api/bc-error';
import type { RequestContext } from '../resources/entity-set';
import type { Row } from '../store/table';

export interface LedgerPosting {
  readonly entryType: 'Sale' | 'Positive Adjmt.' | 'Negative Adjmt.';
  /** Signed: negative leaves stock. */
  readonly quantity: Decimal;
  readonly postingDate: string;
  readonly documentType: string;
  readonly documentNumber: string;
  readonly sourceType: ' ' | 'Customer';
  readonly sourceNumber: string;
  readonly description: string;
  readonly salesAmount: Decimal;
}

/**
 * Posts an item ledger entry and moves the item's inventory. Inventory is a FlowField in BC: the item record is not
 * modified, so its `lastModifiedDateTime` and ETag stay the same and no `items` notification fires.
 */
export function postItemLedgerEntry(ctx: RequestContext, item: Row, posting: LedgerPosting): Row {
  const number = item.data.number as string;
  if (item.data.type !== 'Inventory') {
    throw dialogError(`Type must be equal to 'Inventory'  in Item: No.=${number}. Current value is '${String(item.data.type)}'.`);
  }
  const current = (item.data.inventory as Decimal | undefined) ?? Decimal.ZERO;
  const next = current.plus(posting.quantity);
  if (next.isNegative() && posting.quantity.isNegative() && ctx.env.settings.preventNegativeInventory) {
    throw dialogError(`You have insufficient quantity of Item ${number} on inventory.`);
  }
  const unitCost = (item.data.unitCost as Decimal | undefined) ?? Decimal.ZERO;
  const entry = ctx.company.itemLedgerEntries.insert({
    entryNumber: ctx.company.series.nextEntryNumber(),
    itemNumber: number,
    itemId: item.id,
    postingDate: posting.postingDate,
    entryType: posting.entryType,
    sourceNumber: posting.sourceNumber,
    sourceType: posting.sourceType,
    documentNumber: posting.documentNumber,
    documentType: posting.documentType,
    description: posting.description,
    quantity: posting.quantity,
    salesAmountActual: posting.salesAmount,
    costAmountActual: unitCost.times(posting.quantity).round(2),
  });
  ctx.company.items.patch(item, { inventory: next }, { silent: true });
  return entry;
}

export function hasLedgerEntries(ctx: RequestContext, item: Row): boolean {
  return ctx.company.itemLedgerEntries.groupOf('itemId', item.id).length > 0;
}
