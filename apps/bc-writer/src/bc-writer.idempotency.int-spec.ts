import { BcPath } from '@mlc/business-central';
import { z } from 'zod';
import { WriterHarness } from './testing/writer-harness';

describe('bc-writer: never a duplicate, whatever is redelivered or fails after BC committed', () => {
  let h: WriterHarness;
  let inv: string;
  let draft: string;

  beforeAll(async () => {
    const started = await WriterHarness.start(['inv', 'draft']);
    h = started.harness;
    inv = started.ids.inv!;
    draft = started.ids.draft!;
    await h.connect(inv, await h.settings('IDP-'));
    await h.connect(draft, await h.settings('IDD-', { postInvoices: false }));
  });
  afterAll(() => h?.stop());
  afterEach(() => h.sandbox.control.clearFaults());

  async function placed(email: string): Promise<number> {
    return (await h.sandbox.control.placeOrder({ customerEmail: email, lines: [{ sku: 'SKU-00007', quantity: 1 }] })).id;
  }

  it('the same webhook three times plus a poll make one document, and the repeats cost one BigCommerce call each', async () => {
    const id = await placed('repeat@example.com');
    for (let i = 0; i < 3; i += 1) await h.signal(inv, id);
    await h.signal(inv, id, { source: 'poll', scope: undefined });
    await h.waitFor(inv, id, 'POSTED');
    const attempts = await waitForAttempts(inv, id, 4);
    expect(await h.invoices(`IDP-${id}`)).toHaveLength(1);
    expect(attempts.map((a) => a.decision?.split(':')[0])).toEqual(['create', 'noop', 'noop', 'noop']);
    for (const repeat of attempts.slice(1)) {
      expect(repeat.bigcommerce_requests).toEqual({ getOrder: 1 });
      expect(repeat.bc_requests).toEqual({});
    }
    expect((await h.outbox(inv, id)).filter((e) => e.state === 'POSTED')).toHaveLength(1);
  });

  it('a webhook or poll older than a completed read of the order is covered: skipped without a call; a resync is not', async () => {
    const id = await placed('covered@example.com');
    // The order's webhook, handled 10 s after BigCommerce made it (a backlog): its read is past the 5 s margin.
    const placedAt = new Date(Date.now() - 10_000).toISOString();
    await h.signal(inv, id, { occurredAt: placedAt });
    await h.waitFor(inv, id, 'POSTED');
    await waitForAttempts(inv, id, 1);
    // Signals about the same change arriving after that read (a duplicate delivery, the poll).
    await h.sandbox.control.request('DELETE', '/requests');
    await h.signal(inv, id, { occurredAt: placedAt });
    await h.signal(inv, id, { source: 'poll', scope: undefined, occurredAt: placedAt });
    // A fresh change is read again; a resync is always handled, whatever its age.
    await h.signal(inv, id, { occurredAt: new Date().toISOString() });
    await h.signal(inv, id, { source: 'resync', scope: undefined, occurredAt: placedAt });
    const attempts = await waitForAttempts(inv, id, 5);
    expect(attempts.map((a) => [a.source, a.outcome, a.decision?.split(':')[0]])).toEqual([
      ['webhook', 'ok', 'create'],
      ['webhook', 'skipped', 'covered'],
      ['poll', 'skipped', 'covered'],
      ['webhook', 'ok', 'noop'],
      ['resync', 'ok', 'noop'],
    ]);
    for (const skipped of attempts.filter((a) => a.outcome === 'skipped')) {
      expect(skipped.bigcommerce_requests).toEqual({});
      expect(skipped.bc_requests).toEqual({});
    }
    const { requests } = await h.sandbox.control.requests('bigcommerce');
    const orderRead = new RegExp(`/v2/orders/${id}(\\?|$)`);
    expect(requests.filter((r) => r.method === 'GET' && orderRead.test(r.path))).toHaveLength(2);
    expect(await h.invoices(`IDP-${id}`)).toHaveLength(1);
  });

  it('a create that fails after BC committed it is found by externalDocumentNumber, not repeated', async () => {
    const id = await placed('create-after-commit@example.com');
    await h.sandbox.control.fault({ system: 'business-central', method: 'POST', path: 'salesInvoices$', status: 500, afterCommit: true, count: 1 });
    await h.signal(inv, id);
    await h.waitFor(inv, id, 'POSTED');
    expect(await faultHits()).toEqual([1]);
    expect(await h.invoices(`IDP-${id}`)).toHaveLength(1);
    const [attempt] = await waitForAttempts(inv, id, 1);
    expect(attempt!.bc_requests).toMatchObject({ 'salesInvoices.create': 1, 'salesInvoices.findByExternalDocumentNumber': 1 });
  });

  it('a post that fails after BC posted is re-read and counted as posted', async () => {
    const id = await placed('post-after-commit@example.com');
    await h.sandbox.control.fault({ system: 'business-central', method: 'POST', path: 'Microsoft\\.NAV\\.post$', status: 502, afterCommit: true, count: 1 });
    await h.signal(inv, id);
    const row = await h.waitFor(inv, id, 'POSTED');
    expect(await faultHits()).toEqual([1]);
    const invoices = await h.invoices(`IDP-${id}`);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ status: 'Open', number: row.bc_document_number });
    const [attempt] = await waitForAttempts(inv, id, 1);
    expect(attempt!.bc_requests).toMatchObject({ 'salesInvoices.post': 1, 'salesInvoices.get': 1 });
  });

  it('a connection reset on the post leaves one posted document too', async () => {
    const id = await placed('post-reset@example.com');
    await h.sandbox.control.fault({ system: 'business-central', method: 'POST', path: 'Microsoft\\.NAV\\.post$', reset: true, afterCommit: true, count: 1 });
    await h.signal(inv, id);
    await h.waitFor(inv, id, 'POSTED');
    expect(await faultHits()).toEqual([1]);
    expect(await h.invoices(`IDP-${id}`)).toHaveLength(1);
  });

  it('deleting a draft with a stale ETag re-reads it and deletes the current version', async () => {
    const id = await placed('stale-etag@example.com');
    await h.signal(draft, id);
    const row = await h.waitFor(draft, id, 'DOCUMENT_CREATED');
    const current = await h.bc.salesInvoices.get(row.bc_document_id!);
    const patched = await h.bc.client.patch(BcPath.entity('salesInvoices', row.bc_document_id!), current!.etag,
      { customerPurchaseOrderReference: 'EDITED-IN-BC' }, z.looseObject({ '@odata.etag': z.string() }));
    expect(patched['@odata.etag']).not.toBe(current!.etag);
    await h.sandbox.control.setOrderStatus(id, 5);
    await h.signal(draft, id, { scope: 'store/order/statusUpdated' });
    await h.waitFor(draft, id, 'CANCELLED');
    expect(await h.invoices(`IDD-${id}`)).toEqual([]);
    const requests = (await h.sandbox.control.requests('business-central')).requests;
    const deletes = requests.filter((r) => r.method === 'DELETE' && r.path.includes(row.bc_document_id!));
    expect(deletes.map((r) => r.status)).toEqual([409, 204]);
  });

  async function faultHits(): Promise<number[]> {
    const { faults } = await h.sandbox.control.request<{ faults: Array<{ hits: number }> }>('GET', '/faults');
    return faults.map((f) => f.hits);
  }

  async function waitForAttempts(connection: string, id: number, count: number) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const attempts = await h.attempts(connection, id);
      if (attempts.length >= count && attempts.every((a) => a.outcome !== null)) return attempts;
      if (Date.now() > deadline) throw new Error(`only ${attempts.length} attempts of order ${id}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});
