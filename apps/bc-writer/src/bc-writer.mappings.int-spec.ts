import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { WriterHarness } from './testing/writer-harness';

describe('bc-writer: SKUs BC cannot resolve park the order until mapped and resynced', () => {
  let h: WriterHarness;
  let conn: string;

  beforeAll(async () => {
    const started = await WriterHarness.start(['map']);
    h = started.harness;
    conn = started.ids.map!;
    await h.connect(conn, await h.settings('MAP-'));
    for (const sku of ['store-only-1', 'STORE-ONLY-LONG-SKU-0000001']) {
      await h.sandbox.control.request('POST', '/bigcommerce/products', { name: `Product ${sku}`, sku, price: '12.50', inventory: 20 });
    }
  });
  afterAll(() => h?.stop());

  it('NEEDS_MAPPING names every SKU; mappings sku set / import and resync order finish it with one document', async () => {
    const { id } = await h.sandbox.control.placeOrder({
      customerEmail: 'mapping.shopper@example.com',
      lines: [{ sku: 'SKU-00004', quantity: 1 }, { sku: 'store-only-1', quantity: 2 }, { sku: 'STORE-ONLY-LONG-SKU-0000001', quantity: 1 }],
    });
    await h.signal(conn, id);
    const parked = await h.waitFor(conn, id, 'NEEDS_MAPPING');
    expect(parked.last_error).toContain('store-only-1 (not-found');
    expect(parked.last_error).toContain('STORE-ONLY-LONG-SKU-0000001 (too-long');
    expect(parked.bc_document_id).toBeNull();
    expect(await h.invoices(`MAP-${id}`)).toEqual([]);

    const set = await h.cli(['mappings', 'sku', 'set', conn, 'store-only-1', 'SKU-00005']);
    expect(set).toMatchObject({ code: 0, stdout: expect.stringContaining('SKU "store-only-1" -> BC item SKU-00005') });
    const csv = path.join(tmpdir(), `bcw-map-${id}.csv`);
    await writeFile(csv, 'sku,item_number\nSTORE-ONLY-LONG-SKU-0000001,sku-00006\n');
    expect(await h.cli(['mappings', 'sku', 'import', conn, csv])).toMatchObject({ code: 0 });
    const list = await h.cli(['mappings', 'sku', 'list', conn, '--json']);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ sku: 'STORE-ONLY-LONG-SKU-0000001', itemNumber: 'SKU-00006', source: 'import' }),
      expect.objectContaining({ sku: 'store-only-1', itemNumber: 'SKU-00005', source: 'cli' }),
    ]);

    await h.signal(conn, id, { source: 'poll' });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await h.ledger(conn, id))?.state).toBe('NEEDS_MAPPING');

    expect(await h.cli(['resync', 'order', conn, String(id)])).toMatchObject({ code: 0 });
    const posted = await h.waitFor(conn, id, 'POSTED');
    const invoices = await h.invoices(`MAP-${id}`);
    expect(invoices).toHaveLength(1);
    const invoice = await h.bc.salesInvoices.get(posted.bc_document_id!);
    const items = await Promise.all(
      invoice!.salesInvoiceLines!.filter((l) => l.lineType === 'Item').map(async (l) => (await h.bc.items.byId(l.itemId!))!.number),
    );
    expect(items.sort()).toEqual(['SKU-00004', 'SKU-00005', 'SKU-00006']);
    const states = (await h.outbox(conn, id)).map((e) => e.state);
    expect(states).toEqual(['RECEIVED', 'NEEDS_MAPPING', 'RECEIVED', 'CUSTOMER_RESOLVED', 'DOCUMENT_CREATED', 'POSTED']);
  });

  it('refuses a mapping to an item BC does not have, saving nothing', async () => {
    const result = await h.cli(['mappings', 'sku', 'set', conn, 'store-only-1', 'NO-SUCH-ITEM']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('BC has no item NO-SUCH-ITEM');
    const list = JSON.parse((await h.cli(['mappings', 'sku', 'list', conn, '--json'])).stdout) as Array<{ sku: string; itemNumber: string }>;
    expect(list.find((r) => r.sku === 'store-only-1')?.itemNumber).toBe('SKU-00005');
  });

  it('shows and changes settings through the CLI, versioned and validated', async () => {
    const bad = await h.cli(['mappings', 'settings', 'set', conn, 'documentType=salesQuote']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('orderSync.documentType');
    expect(await h.cli(['mappings', 'settings', 'set', conn, 'totalsTolerance=0.02', 'syncableStatuses:=[11,9]'])).toMatchObject({ code: 0 });
    const shown = JSON.parse((await h.cli(['mappings', 'settings', 'show', conn])).stdout) as { settingsVersion: number; settings: { orders: Record<string, unknown> } };
    expect(shown.settingsVersion).toBe(2);
    expect(shown.settings.orders).toMatchObject({ totalsTolerance: '0.02', syncableStatuses: [11, 9], externalDocumentPrefix: 'MAP-' });
  });
});
