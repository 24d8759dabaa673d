import { BcHarness, startBcHarness } from './testing/bc-harness';

describe('BC OData queries and server paging over thousands of rows', () => {
  let h: BcHarness;
  beforeAll(async () => {
    h = await startBcHarness({ seed: { products: 3000, variantsPerProduct: 0, customers: 5 } });
  });
  afterAll(() => h?.close());

  const numbers = (res: { body: { value: Array<{ number: string }> } }) => res.body.value.map((v) => v.number);

  it('pages to the end with the default page size and with a preferred one, every row exactly once', async () => {
    const all = await h.call('GET', 'items?$select=id,number,type,blocked,inventory,unitPrice');
    expect(all.body.value).toHaveLength(3000);
    expect(all.body['@odata.nextLink']).toBeUndefined();
    const seen = new Set<string>();
    let next: string | undefined = `${h.company}items?$select=number`;
    let pages = 0;
    while (next) {
      const page = await h.call('GET', next, { headers: { prefer: 'odata.maxpagesize=700' } });
      expect(page.headers.get('preference-applied')).toBe('odata.maxpagesize=700');
      for (const n of numbers(page)) seen.add(n);
      next = page.body['@odata.nextLink'];
      pages += 1;
    }
    expect(pages).toBe(5);
    expect(seen.size).toBe(3000);
  });

  it('keeps paging consistent while rows are inserted and deleted between pages', async () => {
    const doomed = await h.call('POST', 'items', { body: { number: 'SKU-02500X', displayName: 'Deleted while paging' } });
    const first = await h.call('GET', 'items?$select=number', { headers: { prefer: 'odata.maxpagesize=1000' } });
    await h.call('POST', 'items', { body: { number: 'AAA-FIRST', displayName: 'Sorts first' } });
    await h.call('POST', 'items', { body: { number: 'ZZZ-LAST', displayName: 'Sorts last' } });
    expect((await h.call('DELETE', `items(${doomed.body.id})`)).status).toBe(204);
    const seen = [...numbers(first)];
    let next: string | undefined = first.body['@odata.nextLink'];
    while (next) {
      const page = await h.call('GET', next, { headers: { prefer: 'odata.maxpagesize=1000' } });
      seen.push(...numbers(page));
      next = page.body['@odata.nextLink'];
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain('AAA-FIRST');
    expect(seen).not.toContain('SKU-02500X');
    expect(seen[seen.length - 1]).toBe('ZZZ-LAST');
    expect(seen).toHaveLength(3001);
  });

  it('supports $top, $skip, $orderby desc, $count and /$count', async () => {
    const top = await h.call('GET', 'items?$orderby=number desc&$top=3&$skip=1&$select=number&$count=true');
    expect(numbers(top)).toEqual(['SKU-03000', 'SKU-02999', 'SKU-02998']);
    expect(numbers(await h.call('GET', 'items?$orderby=number desc&$top=1&$select=number'))).toEqual(['ZZZ-LAST']);
    expect(top.body['@odata.count']).toBe(3002);
    expect(top.body['@odata.nextLink']).toBeUndefined();
    const counted = await h.call('GET', "items/$count?$filter=startswith(number,'SKU-001')");
    expect(counted.text).toBe('100');
    const paged = await h.call('GET', 'items?$top=5&$select=number', { headers: { prefer: 'odata.maxpagesize=2' } });
    const rest = await h.call('GET', paged.body['@odata.nextLink'], { headers: { prefer: 'odata.maxpagesize=2' } });
    const last = await h.call('GET', rest.body['@odata.nextLink'], { headers: { prefer: 'odata.maxpagesize=2' } });
    expect([...numbers(paged), ...numbers(rest), ...numbers(last)]).toHaveLength(5);
    expect(last.body['@odata.nextLink']).toBeUndefined();
  });

  it('matches text case-sensitively with eq and contains, case-insensitively through tolower/toupper', async () => {
    const customer = (await h.call('GET', 'customers?$top=1')).body.value[0];
    const upper = customer.email.toUpperCase();
    expect((await h.call('GET', `customers?$filter=email eq '${upper}'`)).body.value).toHaveLength(0);
    expect((await h.call('GET', `customers?$filter=tolower(email) eq '${customer.email}'`)).body.value).toHaveLength(1);
    expect((await h.call('GET', `customers?$filter=toupper(email) eq '${upper}'`)).body.value).toHaveLength(1);
    expect((await h.call('GET', "items?$filter=contains(number,'sku-0000')")).body.value).toHaveLength(0);
    expect((await h.call('GET', "items?$filter=contains(number,'SKU-0000')")).body.value).toHaveLength(9);
  });

  it('needs $schemaversion=2.1 for in and nested functions, and typed literals', async () => {
    const inFilter = "items?$filter=number in ('SKU-00001','SKU-00002')";
    expect((await h.call('GET', inFilter)).status).toBe(400);
    expect(numbers(await h.call('GET', `${inFilter}&$schemaversion=2.1`))).toEqual(['SKU-00001', 'SKU-00002']);
    expect((await h.call('GET', "items?$filter=contains(tolower(displayName),'mug')")).status).toBe(400);
    expect((await h.call('GET', "items?$filter=contains(tolower(displayName),'mug')&$schemaversion=2.1")).status).toBe(200);
    const quotedGuid = await h.call('GET', "items?$filter=id eq '00000000-0000-0000-0000-000000000000'");
    expect(quotedGuid.status).toBe(400);
    expect(quotedGuid.body.error.message).toContain('incompatible types');
    expect((await h.call('GET', "items?$filter=lastModifiedDateTime gt '2024-01-01T00:00:00Z'")).status).toBe(400);
    expect((await h.call('GET', 'items?$filter=unitPrice gt 100 and unitPrice le 101')).status).toBe(200);
    expect((await h.call('GET', 'items?$filter=nosuchfield eq 1')).status).toBe(400);
    expect((await h.call('GET', 'items?$filter=number eq')).status).toBe(400);
  });

  it('expands navigation properties with nested options and refuses unknown ones', async () => {
    const customer = (await h.call('GET', 'customers?$top=1')).body.value[0];
    const lines = [1, 2, 3].map((i) => ({ lineType: 'Item', lineObjectNumber: `SKU-0000${i}`, quantity: i }));
    const invoice = await h.call('POST', 'salesInvoices', { body: { customerId: customer.id, salesInvoiceLines: lines } });
    const expanded = await h.call(
      'GET',
      `salesInvoices(${invoice.body.id})?$select=number&$expand=salesInvoiceLines($select=sequence,quantity;$filter=quantity gt 1;$orderby=sequence desc),customer($select=number)`,
    );
    expect(expanded.body.salesInvoiceLines.map((l: { quantity: number }) => l.quantity)).toEqual([3, 2]);
    expect(Object.keys(expanded.body.salesInvoiceLines[0]).sort()).toEqual(['@odata.etag', 'quantity', 'sequence']);
    expect(expanded.body.customer.number).toBe(customer.number);
    expect((await h.call('GET', 'items?$expand=pictures')).status).toBe(400);
    expect((await h.call('GET', 'items?$select=nosuch')).status).toBe(400);
  });
});
