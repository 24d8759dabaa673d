import { limiterOptionsOf, STANDARD_PLAN_QUOTA } from './store-clients';

describe('limiterOptionsOf', () => {
  it('keeps exactly the configured reserve free on a Standard plan window', () => {
    for (const reserve of [0, 1, 20, 30, 100]) {
      const { catalogReserve } = limiterOptionsOf({ quotaShare: 0.6, reserveForOrderReads: reserve });
      expect(Math.max(0, Math.ceil(STANDARD_PLAN_QUOTA * catalogReserve))).toBe(reserve);
    }
  });

  it('caps a reserve of the whole window below 1, which the limiter requires', () => {
    expect(limiterOptionsOf({ quotaShare: 1, reserveForOrderReads: 500 }).catalogReserve).toBeLessThan(1);
  });

  it('scales the reserve with larger plans and passes the share on', () => {
    const options = limiterOptionsOf({ quotaShare: 0.25, reserveForOrderReads: 20 });
    expect(options.share).toBe(0.25);
    expect(Math.ceil(450 * options.catalogReserve)).toBe(59);
  });
});
