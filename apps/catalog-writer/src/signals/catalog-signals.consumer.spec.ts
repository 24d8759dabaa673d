import { refreshesMap } from './catalog-signals.consumer';

describe('refreshesMap', () => {
  it('refreshes the SKU map for product and SKU changes but not for inventory webhooks', () => {
    expect(refreshesMap('store/product/updated')).toBe(true);
    expect(refreshesMap('store/product/deleted')).toBe(true);
    expect(refreshesMap('store/sku/created')).toBe(true);
    expect(refreshesMap('store/product/inventory/updated')).toBe(false);
    expect(refreshesMap('store/sku/inventory/order/updated')).toBe(false);
  });
});
