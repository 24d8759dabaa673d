import { readFile } from 'node:fs/promises';
import type { BusinessCentral } from '@mlc/business-central';
import type { Connection } from '@mlc/connections';
import { PermanentError } from '@mlc/platform-errors';
import type { DataSource } from '@mlc/platform-persistence';
import { parseSkuCsv, type SkuMappingLine } from './mappings-csv';
import { withMappingsContext, type MappingsContext } from './mappings-context';

export interface SkuOptions {
  /** Check each item number in BC first (default); without, bc-writer resolves the number on first use. */
  readonly verify: boolean;
  /** Print JSON instead of sentences. */
  readonly json?: boolean;
}

interface Resolved {
  readonly sku: string;
  readonly itemNumber: string;
  readonly itemId: string | null;
}

/** `mappings sku set`: maps one store SKU to a BC item number (the SKU exactly as the store has it). */
export async function setSkuMapping(connectionId: string, sku: string, itemNumber: string, options: SkuOptions) {
  const rows = parseCsvOrThrow([{ line: 1, sku, itemNumber: itemNumber.trim().toUpperCase() }]);
  return withMappingsContext(async (ctx) => {
    const connection = await ctx.connection(connectionId);
    const messages: string[] = [];
    const saved = await resolveAll(ctx, connection, rows, options);
    for (const resolved of saved) {
      await save(ctx.writerDb, connection.id, resolved, 'cli');
      messages.push(`SKU "${resolved.sku}" -> BC item ${resolved.itemNumber}${resolved.itemId ? ` (${resolved.itemId})` : ' (not checked)'}`);
    }
    return options.json ? JSON.stringify(saved, null, 2) : messages.join('\n');
  });
}

/** `mappings sku import`: a CSV of `sku,item_number`, all rows or none. */
export async function importSkuMappings(connectionId: string, file: string, options: SkuOptions) {
  const parsed = parseSkuCsv(await readFile(file, 'utf8'));
  if (!parsed.ok) throw new PermanentError('VALIDATION', `${file}:\n  ${parsed.errors.join('\n  ')}`);
  return withMappingsContext(async (ctx) => {
    const connection = await ctx.connection(connectionId);
    const resolved = await resolveAll(ctx, connection, parsed.rows, options);
    await ctx.writerDb.transaction(async (tx) => {
      for (const row of resolved) await save(tx, connection.id, row, 'import');
    });
    if (options.json) return JSON.stringify({ connectionId: connection.id, imported: resolved.length }, null, 2);
    return `${resolved.length} SKU mapping(s) imported for ${connection.id}`;
  });
}

/** `mappings sku list`: the mapping table, and with `links` the SKUs bc-writer resolved by itself. */
export async function listSkuMappings(connectionId: string, options: { json: boolean; links: boolean }) {
  return withMappingsContext(async (ctx) => {
    const connection = await ctx.connection(connectionId);
    const rows: Array<Record<string, string | null>> = await ctx.writerDb.query(
      `select sku, bc_item_number as "itemNumber", bc_item_id as "itemId", source, to_char(updated_at, 'YYYY-MM-DD HH24:MI') as updated
       from sku_mappings where connection_id = $1
       ${options.links ? `union all select sku, bc_item_number, bc_item_id, 'kept link (' || via || ')', to_char(verified_at, 'YYYY-MM-DD HH24:MI')
         from item_links where connection_id = $1 and sku not in (select sku from sku_mappings where connection_id = $1)` : ''}
       order by 1`,
      [connection.id],
    );
    if (options.json) return JSON.stringify(rows, null, 2);
    if (rows.length === 0) return `no SKU mappings for ${connection.id}`;
    return table(['SKU', 'ITEM NUMBER', 'ITEM ID', 'SOURCE', 'UPDATED'], rows.map((r) => [r.sku, r.itemNumber, r.itemId ?? '(resolved on first use)', r.source, r.updated]));
  });
}

function parseCsvOrThrow(rows: SkuMappingLine[]): SkuMappingLine[] {
  for (const r of rows) {
    if (r.sku === '') throw new PermanentError('VALIDATION', 'the SKU is empty');
    if (r.itemNumber === '' || r.itemNumber.length > 20) {
      throw new PermanentError('VALIDATION', 'the item number must be 1 to 20 characters (BC Code[20])');
    }
  }
  return rows;
}

/** Looks every item number up in BC (batched); unknown or blocked items refuse the whole change. */
async function resolveAll(ctx: MappingsContext, connection: Connection, rows: readonly SkuMappingLine[], options: SkuOptions) {
  if (!options.verify) return rows.map((r): Resolved => ({ sku: r.sku, itemNumber: r.itemNumber, itemId: null }));
  const bc: BusinessCentral = await ctx.businessCentral(connection);
  const items = await bc.items.byNumbers([...new Set(rows.map((r) => r.itemNumber))]);
  const byNumber = new Map(items.map((i) => [i.number.toUpperCase(), i]));
  const problems: string[] = [];
  const resolved = rows.map((r): Resolved => {
    const item = byNumber.get(r.itemNumber);
    if (!item) problems.push(`line ${r.line}: BC has no item ${r.itemNumber}`);
    else if (item.blocked) problems.push(`line ${r.line}: BC item ${r.itemNumber} is blocked`);
    return { sku: r.sku, itemNumber: r.itemNumber, itemId: item?.id ?? null };
  });
  if (problems.length > 0) throw new PermanentError('VALIDATION', `nothing saved:\n  ${problems.join('\n  ')}`);
  return resolved;
}

type Queryable = Pick<DataSource, 'query'>;

/** Upserts the mapping and drops a link bc-writer kept for the SKU, so the operator's choice applies at once. */
async function save(db: Queryable, connectionId: string, row: Resolved, source: string): Promise<void> {
  await db.query(
    `insert into sku_mappings (connection_id, sku, bc_item_id, bc_item_number, source) values ($1, $2, $3, $4, $5)
     on conflict (connection_id, sku) do update set bc_item_id = excluded.bc_item_id,
       bc_item_number = excluded.bc_item_number, source = excluded.source, updated_at = now()`,
    [connectionId, row.sku, row.itemId, row.itemNumber, source],
  );
  await db.query(`delete from item_links where connection_id = $1 and sku = $2`, [connectionId, row.sku]);
}

function table(headers: string[], rows: Array<Array<string | null | undefined>>): string {
  const all = [headers, ...rows.map((r) => r.map((c) => c ?? ''))];
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}
