import { WriterHarness } from './testing/writer-harness';

/**
 * bc-writer as a process, killed (SIGKILL) while a BC write is in flight and started again with the same consumer
 * group: the signal is redelivered, the ledger says where the order stood, and the order ends with one document.
 */
describe('bc-writer resumes after a crash at any step', () => {
  let h: WriterHarness;
  let conn: string;
  let groups: Record<string, string>;

  beforeAll(async () => {
    // The in-process writer serves no connection here; the processes under test serve `crash`.
    const started = await WriterHarness.start(['crash', 'unused'], { BC_WRITER_CONNECTIONS: 'none' });
    h = started.harness;
    conn = started.ids.crash!;
    groups = await h.freshGroups();
    await h.connect(conn, await h.settings('CRS-'));
  });
  afterAll(() => h?.stop());
  afterEach(() => h.sandbox.control.clearFaults());

  const writerEnv = (port: number) => ({ HTTP_PORT: String(port), BC_WRITER_CONNECTIONS: conn, ...groups });

  async function crashDuring(path: string, pending: 'create' | 'post', port: number) {
    const { id } = await h.sandbox.control.placeOrder({ customerEmail: `crash-${pending}@example.com`, lines: [{ sku: 'SKU-00019', quantity: 1 }] });
    await h.sandbox.control.fault({ system: 'business-central', method: 'POST', path, latencyMs: 3000, count: 1 });
    const first = h.spawnWriter(writerEnv(port));
    await first.ready();
    await h.signal(conn, id);
    const deadline = Date.now() + 60_000;
    while ((await h.db.query(`select write_pending from order_ledger where connection_id = $1 and order_id = $2`, [conn, id]))[0]?.write_pending !== pending) {
      if (Date.now() > deadline) throw new Error(`the ${pending} of order ${id} never started`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await first.crash();
    await new Promise((r) => setTimeout(r, 3500));
    const second = h.spawnWriter(writerEnv(port + 1));
    await second.ready();
    const row = await h.waitFor(conn, id, 'POSTED', 90_000);
    expect(await h.invoices(`CRS-${id}`)).toHaveLength(1);
    const metrics = await (await fetch(`${second.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`ml_connector_order_sync_transitions_total\\{connection="${conn}",state="POSTED"\\} 1`));
    await second.stop();
    return row;
  }

  it('killed while BC was creating the invoice: the next run finds it by externalDocumentNumber', async () => {
    const row = await crashDuring('salesInvoices$', 'create', 39120);
    const attempts = await h.attempts(conn, Number((await h.db.query(`select max(order_id) as id from order_ledger where connection_id = $1`, [conn]))[0].id));
    expect(attempts.at(-1)?.bc_requests).toMatchObject({ 'salesInvoices.findByExternalDocumentNumber': 1 });
    expect(attempts.at(-1)?.bc_requests['salesInvoices.create']).toBeUndefined();
    expect(row.posted).toBe(true);
  }, 180_000);

  it('killed while BC was posting: the next run re-reads the invoice and does not post it again', async () => {
    await crashDuring('Microsoft\\.NAV\\.post$', 'post', 39130);
    const posts = (await h.sandbox.control.requests('business-central')).requests.filter((r) => r.path.endsWith('Microsoft.NAV.post'));
    expect(posts.filter((p) => p.status === 204).length).toBe(posts.length);
  }, 180_000);
});
