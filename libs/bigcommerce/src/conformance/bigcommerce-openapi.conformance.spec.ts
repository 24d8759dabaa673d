import { OpenApiCatalog } from './openapi-catalog';
import { PORT_SCENARIOS, PortScenario } from './port-scenarios';
import { ACCESS_TOKEN, RecordingStore, startRecordingStore } from './recording-store';
import { RequestConformance, Verdict } from './request-check';

/*
 * Every method of the BigCommerceApi port, driven through the real BigCommerceApiClient against a recording store
 * on 127.0.0.1, and every request it sent judged against the operation it targets in BigCommerce's official OpenAPI
 * files (read at test time from the shared reference folder; a missing folder fails every test here, naming it).
 * Test names form the coverage table: `<official operation> ← <port method> (<scenario>)`.
 */

let catalog: OpenApiCatalog;
let conformance: RequestConformance;
let store: RecordingStore;

beforeAll(async () => {
  catalog = OpenApiCatalog.loadOfficial();
  conformance = new RequestConformance(catalog);
  store = await startRecordingStore(catalog);
});

afterEach(() => store?.reset());
afterAll(() => store?.close());

const rows: Array<[string, PortScenario]> = Object.entries(PORT_SCENARIOS).flatMap(([method, scenarios]) =>
  scenarios.map((s): [string, PortScenario] => [`${s.reaches.join(' + ')} ← ${method} (${s.title})`, s]),
);

function problemsOf(verdicts: readonly Verdict[]): string[] {
  return verdicts.flatMap((v, i) => v.problems.map((p) => `request ${i + 1} ${v.label ?? '(unmatched)'}: ${p}`));
}

describe('BigCommerce requests conform to the official OpenAPI descriptions', () => {
  it.each(rows)('%s', async (_name, scenario) => {
    store.override(scenario.replies ?? {});
    await scenario.run(store.api);

    const verdicts = store.requests.map((r) => conformance.check(r));
    expect(problemsOf(verdicts)).toEqual([]);
    expect([...new Set(verdicts.map((v) => v.label))]).toEqual(scenario.reaches);
    expect(store.requests.every((r) => r.headers['x-auth-token'] === ACCESS_TOKEN)).toBe(true);
  });

  it('has a scenario for every method of the port the client implements', () => {
    const implemented = Object.entries(store.api)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name)
      .sort();
    expect(implemented.length).toBeGreaterThan(10);
    expect(Object.keys(PORT_SCENARIOS).sort()).toEqual(implemented);
  });

  it('reaches each official operation the adapter uses, in the file that documents it', async () => {
    const byLabel = new Map<string, string>();
    for (const [, scenario] of rows) {
      store.override(scenario.replies ?? {});
      await scenario.run(store.api);
      for (const request of store.requests) {
        const verdict = conformance.check(request);
        if (verdict.label && verdict.file) byLabel.set(verdict.label, verdict.file);
      }
      store.reset();
    }
    expect(Object.fromEntries([...byLabel].sort())).toEqual({
      'DELETE /v3/hooks/{webhook_id}': 'webhooks.v3.yml',
      'GET /v2/orders': 'orders.v2.oas2.yml',
      'GET /v2/orders/{order_id}': 'orders.v2.oas2.yml',
      'GET /v2/orders/{order_id}/products': 'orders.v2.oas2.yml',
      'GET /v2/store': 'store_information.v2.yml',
      'GET /v3/catalog/products': 'products_catalog.v3.yml',
      'GET /v3/catalog/variants': 'product-variants_catalog.v3.yml',
      'GET /v3/customers': 'customers.v3.yml',
      'GET /v3/hooks': 'webhooks.v3.yml',
      'GET /v3/inventory/locations': 'locations.v3.yml',
      'GET /v3/orders/{order_id}/payment_actions/refunds': 'orders.v3.yml',
      'POST /v3/hooks': 'webhooks.v3.yml',
      'POST /v3/inventory/adjustments/relative': 'inventory.v3.yml',
      'PUT /v3/catalog/products': 'products_catalog.v3.yml',
      'PUT /v3/catalog/variants': 'product-variants_catalog.v3.yml',
      'PUT /v3/hooks/{webhook_id}': 'webhooks.v3.yml',
      'PUT /v3/inventory/adjustments/absolute': 'inventory.v3.yml',
    });
  });
});
