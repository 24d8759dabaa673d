import type { SkuMappingRow } from '@mlc/catalog';
import type { DataSource } from '@mlc/platform-persistence';

/** Where the operator's SKU mapping table lives: bc-writer's schema (`ml-connector mappings sku set|import`). */
export const DEFAULT_SKU_MAPPINGS_SCHEMA = 'bc_writer';

/** Reads a connection's explicit SKU links. */
export interface SkuMappingsSource {
  rows(connectionId: string): Promise<SkuMappingRow[]>;
}

/**
 * The mapping table `sku_mappings` that the CLI writes and bc-writer resolves orders with, read (never written) by
 * catalog-writer so that a store SKU's stock and price come from the same BC item its orders go to. The table belongs
 * to bc-writer's migrations; until bc-writer has created it there are no links (and the service says so once).
 */
export class SkuMappingsRepository implements SkuMappingsSource {
  private warned = false;

  constructor(
    private readonly db: DataSource,
    private readonly schema: string,
    private readonly onMissingTable: (schema: string) => void = () => undefined,
  ) {}

  async rows(connectionId: string): Promise<SkuMappingRow[]> {
    try {
      const rows = (await this.db.query(
        `select sku, bc_item_id, bc_item_number from "${this.schema}".sku_mappings where connection_id = $1 order by sku`,
        [connectionId],
      )) as Array<{ sku: string; bc_item_id: string | null; bc_item_number: string }>;
      return rows.map((r) => ({ sku: r.sku, itemId: r.bc_item_id, itemNumber: r.bc_item_number }));
    } catch (err) {
      if (!isUndefinedTable(err)) throw err;
      if (!this.warned) this.onMissingTable(this.schema);
      this.warned = true;
      return [];
    }
  }
}

/** Postgres `undefined_table` (42P01), on the driver's error or on TypeORM's wrapper. */
function isUndefinedTable(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  return e?.code === '42P01' || e?.driverError?.code === '42P01';
}
