import type { BcItem } from '@mlc/business-central';
import {
  normaliseItemNumber,
  planItemLookup,
  resolveItems,
  type BcItemRecord,
  type ItemResolution,
  type OrderSyncSettings,
  type SkuMappingRecord,
  type StoreOrder,
} from '@mlc/orders';
import type { WriterBc } from '../bc/writer-bc';
import type { ItemLinkRow, SkuLinksRepository, SkuMappingRow } from '../persistence/sku-links.repository';

export interface ItemRequest {
  readonly connectionId: string;
  readonly settings: OrderSyncSettings;
  readonly bc: WriterBc;
  readonly order: StoreOrder;
}

/**
 * Resolves every SKU of an order before anything is written (DESIGN.md 3.6), with as few BC reads as possible:
 * explicit mappings first, then links kept by item id (trusted for `linkTtlMs`, re-read by id after that), and only
 * the rest looked up by number (one call for all) or GTIN. The decision itself is the domain's `resolveItems`.
 */
export class ItemResolver {
  constructor(
    private readonly repo: SkuLinksRepository,
    private readonly linkTtlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async resolve(req: ItemRequest): Promise<ItemResolution> {
    const mode = req.settings.skuMapping;
    const plan = planItemLookup(req.order, mode);
    const known = await this.known(req, plan.skus);
    const open = plan.skus.filter((s) => !known.mappings.some((m) => m.sku === s));
    const numbers = plan.numbers.filter((n) => open.some((s) => normaliseItemNumber(s) === n));
    const gtins = plan.gtins.filter((g) => open.some((s) => s.trim() === g));
    const byNumber = numbers.length > 0 ? (await req.bc.api.items.byNumbers(numbers)).map(toRecord) : [];
    const byGtin: BcItemRecord[] = [];
    for (const gtin of gtins) byGtin.push(...(await req.bc.api.items.byGtin(gtin)).map(toRecord));
    const data = { byNumber, byGtin, mappings: known.mappings, mappedItems: known.items };
    const resolution = resolveItems(req.order, mode, data);
    if (resolution.kind === 'resolved') await this.keep(req.connectionId, resolution, known.trusted);
    return resolution;
  }

  /** Forgets the links of an order's SKUs (BC refused a document built with them). */
  async forget(connectionId: string, skus: readonly string[]): Promise<void> {
    await this.repo.forgetLinks(connectionId, skus);
  }

  /**
   * SKUs with a mapping row or a kept link, and the items behind them. A fresh link with the same item stands in
   * for a BC read; anything else is read by id (or by number for a mapping that names only the number). A kept link
   * whose item is gone or blocked is dropped, so the SKU goes through the mode's rule again.
   */
  private async known(req: ItemRequest, skus: readonly string[]) {
    const rows = await this.repo.mappings(req.connectionId, skus);
    const links = await this.repo.links(req.connectionId, skus);
    const fresh = (sku: string, itemId: string | null) =>
      links.find((l) => l.sku === sku && (itemId === null || l.itemId === itemId) && this.isFresh(l));
    const mappings: SkuMappingRecord[] = [];
    const items: BcItemRecord[] = [];
    const trusted = new Set<string>();
    for (const row of rows) {
      const link = row.itemId ? fresh(row.sku, row.itemId) : undefined;
      const item = link ? linkRecord(link) : await this.mappedItem(req, row);
      if (link) trusted.add(row.sku);
      if (item) items.push(item);
      const itemId = row.itemId ?? item?.id;
      if (itemId) mappings.push({ sku: row.sku, itemId });
    }
    for (const link of links.filter((l) => !rows.some((r) => r.sku === l.sku))) {
      const item = this.isFresh(link) ? linkRecord(link) : await this.reread(req, link);
      if (!item) continue;
      if (this.isFresh(link)) trusted.add(link.sku);
      items.push(item);
      mappings.push({ sku: link.sku, itemId: link.itemId });
    }
    return { mappings, items, trusted };
  }

  private async mappedItem(req: ItemRequest, row: SkuMappingRow): Promise<BcItemRecord | undefined> {
    const item = row.itemId
      ? await req.bc.api.items.byId(row.itemId)
      : await req.bc.api.items.byNumber(row.itemNumber.toUpperCase());
    if (item && !row.itemId) await this.repo.completeMapping(req.connectionId, row.sku, item.id);
    return item ? toRecord(item) : undefined;
  }

  private async reread(req: ItemRequest, link: ItemLinkRow): Promise<BcItemRecord | undefined> {
    const item = await req.bc.api.items.byId(link.itemId);
    if (item && !item.blocked) return toRecord(item);
    await this.repo.forgetLinks(req.connectionId, [link.sku]);
    return undefined;
  }

  private isFresh(link: ItemLinkRow): boolean {
    return this.now() - link.verifiedAt.getTime() < this.linkTtlMs;
  }

  /** Keeps every resolution that was not served by a trusted link (new ones, and those just re-read). */
  private async keep(connectionId: string, resolution: Extract<ItemResolution, { kind: 'resolved' }>, trusted: Set<string>) {
    const keep = [...resolution.items]
      .filter(([sku]) => !trusted.has(sku))
      .map(([sku, r]) => ({ sku, itemId: r.itemId, itemNumber: r.number, via: r.via }));
    if (keep.length > 0) await this.repo.keepLinks(connectionId, keep);
  }
}

function toRecord(item: BcItem): BcItemRecord {
  return {
    id: item.id,
    number: item.number,
    gtin: item.gtin ?? '',
    blocked: item.blocked,
    type: item.type,
    displayName: item.displayName,
  };
}

/** A trusted link stands in for the item it names (verified non-blocked when it was kept or re-read). */
function linkRecord(link: ItemLinkRow): BcItemRecord {
  return { id: link.itemId, number: link.itemNumber, gtin: '', blocked: false, type: 'Inventory', displayName: '' };
}
