import { Decimal } from '@mlc/platform-money';
import { OpenApiCatalog } from './openapi-catalog';
import { RecordingStore, startRecordingStore } from './recording-store';

/* Regressions for non-conformant requests the conformance suite found in the adapter, named after what broke. */

let store: RecordingStore;

beforeAll(async () => {
  store = await startRecordingStore(OpenApiCatalog.loadOfficial());
});
afterEach(() => store?.reset());
afterAll(() => store?.close());

describe('fixed by the conformance suite', () => {
  it('a cleared product sale price is sent as 0, never null (product sale_price is not nullable)', async () => {
    await store.api.updateProductsBatch([
      { id: 2, salePrice: null },
      { id: 3, salePrice: Decimal.parse('4.5') },
    ]);
    expect(JSON.parse(store.requests[0]?.body ?? 'null')).toEqual([
      { id: 2, sale_price: 0 },
      { id: 3, sale_price: 4.5 },
    ]);
  });

  it('a cleared variant sale price stays null (variant sale_price is x-nullable)', async () => {
    await store.api.updateVariantsBatch([{ id: 9, salePrice: null }]);
    expect(JSON.parse(store.requests[0]?.body ?? 'null')).toEqual([{ id: 9, sale_price: null }]);
  });
});
