import { HOOK_SECRET_HEADER, hookSecret } from '@mlc/connections';
import { InMemoryWatchStateStore } from '../testing/in-memory-stores';
import { fakeWatch, TEST_CREDENTIALS } from '../testing/fake-resources';
import { HookKeeper } from './hook-keeper';
import { HOOK_SCOPES } from './hook-plan';

const DEST = 'https://connector.example.com/webhooks/bigcommerce/shop-1';

function setup() {
  const w = fakeWatch();
  const state = new InMemoryWatchStateStore();
  return { ...w, state, keeper: new HookKeeper(w.deps, state) };
}

describe('HookKeeper', () => {
  it('creates one active hook per scope on the ingress route, with the derived secret header', async () => {
    const t = setup();
    expect(await t.keeper.check('shop-1')).toEqual([]);
    const hooks = [...t.store.hooks.values()];
    expect(hooks.map((h) => h.scope).sort()).toEqual([...HOOK_SCOPES].sort());
    for (const h of hooks) {
      expect(h).toMatchObject({ destination: DEST, is_active: true });
      expect(h.headers).toEqual({ [HOOK_SECRET_HEADER]: hookSecret('shop-1', TEST_CREDENTIALS) });
    }
    expect(await t.keeper.check('shop-1')).toEqual([]);
    expect(t.store.hooks.size).toBe(HOOK_SCOPES.length);
  });

  it('reactivates a hook BigCommerce deactivated and reports the gap', async () => {
    const t = setup();
    await t.keeper.check('shop-1');
    const created = [...t.store.hooks.values()].find((h) => h.scope === 'store/order/created')!;
    t.store.deactivateHook(created.id);
    expect(await t.keeper.check('shop-1')).toEqual(['store/order/created']);
    expect(t.store.hooks.get(created.id)?.is_active).toBe(true);
    expect(t.store.hooks.size).toBe(HOOK_SCOPES.length);
  });

  it('recreates a hook that disappeared and reports the gap', async () => {
    const t = setup();
    await t.keeper.check('shop-1');
    const refund = [...t.store.hooks.values()].find((h) => h.scope === 'store/order/refund/created')!;
    t.store.hooks.delete(refund.id);
    expect(await t.keeper.check('shop-1')).toEqual(['store/order/refund/created']);
    expect([...t.store.hooks.values()].filter((h) => h.scope === 'store/order/refund/created')).toHaveLength(1);
  });

  it('finds a hook whose create answer was lost instead of creating it twice', async () => {
    const t = setup();
    t.store.failNext('timeout', { method: 'createHook', afterApply: true });
    await expect(t.keeper.check('shop-1')).rejects.toMatchObject({ code: 'OUTCOME_UNKNOWN' });
    await t.keeper.check('shop-1');
    expect(t.store.hooks.size).toBe(HOOK_SCOPES.length);
  });
});
