import { PermanentError } from '@mlc/platform-errors';
import { orderLineItems } from '../schemas/order.schema';
import { json, rejectionOf } from '../testing/local-http-server';
import { buildCustomer, buildOrder, buildOrderProduct, buildRefund, buildStoreInformation } from '../testing/fixtures';
import { collect } from './input-checks';
import { Harness, harness } from './resources.spec-helper';

let h: Harness;
afterEach(() => h.close());

describe('store and orders', () => {
  it('reads the store information with its numeric id', async () => {
    h = await harness({ 'GET /v2/store': (_r, _q, res) => json(res, 200, buildStoreInformation()) });
    const info = await h.api.storeInformation();
    expect(info).toMatchObject({
      id: 'abc123',
      store_id: 1025646,
      currency: 'USD',
      timezone: { name: 'America/Chicago' },
    });
  });

  it('loads an order with every line in one call', async () => {
    const pickupLine = buildOrderProduct({ id: 2, sku: 'PICK-1', order_address_id: 0 });
    const order = buildOrder(218, { overrides: {} });
    order.consignments.pickups = [{ id: 99, line_items: [pickupLine] }];
    h = await harness({ 'GET /v2/orders/218': (_r, _q, res) => json(res, 200, order) });
    const loaded = await h.api.getOrder(218);
    expect(h.calls()).toEqual(['GET /v2/orders/218?include=consignments.line_items&consignment_structure=object']);
    expect(orderLineItems(loaded).map((l) => l.sku)).toEqual(['OTL-1', 'PICK-1']);
    expect(loaded.total_inc_tax).toBe('66.0000');
    expect((loaded as Record<string, unknown>)['order_source']).toBe('www');
  });

  it('names the field when an order line breaks the schema', async () => {
    const order = buildOrder(5, { lines: [buildOrderProduct({ price_ex_tax: 25 as unknown as string })] });
    h = await harness({ 'GET /v2/orders/5': (_r, _q, res) => json(res, 200, order) });
    const err = await rejectionOf(h.api.getOrder(5));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toContain('"consignments.shipping[0].line_items[0].price_ex_tax"');
  });

  it('maps a missing order to NOT_FOUND and refuses a bad id before calling', async () => {
    h = await harness({});
    await expect(h.api.getOrder(999999)).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    await expect(h.api.getOrder(0)).rejects.toThrow(RangeError);
  });

  it('polls modified orders oldest first, %2B-encoded, paged to the end, each id once', async () => {
    const page1 = [1, 2].map((id) => ({ id, status_id: 11, date_modified: 'Tue, 05 Mar 2019 21:40:11 +0000' }));
    const page2 = [2, 3].map((id) => ({ id, status_id: 11, date_modified: 'Tue, 05 Mar 2019 21:41:00 +0000' }));
    h = await harness({
      'GET /v2/orders': (_r, q, res) => {
        const page = Number(q.get('page'));
        if (page === 1) return json(res, 200, page1);
        if (page === 2) return json(res, 200, page2);
        return json(res, 204, undefined);
      },
    });
    const since = new Date(Date.UTC(2019, 2, 5, 21, 40, 11, 500));
    const ids = (await collect(h.api.listOrdersModifiedSince(since, { pageSize: 2 }))).map((o) => o.id);
    expect(ids).toEqual([1, 2, 3]);
    expect(h.calls()[0]).toBe(
      'GET /v2/orders?min_date_modified=Tue,%2005%20Mar%202019%2021:40:11%20%2B0000&sort=date_modified:asc&page=1&limit=2',
    );
    expect(h.calls()).toHaveLength(3);
  });

  it('treats a 204 answer to the poll as no orders', async () => {
    h = await harness({ 'GET /v2/orders': (_r, _q, res) => json(res, 204, undefined) });
    expect(await collect(h.api.listOrdersModifiedSince(new Date(Date.UTC(2030, 0, 1))))).toEqual([]);
  });

  it('pages order products past the first page', async () => {
    const lines = Array.from({ length: 260 }, (_, i) => buildOrderProduct({ id: i + 1, sku: `SKU-${i + 1}` }));
    h = await harness({
      'GET /v2/orders/7/products': (_r, q, res) => {
        const page = Number(q.get('page'));
        const limit = Number(q.get('limit'));
        const rows = lines.slice((page - 1) * limit, page * limit);
        return rows.length ? json(res, 200, rows) : json(res, 204, undefined);
      },
    });
    const products = await h.api.listOrderProducts(7);
    expect(products).toHaveLength(260);
    expect(h.calls()).toEqual([
      'GET /v2/orders/7/products?page=1&limit=250',
      'GET /v2/orders/7/products?page=2&limit=250',
    ]);
  });

  it('lists the refunds of an order', async () => {
    h = await harness({
      'GET /v3/orders/7/payment_actions/refunds': (_r, _q, res) =>
        json(res, 200, { data: [buildRefund(3, 7)], meta: {} }),
    });
    const refunds = await h.api.listRefunds(7);
    expect(refunds.map((r) => [r.id, r.total_amount])).toEqual([[3, 27.5]]);
  });
});

describe('customers', () => {
  it('looks emails up with email:in, %2B-encoded, de-duplicated, following cursors', async () => {
    h = await harness({
      'GET /v3/customers': (_r, q, res) => {
        if (!q.get('after')) {
          return json(res, 200, {
            data: [buildCustomer(1, 'jane+shop@example.com')],
            meta: { cursor_pagination: { count: 1, per_page: 250, end_cursor: 'c1', links: { next: '?after=c1' } } },
          });
        }
        return json(res, 200, {
          data: [buildCustomer(2, 'bob@example.com')],
          meta: { cursor_pagination: { count: 1, per_page: 250, end_cursor: 'c2', links: {} } },
        });
      },
    });
    const found = await h.api.findCustomersByEmail([
      'jane+shop@example.com',
      'JANE+shop@example.com',
      'bob@example.com',
      'odd,one@x.com',
    ]);
    expect(found.map((c) => c.id)).toEqual([1, 2]);
    expect(h.calls()[0]).toBe('GET /v3/customers?email:in=jane%2Bshop%40example.com,bob%40example.com&limit=250');
    expect(h.calls()[1]).toContain('after=c1');
    expect(h.calls()).toHaveLength(2);
  });

  it('splits long email lists into lookups of 50', async () => {
    h = await harness({
      'GET /v3/customers': (_r, _q, res) =>
        json(res, 200, { data: [], meta: { pagination: { current_page: 1, total_pages: 0 } } }),
    });
    const emails = Array.from({ length: 120 }, (_, i) => `c${i}@example.com`);
    expect(await h.api.findCustomersByEmail(emails)).toEqual([]);
    expect(h.calls()).toHaveLength(3);
  });
});
