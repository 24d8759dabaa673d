import { Decimal } from '@mlc/platform-money';
import { sameShipped, shippedBySku } from './sales-order-progress';

const line = (sequence: number, shipped: string) => ({ sequence, shippedQuantity: Decimal.parse(shipped) });

describe('shippedBySku', () => {
  it('sums BC shipped quantities per store SKU through the line sequences the connector wrote', () => {
    const map = [
      { sequence: 10000, sku: 'TEE-M' },
      { sequence: 20000, sku: 'MUG' },
      { sequence: 30000, sku: 'TEE-M' },
    ];
    expect(shippedBySku([line(10000, '1'), line(20000, '0'), line(30000, '2'), line(40000, '1')], map)).toEqual({ 'TEE-M': '3', MUG: '0' });
  });
});

describe('sameShipped', () => {
  it('compares quantities as decimals, a missing SKU counting as zero', () => {
    expect(sameShipped({ A: '1.0', B: '0' }, { A: '1' })).toBe(true);
    expect(sameShipped(null, { A: '0' })).toBe(true);
    expect(sameShipped({ A: '1' }, { A: '2' })).toBe(false);
  });
});
