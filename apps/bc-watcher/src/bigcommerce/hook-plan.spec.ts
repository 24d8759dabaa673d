import type { BigCommerceHook } from '@mlc/bigcommerce';
import { HOOK_SCOPES, isOrderScope, planHooks } from './hook-plan';

const DEST = 'https://connector.example.com/webhooks/bigcommerce/shop-1';
const header = { name: 'x-ml-connector-secret', value: 's3cret' };
const desired = { destination: DEST, header, scopes: ['store/order/created', 'store/product/updated'] };

function hook(id: number, scope: string, overrides: Partial<BigCommerceHook> = {}): BigCommerceHook {
  return { id, scope, destination: DEST, is_active: true, headers: { [header.name]: header.value }, ...overrides };
}

describe('planHooks', () => {
  it('creates every missing scope without calling it a gap the first time', () => {
    const plan = planHooks(desired, [], new Map());
    expect(plan.actions.map((a) => a.kind)).toEqual(['create', 'create']);
    expect(plan.gaps).toEqual([]);
  });

  it('keeps active hooks that carry the secret', () => {
    const plan = planHooks(desired, [hook(1, 'store/order/created'), hook(2, 'store/product/updated')], new Map());
    expect(plan.actions.map((a) => a.kind)).toEqual(['keep', 'keep']);
  });

  it('reactivates a deactivated hook and reports the gap', () => {
    const listed = [hook(1, 'store/order/created', { is_active: false }), hook(2, 'store/product/updated')];
    const plan = planHooks(desired, listed, new Map([['store/order/created', { hookId: 1, active: true }]]));
    expect(plan.actions[0]).toMatchObject({ kind: 'reactivate', scope: 'store/order/created', fixHeaders: false });
    expect(plan.gaps).toEqual(['store/order/created']);
  });

  it('recreates a hook that vanished since the last check and reports the gap', () => {
    const recorded = new Map([['store/order/created', { hookId: 1, active: true }]]);
    const plan = planHooks(desired, [hook(2, 'store/product/updated')], recorded);
    expect(plan.actions[0]).toEqual({ kind: 'create', scope: 'store/order/created' });
    expect(plan.gaps).toEqual(['store/order/created']);
  });

  it('fixes a hook whose secret header is missing or stale (key rotation), matching the name in any case', () => {
    const listed = [
      hook(1, 'store/order/created', { headers: { 'X-ML-Connector-Secret': 'old' } }),
      hook(2, 'store/product/updated', { headers: { 'X-ML-Connector-Secret': 's3cret' } }),
    ];
    const plan = planHooks(desired, listed, new Map());
    expect(plan.actions.map((a) => a.kind)).toEqual(['fix-headers', 'keep']);
  });

  it('ignores hooks of other destinations', () => {
    const plan = planHooks(desired, [hook(1, 'store/order/created', { destination: 'https://other.example.com/h' })], new Map());
    expect(plan.actions[0]?.kind).toBe('create');
  });

  it('subscribes to orders, refunds, products and SKUs', () => {
    expect(HOOK_SCOPES).toEqual(
      expect.arrayContaining(['store/order/statusUpdated', 'store/order/refund/created', 'store/sku/deleted', 'store/product/created']),
    );
    expect(isOrderScope('store/order/refund/created')).toBe(true);
    expect(isOrderScope('store/sku/updated')).toBe(false);
  });
});
