import { Cleanup, SandboxProcess, startSandboxProcess } from '@mlc/testing';
import { syncCatalogOutcomeV1 } from '@mlc/contracts';
import { ADMIN_TOKEN, CatalogWriterHarness } from './testing/catalog-writer-harness';
import { collectOutcomes, outcomeOffsets } from './testing/outcome-reader';
import { addProductSku, logMark, storeRequests } from './testing/sandbox-helpers';

const cleanup = new Cleanup();
let sandbox: SandboxProcess;
let h: CatalogWriterHarness;

const VARIANTS = 120;
const PRODUCTS = 25;

beforeAll(async () => {
  sandbox = await startSandboxProcess();
  cleanup.add(() => sandbox.stop());
  await sandbox.control.seed({ products: VARIANTS / 10, variantsPerProduct: 10, customers: 1 });
  h = new CatalogWriterHarness(sandbox);
  cleanup.add(() => h.stop());
  await h.start();
  for (let i = 1; i <= PRODUCTS; i += 1) await addProductSku(h, `BATCH-P${i}`, '3.00', i);
});
afterAll(() => cleanup.run());

describe('batching on the sandboxes', () => {
  it('fills variant batches to 50, product batches to 10, and emits one outcome per SKU', async () => {
    const mark = await logMark(h);
    const offsets = await outcomeOffsets();
    const res = await fetch(`${h.url}/admin/connections/${h.connectionId}/backfill-catalog`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const summary = JSON.parse((await res.text()).trim().split('\n').at(-1) ?? '{}') as {
      push: { requests: { byKind: Record<string, number> } };
    };
    expect(summary.push.requests.byKind).toEqual({ 'variant-prices': 3, 'product-prices': 3, 'absolute-stock': 1 });
    const writes = await storeRequests(h, mark);
    expect(writes.filter((w) => w.path.endsWith('/v3/catalog/variants')).map((w) => w.status)).toEqual([200, 200, 200]);
    expect(writes.filter((w) => w.path.endsWith('/v3/catalog/products')).map((w) => w.status)).toEqual([200, 200, 200]);

    // Each batch is as full as the API allows (variants 50, products 10); the sandbox refuses larger ones.
    const sizes = (await h.runtime.ctx.db.query(
      `select kind, items from push_requests where connection_id = $1 and result = 'succeeded' order by id`,
      [h.connectionId],
    )) as Array<{ kind: string; items: number }>;
    const itemsOf = (kind: string) => sizes.filter((r) => r.kind === kind).map((r) => r.items);
    expect(itemsOf('variant-prices')).toEqual([50, 50, 20]);
    expect(itemsOf('product-prices')).toEqual([10, 10, 5]);
    expect(itemsOf('absolute-stock')).toEqual([VARIANTS + PRODUCTS]);

    const outcomes = await collectOutcomes(h, offsets, VARIANTS + PRODUCTS);
    expect(new Set(outcomes.map((o) => o.sku)).size).toBe(VARIANTS + PRODUCTS);
    expect(outcomes.every((o) => o.outcome === 'changed' && o.connectionId === h.connectionId)).toBe(true);
    expect(outcomes.find((o) => o.sku === 'BATCH-P7')).toMatchObject({ price: '3', level: 7 });
    const first = outcomes[0];
    expect(first && syncCatalogOutcomeV1.key(first)).toBe(`${h.connectionId}:${first?.sku}`);
  });
});
