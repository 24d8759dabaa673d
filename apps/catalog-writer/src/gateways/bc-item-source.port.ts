import type { BcItemRef, BcItemSnapshot } from '@mlc/catalog';

/** A BC item as read for a push: the plan's snapshot plus the GTIN the SKU map may match on. */
export type BcItemRead = BcItemSnapshot & { readonly gtin?: string };

/** One sales order line as BC reports it (sales-order mode reads shipped quantities back). */
export interface BcOrderLine {
  readonly itemId?: string;
  readonly quantity: string;
  readonly shippedQuantity: string;
}

/** A connector sales order as BC holds it now; `undefined` from the source when BC no longer has it. */
export interface BcSalesOrderState {
  readonly id: string;
  readonly lastModifiedAt: number;
  readonly lines: readonly BcOrderLine[];
}

/** What catalog-writer reads from Business Central. */
export interface BcItemSource {
  /** Current items among `ids` (a deleted item is absent), each stamped with when its request started. */
  readItems(ids: readonly string[]): Promise<BcItemRead[]>;
  /** Every item, page by page (the stock scan's `$select`). */
  readAll(): AsyncIterable<readonly BcItemRead[]>;
  /** Items whose number or GTIN is one of `keys` (new store SKUs looking for their item). */
  findByKeys(mode: 'item-number' | 'gtin', keys: readonly string[]): Promise<BcItemRead[]>;
  /** BC's local currency code, when BC shows it (a customer billed in local currency). */
  localCurrency(): Promise<string | undefined>;
  salesOrder(id: string): Promise<BcSalesOrderState | undefined>;
}

export function itemRefOf(item: BcItemRead): BcItemRef {
  return {
    id: item.id,
    number: item.number,
    ...(item.gtin ? { gtin: item.gtin } : {}),
    type: item.type,
    blocked: item.blocked,
  };
}
