/** A BC item as the connector needs it (`items?$select=id,number,gtin,blocked,type,displayName`). */
export interface BcItemRecord {
  readonly id: string;
  readonly number: string;
  readonly gtin: string;
  readonly blocked: boolean;
  readonly type: 'Inventory' | 'Service' | 'Non-Inventory';
  readonly displayName: string;
}

/** An explicit SKU -> item link: a row of the mapping table, or a link kept from an earlier resolution. */
export interface SkuMappingRecord {
  /** The store SKU exactly as the store has it (case-sensitive). */
  readonly sku: string;
  readonly itemId: string;
}

/**
 * Reads the adapter does before `resolveItems` runs (declared here, implemented by the BC adapter and the mapping
 * store). `planItemLookup` says which numbers and GTINs to ask for.
 */
export interface ItemLookupPort {
  /** Items whose `number` is one of these (uppercase, at most 20 characters each). */
  findByNumbers(numbers: readonly string[]): Promise<BcItemRecord[]>;
  /** Items whose `gtin` is one of these (digits). */
  findByGtins(gtins: readonly string[]): Promise<BcItemRecord[]>;
  /** Items by id, for mapped SKUs (a renamed item keeps its id). */
  findByIds(ids: readonly string[]): Promise<BcItemRecord[]>;
  /** Mapping-table rows and kept links for these SKUs. */
  mappingsFor(skus: readonly string[]): Promise<SkuMappingRecord[]>;
}
