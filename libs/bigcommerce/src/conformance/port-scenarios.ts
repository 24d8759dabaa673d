import { Decimal } from '@mlc/platform-money';
import { BigCommerceApi } from '../bigcommerce-api.port';
import { Replier, v3Page } from './recording-store';
import { buildCustomer } from '../testing/fixtures';

/*
 * Calls that drive every method of the BigCommerceApi port, with inputs chosen to reach every request shape the
 * client can build (optional filters on and off, every inventory target, nulls, characters that need encoding,
 * second pages by cursor, offset and empty 204). The mapped type makes a new port method a compile error here
 * until it has a scenario. `reaches` lists the official operations the scenario must hit, in order of first use.
 */

export interface PortScenario {
  readonly title: string;
  readonly run: (api: BigCommerceApi) => Promise<unknown>;
  readonly reaches: readonly string[];
  readonly replies?: Readonly<Record<string, Replier>>;
}

export type PortScenarios = { readonly [M in keyof BigCommerceApi]: readonly PortScenario[] };

const drain = async (rows: AsyncIterable<unknown>) => {
  const out: unknown[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

const d = (text: string) => Decimal.parse(text);
const since = new Date('2024-05-14T09:34:00.000Z');
const destination = 'https://connector.example.com/bc/webhooks/conn-1';
const emails = Array.from({ length: 51 }, (_, i) => `Shopper+${i}@Example.com`);

export const PORT_SCENARIOS: PortScenarios = {
  storeInformation: [{ title: 'store information', run: (api) => api.storeInformation(), reaches: ['GET /v2/store'] }],
  getOrder: [
    { title: 'order with inline lines', run: (api) => api.getOrder(250), reaches: ['GET /v2/orders/{order_id}'] },
  ],
  listOrdersModifiedSince: [
    { title: 'open-ended poll', run: (api) => drain(api.listOrdersModifiedSince(since)), reaches: ['GET /v2/orders'] },
    {
      title: 'bounded poll paged to an empty 204',
      run: (api) => drain(api.listOrdersModifiedSince(since, { until: new Date('2024-05-15T00:00:00Z'), pageSize: 2 })),
      reaches: ['GET /v2/orders'],
    },
  ],
  listOrderProducts: [
    { title: 'order lines', run: (api) => api.listOrderProducts(250), reaches: ['GET /v2/orders/{order_id}/products'] },
  ],
  listRefunds: [
    {
      title: 'refunds of one order',
      run: (api) => api.listRefunds(250),
      reaches: ['GET /v3/orders/{order_id}/payment_actions/refunds'],
    },
  ],
  findCustomersByEmail: [
    {
      title: '51 emails with "+" in two lookups, cursor-paged',
      run: (api) => api.findCustomersByEmail(emails),
      reaches: ['GET /v3/customers'],
    },
    {
      title: 'offset fallback when no cursor comes back',
      run: (api) => api.findCustomersByEmail(['jane.doe@example.com']),
      reaches: ['GET /v3/customers'],
      replies: {
        'GET /v3/customers': ({ query }) => {
          const page = Number(query.get('page') ?? '1');
          return { status: 200, body: v3Page([buildCustomer(page, 'jane.doe@example.com')], page, 2) };
        },
      },
    },
  ],
  listProducts: [
    { title: 'default page size', run: (api) => drain(api.listProducts()), reaches: ['GET /v3/catalog/products'] },
    {
      title: 'small page size',
      run: (api) => drain(api.listProducts({ pageSize: 10 })),
      reaches: ['GET /v3/catalog/products'],
    },
  ],
  getVariantsBySku: [
    {
      title: 'SKUs needing encoding, one request each',
      run: (api) => api.getVariantsBySku(['A+1', 'B 2', 'C/3&x=1', 'Ü-4', 'D,5']),
      reaches: ['GET /v3/catalog/variants'],
    },
  ],
  updateVariantsBatch: [
    {
      title: 'prices, sale prices, levels and inherited (null) prices',
      run: (api) =>
        api.updateVariantsBatch([
          { id: 9, price: d('19.99'), salePrice: d('17.5'), inventoryLevel: 4 },
          { id: 10, price: null, salePrice: null },
          { id: 11, inventoryLevel: 0 },
        ]),
      reaches: ['PUT /v3/catalog/variants'],
    },
  ],
  updateProductsBatch: [
    {
      title: 'price, sale price and level',
      run: (api) => api.updateProductsBatch([{ id: 1, price: d('25'), salePrice: d('19.5'), inventoryLevel: 12 }]),
      reaches: ['PUT /v3/catalog/products'],
    },
    {
      title: 'clearing the sale price',
      run: (api) => api.updateProductsBatch([{ id: 2, salePrice: null }]),
      reaches: ['PUT /v3/catalog/products'],
    },
  ],
  adjustAbsolute: [
    {
      title: 'every target kind',
      run: (api) =>
        api.adjustAbsolute({
          reason: 'ERP sync',
          items: [
            { locationId: 1, quantity: 100, target: { variantId: 74 } },
            { locationId: 1, quantity: 5, target: { sku: 'SM-13' } },
            { locationId: 2, quantity: 0, target: { productId: 111 } },
          ],
        }),
      reaches: ['PUT /v3/inventory/adjustments/absolute'],
    },
  ],
  adjustRelative: [
    {
      title: 'negative and positive deltas, every target kind',
      run: (api) =>
        api.adjustRelative({
          reason: 'orders committed in BC',
          items: [
            { locationId: 1, quantity: -3, target: { variantId: 74 } },
            { locationId: 1, quantity: 2, target: { sku: 'SM-13' } },
            { locationId: 1, quantity: -1, target: { productId: 111 } },
          ],
        }),
      reaches: ['POST /v3/inventory/adjustments/relative'],
    },
  ],
  listLocations: [{ title: 'locations', run: (api) => api.listLocations(), reaches: ['GET /v3/inventory/locations'] }],
  listHooks: [
    { title: 'every hook', run: (api) => api.listHooks(), reaches: ['GET /v3/hooks'] },
    {
      title: 'filtered by scope, destination and state',
      run: (api) => api.listHooks({ scope: 'store/order/*', destination, isActive: false }),
      reaches: ['GET /v3/hooks'],
    },
  ],
  createHook: [
    {
      title: 'with the secret header',
      run: (api) => api.createHook({ scope: 'store/order/*', destination, headers: { 'X-Mlc-Secret': 's3cr3t' } }),
      reaches: ['POST /v3/hooks'],
    },
    {
      title: 'inactive, without headers',
      run: (api) => api.createHook({ scope: 'store/sku/*', destination, isActive: false }),
      reaches: ['POST /v3/hooks'],
    },
  ],
  updateHook: [
    {
      title: 'reactivate',
      run: (api) => api.updateHook(18048287, { isActive: true }),
      reaches: ['PUT /v3/hooks/{webhook_id}'],
    },
    {
      title: 'every field, headers cleared',
      run: (api) => api.updateHook(18048287, { isActive: true, headers: null, destination, scope: 'store/product/*' }),
      reaches: ['PUT /v3/hooks/{webhook_id}'],
    },
  ],
  deleteHook: [{ title: 'delete', run: (api) => api.deleteHook(18048287), reaches: ['DELETE /v3/hooks/{webhook_id}'] }],
};
