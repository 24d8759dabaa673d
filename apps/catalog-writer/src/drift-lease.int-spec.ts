import { Cleanup, SandboxProcess, startSandboxProcess } from '@mlc/testing';
import { CatalogWriterHarness } from './testing/catalog-writer-harness';
import { addProductSku, pushRuns, runsAfter } from './testing/sandbox-helpers';

const cleanup = new Cleanup();
let sandbox: SandboxProcess;
let first: CatalogWriterHarness;
let second: CatalogWriterHarness;

beforeAll(async () => {
  sandbox = await startSandboxProcess();
  cleanup.add(() => sandbox.stop());
  await sandbox.control.seed({ products: 0, customers: 1 });
  first = new CatalogWriterHarness(sandbox, { catalog: { coalesceWindowMs: 200, driftCorrectionQuietMs: 0 } });
  cleanup.add(() => first.stop());
  await first.start();
  second = new CatalogWriterHarness(sandbox, { replicaOf: first });
  cleanup.add(() => second.stop());
  await second.start();
  const item = await addProductSku(first, 'LEASE-1', '9.00', 5);
  const runs = await pushRuns(first);
  await first.itemChanged([item.itemId]);
  await runsAfter(first, runs);
});
afterAll(() => cleanup.run());

async function driftRuns(): Promise<number> {
  const rows = (await first.runtime.ctx.db.query(
    `select count(*)::int as n from push_runs where connection_id = $1 and trigger = 'drift-check'`,
    [first.connectionId],
  )) as Array<{ n: number }>;
  return rows[0]?.n ?? 0;
}

/** Someone sets the store's level by hand; the harness's settle time for our own adjustments passes. */
async function driftTo(level: number): Promise<void> {
  await sandbox.control.request('PATCH', '/bigcommerce/skus/LEASE-1', { stock: level });
  await new Promise((r) => setTimeout(r, 2500));
}

describe('drift checks across two replicas', () => {
  it('only the replica holding the lease checks and corrects drift; stopping it hands the lease over', async () => {
    await driftTo(40);
    const before = await driftRuns();
    const results = await Promise.all([
      first.runtime.components.drift.checkConnection(first.connectionId),
      second.runtime.components.drift.checkConnection(first.connectionId),
    ]);
    expect([...results].sort()).toEqual(['checked', 'not-leader']);
    expect(await driftRuns()).toBe(before + 1);
    await new Promise((r) => setTimeout(r, 500)); // the store applies the correction asynchronously
    expect((await first.store()).stock['LEASE-1']).toBe(5);

    // The holder keeps the lease at its next check; the other replica still stays out.
    const holder = results[0] === 'checked' ? first : second;
    const other = holder === first ? second : first;
    await driftTo(33);
    expect(await other.runtime.components.drift.checkConnection(first.connectionId)).toBe('not-leader');
    expect(await holder.runtime.components.drift.checkConnection(first.connectionId)).toBe('checked');
    expect(await driftRuns()).toBe(before + 2);
    await new Promise((r) => setTimeout(r, 500));
    expect((await first.store()).stock['LEASE-1']).toBe(5);

    // A replica that stops hands its lease over at once.
    await holder.runtime.components.drift.stop();
    await driftTo(21);
    expect(await other.runtime.components.drift.checkConnection(first.connectionId)).toBe('checked');
    expect(await driftRuns()).toBe(before + 3);
    await new Promise((r) => setTimeout(r, 500));
    expect((await first.store()).stock['LEASE-1']).toBe(5);
  });
});
