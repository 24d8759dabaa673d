import { BC_DEFAULTS } from './bc-identity';
import { BcHarness, startBcHarness } from './testing/bc-harness';

describe('BC control API: seed, state, item changes, settings, reset', () => {
  let h: BcHarness;
  beforeAll(async () => {
    h = await startBcHarness({ seed: { products: 3, variantsPerProduct: 2, customers: 2 } });
  });
  afterAll(() => h?.close());

  it('seeds one item per sellable SKU with the store price and stock, customers, and the setup tables', async () => {
    const state = (await h.control('GET', '/__sandbox/state')).body['business-central'];
    expect(state.company).toEqual({ id: BC_DEFAULTS.companyId, name: BC_DEFAULTS.companyName });
    expect(state.items.map((i: { number: string }) => i.number)).toEqual([
      'SKU-00001-S',
      'SKU-00001-M',
      'SKU-00002-S',
      'SKU-00002-M',
      'SKU-00003-S',
      'SKU-00003-M',
    ]);
    const store = (await h.control('GET', '/__sandbox/state')).body.bigcommerce;
    expect(store).toBeDefined();
    expect(state.customers).toHaveLength(2);
    const accounts = (await h.call('GET', 'accounts?$select=number,displayName')).body.value.map((a: { number: string }) => a.number);
    expect(accounts).toEqual(expect.arrayContaining(['40400', '40410', '40420', '22100', '40900', '22500']));
    const currencies = (await h.call('GET', 'currencies')).body.value.map((c: { code: string }) => c.code);
    expect(currencies).toEqual(['EUR', 'GBP']);
    expect((await h.call('GET', 'paymentTerms')).body.value.length).toBeGreaterThan(0);
  });

  it('changes prices (notifying) and stock (silently) and reports both in state', async () => {
    const res = await h.control('POST', '/__sandbox/business-central/items/sku-00001-s', { unitPrice: '12.34', inventory: 7 });
    expect(res.status).toBe(200);
    expect([res.body.unitPrice, res.body.inventory]).toEqual([12.34, 7]);
    const item = (await h.control('GET', '/__sandbox/state')).body['business-central'].items[0];
    expect(item).toEqual(expect.objectContaining({ number: 'SKU-00001-S', unitPrice: 12.34, inventory: 7 }));
  });

  it('answers invalid control requests with clear messages', async () => {
    const unknown = await h.control('POST', '/__sandbox/business-central/items/NOPE', { unitPrice: '1' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toContain('NOPE');
    const bad = await h.control('POST', '/__sandbox/business-central/items/SKU-00001-S', { unitPrice: 'cheap' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0]).toContain('unitPrice');
    const empty = await h.control('POST', '/__sandbox/business-central/items/SKU-00001-S', {});
    expect(empty.status).toBe(400);
    const settings = await h.control('POST', '/__sandbox/business-central/settings', { throttle: { maxQueue: -1 }, colour: 'red' });
    expect(settings.status).toBe(400);
    expect(settings.body.issues.join(' ')).toMatch(/throttle\.maxQueue|colour/);
  });

  it('reset empties the company to its setup and restores default settings', async () => {
    await h.control('POST', '/__sandbox/business-central/settings', { collectionThreshold: 5 });
    expect((await h.control('POST', '/__sandbox/reset')).status).toBe(200);
    expect((await h.control('GET', '/__sandbox/business-central/settings')).body.collectionThreshold).toBe(1000);
    expect((await h.call('GET', 'items')).body.value).toHaveLength(0);
    expect((await h.call('GET', 'taxAreas')).body.value.length).toBeGreaterThan(0);
  });
});
