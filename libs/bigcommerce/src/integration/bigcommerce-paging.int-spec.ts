import { BIGCOMMERCE_LIMITS } from '../bigcommerce-api.port';
import { StoreSandbox, drain, startStoreSandbox } from './testing/store-sandbox-kit';

jest.setTimeout(60_000);

const PRODUCTS = 1200;
const VARIANTS_PER_PRODUCT = 2;
const CUSTOMERS = 1000;

describe('BigCommerce client paging against the sandbox', () => {
  let sandbox: StoreSandbox;
  let seeded: { skus: string[]; customers: string[] };

  beforeAll(async () => {
    sandbox = await startStoreSandbox();
    seeded = await sandbox.process.control.seed({
      products: PRODUCTS,
      variantsPerProduct: VARIANTS_PER_PRODUCT,
      customers: CUSTOMERS,
    });
  });
  afterAll(() => sandbox?.stop());
  beforeEach(() => sandbox.clearCalls());

  it('reads every product and variant once, in as many requests as full pages need', async () => {
    const products = await drain(sandbox.api().listProducts());
    const variants = products.flatMap((p) => p.variants ?? []);

    expect(products).toHaveLength(PRODUCTS);
    expect(new Set(products.map((p) => p.id)).size).toBe(PRODUCTS);
    expect(variants).toHaveLength(PRODUCTS * VARIANTS_PER_PRODUCT);
    expect(new Set(variants.map((v) => v.sku))).toEqual(new Set(seeded.skus));
    const calls = await sandbox.calls();
    expect(calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual(
      Array(Math.ceil(PRODUCTS / BIGCOMMERCE_LIMITS.pageSize)).fill('GET /stores/sandbox/v3/catalog/products 200'),
    );
  });

  it('honours a smaller page size and still stops at the last page', async () => {
    const products = await drain(sandbox.api().listProducts({ pageSize: 100 }));
    expect(products).toHaveLength(PRODUCTS);
    expect(await sandbox.calls()).toHaveLength(PRODUCTS / 100);
  });

  it('finds a thousand customers by email in one request per 50 addresses', async () => {
    const found = await sandbox.api().findCustomersByEmail(seeded.customers);
    expect(found).toHaveLength(CUSTOMERS);
    expect(new Set(found.map((c) => c.email.toLowerCase()))).toEqual(
      new Set(seeded.customers.map((e) => e.toLowerCase())),
    );
    const calls = await sandbox.calls();
    expect(calls).toHaveLength(Math.ceil(CUSTOMERS / BIGCOMMERCE_LIMITS.emailsPerLookup));
    expect(calls.every((c) => c.status === 200 && c.path.endsWith('/v3/customers'))).toBe(true);
  });
});
