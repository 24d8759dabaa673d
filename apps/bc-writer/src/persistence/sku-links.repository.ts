import type { DataSource } from '@mlc/platform-persistence';

/** A row of the mapping table (written by `ml-connector mappings sku`); the item id is filled on first use if absent. */
export interface SkuMappingRow {
  readonly sku: string;
  readonly itemId: string | null;
  readonly itemNumber: string;
}

/** A SKU resolved earlier, kept by BC item id so a renamed item keeps working. */
export interface ItemLinkRow {
  readonly sku: string;
  readonly itemId: string;
  readonly itemNumber: string;
  readonly verifiedAt: Date;
}

/** sku_mappings (explicit, operator-owned) and item_links (kept resolutions, bc-writer-owned). */
export class SkuLinksRepository {
  constructor(private readonly db: DataSource) {}

  async mappings(connectionId: string, skus: readonly string[]): Promise<SkuMappingRow[]> {
    if (skus.length === 0) return [];
    const rows: Array<{ sku: string; bc_item_id: string | null; bc_item_number: string }> = await this.db.query(
      `select sku, bc_item_id, bc_item_number from sku_mappings where connection_id = $1 and sku = any($2::text[])`,
      [connectionId, [...skus]],
    );
    return rows.map((r) => ({ sku: r.sku, itemId: r.bc_item_id, itemNumber: r.bc_item_number }));
  }

  async links(connectionId: string, skus: readonly string[]): Promise<ItemLinkRow[]> {
    if (skus.length === 0) return [];
    const rows: Array<{ sku: string; bc_item_id: string; bc_item_number: string; verified_at: Date }> =
      await this.db.query(
        `select sku, bc_item_id, bc_item_number, verified_at from item_links
         where connection_id = $1 and sku = any($2::text[])`,
        [connectionId, [...skus]],
      );
    return rows.map((r) => ({ sku: r.sku, itemId: r.bc_item_id, itemNumber: r.bc_item_number, verifiedAt: r.verified_at }));
  }

  /** Records the item id behind a mapping that named only the item number. */
  async completeMapping(connectionId: string, sku: string, itemId: string): Promise<void> {
    await this.db.query(`update sku_mappings set bc_item_id = $3 where connection_id = $1 and sku = $2`, [
      connectionId,
      sku,
      itemId,
    ]);
  }

  /** Keeps (or re-verifies) links; `via` says which rule resolved the SKU. */
  async keepLinks(
    connectionId: string,
    links: ReadonlyArray<{ sku: string; itemId: string; itemNumber: string; via: string }>,
  ): Promise<void> {
    for (const link of links) {
      await this.db.query(
        `insert into item_links (connection_id, sku, bc_item_id, bc_item_number, via) values ($1, $2, $3, $4, $5)
         on conflict (connection_id, sku) do update set bc_item_id = excluded.bc_item_id,
           bc_item_number = excluded.bc_item_number, via = excluded.via, verified_at = now()`,
        [connectionId, link.sku, link.itemId, link.itemNumber, link.via],
      );
    }
  }

  /** Drops kept links (BC refused a document with them, or an operator changed the mapping). */
  async forgetLinks(connectionId: string, skus: readonly string[]): Promise<void> {
    if (skus.length === 0) return;
    await this.db.query(`delete from item_links where connection_id = $1 and sku = any($2::text[])`, [
      connectionId,
      [...skus],
    ]);
  }
}
