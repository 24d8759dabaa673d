import { BcPath } from '@mlc/business-central';
import { eventually } from '@mlc/testing';
import { z } from 'zod';
import type { CatalogWriterHarness } from './catalog-writer-harness';

export interface LoggedRequest {
  readonly system: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly time: string;
}

/** BC item ids by item number, read through the service's own BC client. */
export async function itemIds(h: CatalogWriterHarness, numbers: readonly string[]): Promise<Map<string, string>> {
  const bc = await h.runtime.ctx.clients.businessCentral(h.connectionId);
  const items = await bc.items.byNumbers(numbers);
  return new Map(items.map((i) => [i.number, i.id]));
}

/**
 * A product without variants in the store (tracked by product) and its BC item; the store starts with the same price
 * and stock unless `store` says otherwise.
 */
export async function addProductSku(
  h: CatalogWriterHarness,
  sku: string,
  price: string,
  stock: number,
  store: { readonly price?: string; readonly stock?: number } = {},
) {
  const created = await h.sandbox.control.request<{ id: number }>('POST', '/bigcommerce/products', {
    name: `Product ${sku}`,
    sku,
    price: store.price ?? price,
    inventory: store.stock ?? stock,
    inventoryTracking: 'product',
  });
  const bc = await h.runtime.ctx.clients.businessCentral(h.connectionId);
  const item = await bc.client.create(
    BcPath.collection('items'),
    { number: sku, displayName: `Item ${sku}`, type: 'Inventory', unitPrice: Number(price) },
    z.object({ id: z.string() }),
  );
  if (stock > 0) await h.sandbox.control.changeItem(sku, { inventory: stock });
  return { productId: created.id, itemId: item.id };
}

/** Store API requests logged by the sandbox since `since` (ISO), catalog and inventory writes only by default. */
export async function storeRequests(h: CatalogWriterHarness, since = '', writesOnly = true): Promise<LoggedRequest[]> {
  const log = await h.sandbox.control.requests('bigcommerce');
  return log.requests.filter(
    (r) => r.time > since && (!writesOnly || ((r.method === 'PUT' || r.method === 'POST') && /\/v3\/(catalog|inventory)\//.test(r.path))),
  );
}

/** Push runs recorded for the connection. */
export async function pushRuns(h: CatalogWriterHarness): Promise<number> {
  const rows = (await h.runtime.ctx.db.query(`select count(*)::int as n from push_runs where connection_id = $1`, [
    h.connectionId,
  ])) as Array<{ n: number }>;
  return rows[0]?.n ?? 0;
}

/** Waits until `runs` more push runs were recorded than `before` and nothing is pending any more. */
export async function runsAfter(h: CatalogWriterHarness, before: number, runs = 1, timeoutMs = 60_000) {
  await eventually(`${runs} more push run(s)`, async () => ((await pushRuns(h)) >= before + runs ? true : undefined), timeoutMs);
  await h.runtime.components.items.idle();
}

/** A moment strictly after every request logged so far (the log's own clock). */
export async function logMark(h: CatalogWriterHarness): Promise<string> {
  const log = await h.sandbox.control.requests();
  return log.requests.reduce((max, r) => (r.time > max ? r.time : max), '');
}
