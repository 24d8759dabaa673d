import type { ResolvedItem } from './documents/item-lines';
import { BC_LENGTHS } from './documents/bc-text';
import type { StoreOrder } from './model/store-order';
import type { BcItemRecord, SkuMappingRecord } from './ports/item-lookup.port';
import type { OrderSyncSettings } from './settings/order-sync-settings';

export type SkuMappingMode = OrderSyncSettings['skuMapping'];

export type UnresolvedReason =
  | 'missing-sku'
  | 'too-long'
  | 'case-collision'
  | 'not-a-gtin'
  | 'not-found'
  | 'ambiguous'
  | 'blocked'
  | 'not-mapped'
  | 'mapped-item-missing';

export interface UnresolvedSku {
  readonly sku: string;
  readonly storeLineIds: readonly number[];
  readonly reason: UnresolvedReason;
  readonly detail: string;
}

export interface ResolvedSku extends ResolvedItem {
  readonly via: 'mapping' | 'item-number' | 'gtin';
}

export type ItemResolution =
  | { readonly kind: 'resolved'; readonly items: ReadonlyMap<string, ResolvedSku> }
  | { readonly kind: 'NEEDS_MAPPING'; readonly unresolved: readonly UnresolvedSku[] };

/** What the adapter fetched through ItemLookupPort. */
export interface ItemLookupData {
  readonly byNumber: readonly BcItemRecord[];
  readonly byGtin: readonly BcItemRecord[];
  readonly mappings: readonly SkuMappingRecord[];
  /** The items the mappings point at. */
  readonly mappedItems: readonly BcItemRecord[];
}

interface SkuUse {
  readonly sku: string;
  readonly storeLineIds: number[];
}

/** BC item numbers are Code[20]: the store SKU trimmed and uppercased. */
export function normaliseItemNumber(sku: string): string {
  return sku.trim().toUpperCase();
}

/** The SKUs an order needs items for: product lines with a quantity (gift certificates go to a G/L account). */
export function skusToResolve(order: StoreOrder): SkuUse[] {
  const bySku = new Map<string, SkuUse>();
  for (const line of order.lines) {
    if (line.type === 'giftcertificate' || line.quantity === 0) continue;
    const use = bySku.get(line.sku) ?? { sku: line.sku, storeLineIds: [] };
    use.storeLineIds.push(line.id);
    bySku.set(line.sku, use);
  }
  return [...bySku.values()];
}

/** Which item numbers and GTINs to fetch for an order (the SKUs themselves go to `mappingsFor`). */
export function planItemLookup(
  order: StoreOrder,
  mode: SkuMappingMode,
): { skus: string[]; numbers: string[]; gtins: string[] } {
  const skus = skusToResolve(order).map((use) => use.sku);
  const numbers = mode === 'item-number' ? skus.map(normaliseItemNumber).filter(fitsItemNumber) : [];
  const gtins = mode === 'gtin' ? skus.map((s) => s.trim()).filter(isGtin) : [];
  return { skus, numbers: [...new Set(numbers)], gtins: [...new Set(gtins)] };
}

/**
 * Resolves every SKU of the order to a non-blocked BC item, or lists every SKU that needs a mapping and why: no
 * partial documents. An explicit mapping (table row or kept link) wins in every mode; then the mode's rule applies.
 * In item-number mode a SKU longer than 20 characters, or two store SKUs that differ only in case (BC numbers are
 * uppercase, so both would land on one item), can only be resolved by a mapping.
 */
export function resolveItems(order: StoreOrder, mode: SkuMappingMode, data: ItemLookupData): ItemResolution {
  const uses = skusToResolve(order);
  const collisions = caseCollisions(uses);
  const resolved = new Map<string, ResolvedSku>();
  const unresolved: UnresolvedSku[] = [];
  for (const use of uses) {
    const outcome = resolveOne(use, mode, data, collisions);
    if ('reason' in outcome) unresolved.push({ sku: use.sku, storeLineIds: use.storeLineIds, ...outcome });
    else resolved.set(use.sku, outcome);
  }
  return unresolved.length > 0 ? { kind: 'NEEDS_MAPPING', unresolved } : { kind: 'resolved', items: resolved };
}

type Outcome = ResolvedSku | { reason: UnresolvedReason; detail: string };

function resolveOne(use: SkuUse, mode: SkuMappingMode, data: ItemLookupData, collisions: ReadonlySet<string>): Outcome {
  const mapping = data.mappings.find((m) => m.sku === use.sku);
  if (mapping) {
    const item = data.mappedItems.find((i) => i.id === mapping.itemId);
    if (!item)
      return { reason: 'mapped-item-missing', detail: `mapped to item id ${mapping.itemId}, which BC no longer has` };
    return usable(item, 'mapping');
  }
  if (use.sku.trim() === '') return { reason: 'missing-sku', detail: 'the store line has no SKU' };
  if (mode === 'mapping-table')
    return { reason: 'not-mapped', detail: 'skuMapping is mapping-table and the SKU has no row' };
  if (mode === 'gtin') return byGtin(use.sku.trim(), data.byGtin);
  const number = normaliseItemNumber(use.sku);
  if (!fitsItemNumber(number))
    return { reason: 'too-long', detail: `${number.length} characters; BC item numbers hold ${BC_LENGTHS.itemNumber}` };
  if (collisions.has(number))
    return {
      reason: 'case-collision',
      detail: `another SKU of the order differs only in case; both would be item ${number}`,
    };
  const item = data.byNumber.find((i) => i.number.toUpperCase() === number);
  return item ? usable(item, 'item-number') : { reason: 'not-found', detail: `no BC item numbered ${number}` };
}

function byGtin(gtin: string, items: readonly BcItemRecord[]): Outcome {
  if (!isGtin(gtin)) return { reason: 'not-a-gtin', detail: 'skuMapping is gtin and the SKU is not 8 to 14 digits' };
  const matches = items.filter((i) => stripZeros(i.gtin) === stripZeros(gtin));
  const [match] = matches;
  if (!match) return { reason: 'not-found', detail: `no BC item with GTIN ${gtin}` };
  if (matches.length > 1)
    return { reason: 'ambiguous', detail: `GTIN ${gtin} is on items ${matches.map((i) => i.number).join(', ')}` };
  return usable(match, 'gtin');
}

function usable(item: BcItemRecord, via: ResolvedSku['via']): Outcome {
  if (item.blocked) return { reason: 'blocked', detail: `BC item ${item.number} is blocked` };
  return { itemId: item.id, number: item.number, via };
}

function caseCollisions(uses: readonly SkuUse[]): Set<string> {
  const seen = new Map<string, Set<string>>();
  for (const { sku } of uses) {
    const number = normaliseItemNumber(sku);
    seen.set(number, (seen.get(number) ?? new Set()).add(sku.trim()));
  }
  return new Set([...seen].filter(([, variants]) => variants.size > 1).map(([number]) => number));
}

function fitsItemNumber(number: string): boolean {
  return number !== '' && number.length <= BC_LENGTHS.itemNumber;
}

function isGtin(value: string): boolean {
  return /^\d{8,14}$/.test(value);
}

function stripZeros(gtin: string): string {
  return gtin.replace(/^0+/, '');
}
