import { BigCommerceTestSandbox, JsonBody as Json, WebhookReceiver } from './testing';

describe('BigCommerce sandbox v3 customers', () => {
  let sb: BigCommerceTestSandbox;

  beforeAll(async () => {
    sb = await BigCommerceTestSandbox.start({ seed: { products: 3, customers: 3 } });
  });
  afterAll(() => sb?.close());

  it('creates customers with addresses, fires store/customer/created, and bills their orders to that address', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      await sb.api('POST', '/v3/hooks', { body: { scope: 'store/customer/created', destination: receiver.url() } });
      const address = {
        first_name: 'Grace',
        last_name: 'Hopper',
        address1: '1 Navy Way',
        city: 'Arlington',
        state_or_province: 'Virginia',
        postal_code: '22201',
        country_code: 'US',
      };
      const created = await sb.api('POST', '/v3/customers', {
        body: [{ email: 'Grace.Hopper@Example.com', first_name: 'Grace', last_name: 'Hopper', addresses: [address] }],
      });
      expect(created.status).toBe(200);
      const id = created.json<{ data: Json[] }>().data[0]!.id as number;
      expect((await receiver.waitFor(() => true))[0]!.body).toContain(`"id":${id}`);
      const found = (await sb.api('GET', '/v3/customers?email:in=grace.hopper@example.com&include=addresses')).json<{
        data: Json[];
      }>().data;
      expect(found).toHaveLength(1);
      expect(found[0]!.addresses[0]).toMatchObject({ customer_id: id, address1: '1 Navy Way', country_code: 'US' });
      const orderId = await sb.placeOrder({
        customerEmail: 'grace.hopper@example.com',
        lines: [{ sku: 'SKU-00001', quantity: 1 }],
      });
      const order = (await sb.api('GET', `/v2/orders/${orderId}`)).json<Json>();
      expect(order.customer_id).toBe(id);
      expect(order.billing_address).toMatchObject({
        first_name: 'Grace',
        street_1: '1 Navy Way',
        city: 'Arlington',
        zip: '22201',
      });
    } finally {
      await receiver.close();
    }
  });

  it('refuses duplicate emails and incomplete customers or addresses with 422 naming the field', async () => {
    const duplicate = await sb.api('POST', '/v3/customers', {
      body: [{ email: 'grace.hopper@example.com', first_name: 'G', last_name: 'H' }],
    });
    expect(duplicate.status).toBe(422);
    expect(duplicate.json<Json>()).toMatchObject({
      title: 'Create customers failed.',
      errors: { '0.email': expect.any(String) },
    });
    const incomplete = await sb.api('POST', '/v3/customers', {
      body: [{ email: 'x@example.com', first_name: 'X', last_name: 'Y', addresses: [{ first_name: 'X' }] }],
    });
    expect(Object.keys(incomplete.json<Json>().errors)).toEqual(
      expect.arrayContaining(['0.addresses.0.address1', '0.addresses.0.city']),
    );
    expect((await sb.api('POST', '/v3/customers', { body: { email: 'not-an-array@example.com' } })).status).toBe(422);
  });

  it('updates by id, sorts, and deletes by id:in', async () => {
    const all = (await sb.api('GET', '/v3/customers?sort=last_name:asc')).json<{ data: Json[] }>().data;
    const names = all.map((c) => c.last_name.toLowerCase());
    expect(names).toEqual([...names].sort());
    const target = all[0]!;
    const updated = await sb.api('PUT', '/v3/customers', {
      body: [{ id: target.id, last_name: 'Renamed', email: 'renamed@example.com' }],
    });
    expect(updated.json<{ data: Json[] }>().data[0]).toMatchObject({
      last_name: 'Renamed',
      email: 'renamed@example.com',
    });
    expect((await sb.api('PUT', '/v3/customers', { body: [{ last_name: 'No id' }] })).status).toBe(422);
    expect((await sb.api('DELETE', `/v3/customers?id:in=${target.id}`)).status).toBe(204);
    expect((await sb.api('GET', `/v3/customers?id:in=${target.id}`)).json<{ data: Json[] }>().data).toEqual([]);
    expect((await sb.api('GET', '/v3/customers?sort=email:asc')).status).toBe(422);
    expect((await sb.api('GET', '/v3/customers?date_created:min=yesterday')).status).toBe(422);
  });
});
