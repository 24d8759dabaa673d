import { BigCommerceTestSandbox, JsonBody as Json } from './testing';

/** Paging to the end over thousands of records, in each of the store's paging styles. */
describe('BigCommerce sandbox paging over thousands of records', () => {
  let sb: BigCommerceTestSandbox;

  beforeAll(async () => {
    sb = await BigCommerceTestSandbox.start({ seed: { products: 3000, variantsPerProduct: 2, customers: 2600 } });
  });
  afterAll(() => sb?.close());

  it('v3 offset paging: 3000 products and 6000 variants at 250 per page, following meta.pagination.links.next', async () => {
    for (const [path, expected] of [
      ['/v3/catalog/products', 3000],
      ['/v3/catalog/variants', 6000],
    ] as const) {
      const ids = new Set<number>();
      let next: string | undefined = '?page=1&limit=250';
      let pages = 0;
      while (next) {
        const body: Json = (await sb.api('GET', `${path}${next}`)).json<Json>();
        for (const item of body.data) ids.add(item.id);
        expect(body.meta.pagination).toMatchObject({ total: expected, per_page: 250, total_pages: expected / 250 });
        next = body.meta.pagination.links.next;
        pages += 1;
      }
      expect(pages).toBe(expected / 250);
      expect(ids.size).toBe(expected);
    }
  });

  it('inventory items page 1000 at a time', async () => {
    const skus = new Set<string>();
    for (let page = 1; page <= 7; page += 1) {
      const body = (await sb.api('GET', `/v3/inventory/items?limit=5000&page=${page}`)).json<Json>();
      expect(body.meta.pagination.per_page).toBe(1000);
      for (const item of body.data) skus.add(item.identity.sku);
      if (page === 7) expect(body.data).toEqual([]);
    }
    expect(skus.size).toBe(6000);
  });

  it('v3 customers: cursor paging with after=end_cursor reaches every customer once', async () => {
    const first = (await sb.api('GET', '/v3/customers?limit=250')).json<Json>();
    expect(first.meta).toHaveProperty('pagination');
    expect(first.meta).toHaveProperty('cursor_pagination');
    const ids = new Set<number>(first.data.map((c: Json) => c.id));
    let cursor: Json = first.meta.cursor_pagination;
    while (cursor.links.next) {
      const body = (await sb.api('GET', `/v3/customers?limit=250&after=${cursor.end_cursor}&page=7`)).json<Json>();
      expect(body.meta.pagination).toBeUndefined();
      for (const c of body.data) ids.add(c.id);
      cursor = body.meta.cursor_pagination;
    }
    expect(ids.size).toBe(2600);
    const back = (await sb.api('GET', `/v3/customers?limit=250&before=${cursor.start_cursor}`)).json<Json>();
    expect(back.data).toHaveLength(250);
    expect((await sb.api('GET', `/v3/customers?before=${cursor.start_cursor}&after=${cursor.end_cursor}`)).status).toBe(
      422,
    );
    const later = (await sb.api('GET', '/v3/customers?limit=250&page=3')).json<Json>();
    expect(later.meta.cursor_pagination).toBeUndefined();
    expect(later.meta.pagination.current_page).toBe(3);
  });

  it('v2 orders: 600 orders at 250 per page, then 204', async () => {
    await sb.control('PUT', '/__sandbox/bigcommerce/settings', { inventoryApplyDelayMs: 0 });
    for (let i = 0; i < 600; i += 1) {
      await sb.placeOrder({
        guest: true,
        lines: [{ sku: `SKU-${String((i % 3000) + 1).padStart(5, '0')}-S`, quantity: 1 }],
      });
    }
    const ids = new Set<number>();
    let page = 1;
    for (;;) {
      const res = await sb.api('GET', `/v2/orders?limit=250&page=${page}&sort=date_modified:asc`);
      if (res.status === 204) break;
      for (const o of res.json<Json[]>()) ids.add(o.id);
      page += 1;
    }
    expect(page).toBe(4);
    expect(ids.size).toBe(600);
  });
});
