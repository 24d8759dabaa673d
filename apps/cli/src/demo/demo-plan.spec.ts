import { LEGACY_ITEM, LEGACY_SKU, planDemo, type PlanInput } from './demo-plan';

const skus = Array.from({ length: 60 }, (_, i) => `SKU-${String(i + 1).padStart(5, '0')}-S`);
const input: PlanInput = {
  skus,
  customers: ['ada@example.com', 'grace@example.com', 'alan@example.com'],
  prices: Object.fromEntries(skus.map((s) => [s, '20.00'])),
  inventory: Object.fromEntries(skus.map((s) => [s, 50])),
  orders: 40,
  catalogChanges: 10,
  seed: 7,
};

describe('planDemo', () => {
  it('plans the same burst for the same seed and a different one for another', () => {
    expect(planDemo(input)).toEqual(planDemo(input));
    expect(planDemo({ ...input, seed: 8 }).orders).not.toEqual(planDemo(input).orders);
  });

  it('changes in BC only SKUs that no order sells, so each change is seen in the store on its own', () => {
    const plan = planDemo(input);
    const ordered = new Set(
      [...plan.orders, plan.cancelled, plan.unmapped].flatMap((o) => o.request.lines.map((l) => l.sku)),
    );
    expect(plan.catalogChanges).toHaveLength(10);
    expect(plan.catalogChanges.filter((c) => ordered.has(c.sku))).toEqual([]);
    expect(plan.catalogChanges.filter((c) => c.kind === 'price')).toHaveLength(5);
  });

  it('changes prices by a factor with 2 places and stock to a different non-negative level', () => {
    for (const change of planDemo(input).catalogChanges) {
      if (change.kind === 'price') {
        expect(change.value).toMatch(/^\d+\.\d{2}$/);
        expect(change.value).not.toBe('20.00');
      } else {
        expect(Number(change.value)).toBeGreaterThanOrEqual(0);
        expect(Number(change.value)).not.toBe(50);
      }
    }
  });

  it('mixes shoppers, guests, coupons and pickups, and repeat shoppers reuse an earlier new email', () => {
    const plan = planDemo({ ...input, orders: 200 });
    const shoppers = new Set(plan.orders.map((o) => o.shopper));
    expect([...shoppers].sort()).toEqual(['guest', 'guest-known', 'new', 'repeat-new', 'returning']);
    expect(plan.orders.some((o) => o.request.couponCode === 'SAVE10')).toBe(true);
    expect(plan.orders.some((o) => o.request.fulfillment === 'pickup' && o.request.shippingCost === undefined)).toBe(true);
    const newEmails = new Set(plan.orders.filter((o) => o.shopper === 'new').map((o) => o.request.customerEmail!.toLowerCase()));
    for (const repeat of plan.orders.filter((o) => o.shopper === 'repeat-new')) {
      expect(newEmails.has(repeat.request.customerEmail!)).toBe(true);
    }
    expect(plan.orders.filter((o) => o.shopper.startsWith('guest')).every((o) => o.request.guest === true)).toBe(true);
  });

  it('plans the stories: an unpaid order to cancel, a store-only SKU to map, one partial and one full refund', () => {
    const plan = planDemo(input);
    expect(plan.cancelled.request.statusId).toBe(7);
    expect(plan.unmapped.request.lines.map((l) => l.sku)).toContain(LEGACY_SKU);
    // Mapped to an item no seeded store listing carries: the mapping must not make another listing ambiguous.
    expect(plan.unmapped.mapToItem).toBe(LEGACY_ITEM);
    expect(skus.map((s) => s.toUpperCase())).not.toContain(plan.unmapped.mapToItem);
    const partial = plan.orders.find((o) => o.key === plan.partialRefund.key)!;
    expect(partial.request.lines.map((l) => l.sku)).toContain(plan.partialRefund.sku);
    expect(plan.fullRefund.key).not.toBe(plan.partialRefund.key);
  });

  it('refuses a catalog too small to plan from', () => {
    expect(() => planDemo({ ...input, skus: skus.slice(0, 5) })).toThrow('at least 20 SKUs');
  });
});
